CREATE TABLE "delivery_issues" (
	"channel" text PRIMARY KEY NOT NULL,
	"team_ref" text,
	"error" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notices" (
	"key" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"entity_ref" text NOT NULL,
	"owner_ref" text,
	"title" text NOT NULL,
	"why" text NOT NULL,
	"action" text NOT NULL,
	"file" text,
	"state" text DEFAULT 'open' NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"claimed_until" timestamp with time zone,
	"channel" text,
	"message_ts" text,
	"sent_at" timestamp with time zone,
	"resolved_sent_at" timestamp with time zone,
	"snoozed_until" timestamp with time zone,
	"disowned_by" text
);
--> statement-breakpoint
CREATE TABLE "once_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"claimed_by" text NOT NULL,
	"claimed_until" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"result" jsonb
);
--> statement-breakpoint
CREATE INDEX "notices_owner_idx" ON "notices" USING btree ("owner_ref","state");--> statement-breakpoint
CREATE INDEX "notices_due_idx" ON "notices" USING btree ("state","due_at");--> statement-breakpoint
CREATE INDEX "notices_message_idx" ON "notices" USING btree ("channel","message_ts");