CREATE TABLE "ownership_checks" (
	"key" text PRIMARY KEY NOT NULL,
	"team_ref" text NOT NULL,
	"entity_refs" text[] NOT NULL,
	"asked_at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"message_ts" text NOT NULL,
	"answer" text,
	"answered_by" text,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "ownership_checks_team_idx" ON "ownership_checks" USING btree ("team_ref","asked_at");