DROP TABLE "scorecard_results" CASCADE;--> statement-breakpoint
ALTER TABLE "scorecard_levels" ADD COLUMN "outcomes" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scorecard_levels" ADD COLUMN "outcome_changed_at" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "scorecard_levels" ADD COLUMN "scored_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "scorecard_levels" ADD COLUMN "signature" text DEFAULT '' NOT NULL;