CREATE TABLE "repository_code_owners" (
	"location_key" text PRIMARY KEY NOT NULL,
	"repository" text NOT NULL,
	"path" text NOT NULL,
	"oid" text NOT NULL,
	"text" text NOT NULL,
	"commit" text,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL
);
