ALTER TABLE "entities" ADD COLUMN "repositories" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "problems" ADD COLUMN "category" text DEFAULT 'document' NOT NULL;--> statement-breakpoint
CREATE INDEX "entities_repositories_idx" ON "entities" USING gin ("repositories");--> statement-breakpoint
-- Entities stored before this migration have no repositories yet: forget the files' and entities'
-- hashes so that the next sync reads every file again and writes the column (once).
UPDATE "location_files" SET "sha" = '';--> statement-breakpoint
UPDATE "entities" SET "hash" = '';
