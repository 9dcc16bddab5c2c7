CREATE TABLE "catalog_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"ref" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"namespace" text NOT NULL,
	"name" text NOT NULL,
	"title" text,
	"description" text,
	"owner" text,
	"body" jsonb NOT NULL,
	"hash" text NOT NULL,
	"location_key" text NOT NULL,
	"file" text NOT NULL,
	"file_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "location_files" (
	"location_key" text NOT NULL,
	"path" text NOT NULL,
	"url" text,
	"sha" text NOT NULL,
	"parsed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "location_files_location_key_path_pk" PRIMARY KEY("location_key","path")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"key" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"target" text NOT NULL,
	"status" text DEFAULT 'ok' NOT NULL,
	"last_error" text,
	"last_read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"location_key" text NOT NULL,
	"file" text NOT NULL,
	"document" integer,
	"field" text,
	"entity_ref" text,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "processed_events" (
	"id" text PRIMARY KEY NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relations" (
	"origin_ref" text NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "relations_origin_ref_source_type_target_pk" PRIMARY KEY("origin_ref","source","type","target")
);
--> statement-breakpoint
CREATE TABLE "slack_users" (
	"email" text PRIMARY KEY NOT NULL,
	"slack_user_id" text,
	"looked_up_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"stats" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE INDEX "entities_kind_idx" ON "entities" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "entities_location_idx" ON "entities" USING btree ("location_key","file");--> statement-breakpoint
CREATE INDEX "entities_owner_idx" ON "entities" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "problems_location_idx" ON "problems" USING btree ("location_key","file");--> statement-breakpoint
CREATE INDEX "relations_source_idx" ON "relations" USING btree ("source","type");--> statement-breakpoint
CREATE INDEX "relations_target_idx" ON "relations" USING btree ("target","type");