CREATE TABLE "catalog_changes" (
	"version" integer NOT NULL,
	"ref" text NOT NULL,
	CONSTRAINT "catalog_changes_version_ref_pk" PRIMARY KEY("version","ref")
);
