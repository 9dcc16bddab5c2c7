CREATE TABLE "repository_facts" (
	"repository" text PRIMARY KEY NOT NULL,
	"facts" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "repository_facts_archived_idx" ON "repository_facts" USING btree ("archived");