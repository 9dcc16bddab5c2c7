CREATE TABLE "task_steps" (
	"task_id" text NOT NULL,
	"position" integer NOT NULL,
	"step_id" text NOT NULL,
	"name" text NOT NULL,
	"action" text NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"log" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "task_steps_task_id_position_pk" PRIMARY KEY("task_id","position")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"request_key" text NOT NULL,
	"template_ref" text NOT NULL,
	"template_title" text NOT NULL,
	"requested_by" text NOT NULL,
	"requested_by_ref" text,
	"values" jsonb NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"approval" text,
	"approvers" text,
	"decided_by" text,
	"decision_note" text,
	"failed_step" text,
	"error" text,
	"output" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"slack_channel" text,
	"slack_thread_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "tasks_request_key_unique" UNIQUE("request_key")
);
--> statement-breakpoint
CREATE INDEX "tasks_state_idx" ON "tasks" USING btree ("state");--> statement-breakpoint
CREATE INDEX "tasks_requested_by_idx" ON "tasks" USING btree ("requested_by","created_at");