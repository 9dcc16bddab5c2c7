CREATE TABLE "scorecard_claims" (
	"key" text PRIMARY KEY NOT NULL,
	"value" integer DEFAULT 0 NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scorecard_level_history" (
	"entity_ref" text NOT NULL,
	"scorecard" text NOT NULL,
	"day" date NOT NULL,
	"level" text,
	"level_index" integer NOT NULL,
	"failing" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "scorecard_level_history_entity_ref_scorecard_day_pk" PRIMARY KEY("entity_ref","scorecard","day")
);
--> statement-breakpoint
CREATE TABLE "scorecard_levels" (
	"entity_ref" text NOT NULL,
	"scorecard" text NOT NULL,
	"level" text,
	"level_index" integer NOT NULL,
	"owner" text,
	"failing" text[] DEFAULT '{}'::text[] NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_levels_entity_ref_scorecard_pk" PRIMARY KEY("entity_ref","scorecard")
);
--> statement-breakpoint
CREATE TABLE "scorecard_results" (
	"entity_ref" text NOT NULL,
	"scorecard" text NOT NULL,
	"check_id" text NOT NULL,
	"outcome" text NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "scorecard_results_entity_ref_scorecard_check_id_pk" PRIMARY KEY("entity_ref","scorecard","check_id")
);
--> statement-breakpoint
CREATE INDEX "scorecard_level_history_day_idx" ON "scorecard_level_history" USING btree ("scorecard","day");--> statement-breakpoint
CREATE INDEX "scorecard_levels_owner_idx" ON "scorecard_levels" USING btree ("owner");--> statement-breakpoint
CREATE INDEX "scorecard_levels_scorecard_idx" ON "scorecard_levels" USING btree ("scorecard","level_index");