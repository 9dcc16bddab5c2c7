-- The single row that counts catalog changes; search indexes compare against it.
INSERT INTO "catalog_state" ("id", "version") VALUES (1, 0) ON CONFLICT DO NOTHING;
