// Writes the migrated, empty PGlite data folder that fresh data folders start from
// (src/store/pglite-template.ts). Run by `npm run build`, so `npm install` leaves it in dist/.
// It is built beside its final place and renamed into it, so an interrupted build never leaves
// a half-made template for a store to copy.
import { rmSync, renameSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { migratedPgliteSnapshot } from '../src/store/database.js';
import { pgliteTemplatePath } from '../src/store/pglite-template.js';

const template = pgliteTemplatePath();
const building = `${template}.building`;
rmSync(building, { recursive: true, force: true });
// Migrated in memory (initdb there is faster than on disk), then written out as a plain folder.
const client = new PGlite({ dataDir: building, loadDataDir: await migratedPgliteSnapshot() });
// Callboard keeps everything in the `postgres` database and never runs CREATE DATABASE, the one
// use of the two template databases initdb makes. Dropping them takes the folder from about 1,030
// files to 430: a fresh data folder is a copy of this one, and creating a file here costs about a
// millisecond, most of a first sync's time.
await client.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
await client.exec('DROP DATABASE template0');
await client.exec('DROP DATABASE template1');
await client.query('CHECKPOINT');
await client.close();
rmSync(template, { recursive: true, force: true });
renameSync(building, template);
