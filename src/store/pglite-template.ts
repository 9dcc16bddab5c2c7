// A migrated, empty PGlite data folder, made once at install (`npm run build` writes it beside the
// compiled code) and copied into a fresh data folder before PGlite opens it, so that PGlite finds
// a database and resumes it instead of running initdb. initdb runs in a second PGlite instance
// with its own WASM module: on a 2-core machine it took most of a first start's 20 s and 800 MB.
// The template is a plain folder rather than PGlite's `loadDataDir` tarball: PGlite unpacks a
// tarball inside its WASM file system, which cost a first start about 2 s and 130 MB of memory it
// never gave back; a file copy costs a fraction of a second and nothing afterwards. A template made
// from older migrations is still fine: whatever is newer is applied when the store opens.
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE_FOLDER = 'pglite-template';

/**
 * The file initdb writes first, and the one PGlite (and this module) look for to tell a folder that
 * holds a database from one that does not. It is copied last, so a copy cut short is redone.
 */
const DATABASE_MARKER = 'PG_VERSION';

/** Where the template lives: dist/ at the repository root, found from src/store and dist/src/store alike. */
function pgliteTemplatePath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
  return resolve(root, 'dist', TEMPLATE_FOLDER);
}

/**
 * Copies the template into `dataDir` when that folder holds no database yet (files already there,
 * such as Callboard's lock, are kept). Returns whether it did: false for a folder that already
 * holds a database, and when there is no template (PGlite then runs initdb itself).
 */
export function seedFreshDataDir(dataDir: string, template = pgliteTemplatePath()): boolean {
  if (existsSync(resolve(dataDir, DATABASE_MARKER))) return false;
  if (!existsSync(resolve(template, DATABASE_MARKER))) return false;
  for (const name of readdirSync(template)) {
    if (name === DATABASE_MARKER) continue;
    cpSync(resolve(template, name), resolve(dataDir, name), { recursive: true, force: true });
  }
  cpSync(resolve(template, DATABASE_MARKER), resolve(dataDir, DATABASE_MARKER));
  return true;
}

/**
 * Writes the template to `target` (replacing what is there): migrated in memory (initdb there is
 * faster than on disk), then written out as a plain folder. It is built beside `target` and
 * renamed into place, so an interrupted build never leaves a half-made template to copy.
 */
export async function writePgliteTemplate(target = pgliteTemplatePath()): Promise<void> {
  // Loaded here, not at the top: a store that only copies the template never needs them.
  const [{ PGlite }, { migratedPgliteSnapshot }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('./database.js'),
  ]);
  const building = `${target}.building`;
  rmSync(building, { recursive: true, force: true });
  const client = new PGlite({ dataDir: building, loadDataDir: await migratedPgliteSnapshot() });
  // Callboard keeps everything in the `postgres` database and never runs CREATE DATABASE, the
  // one use of the two template databases initdb makes. Dropping them takes the folder from about
  // 1,030 files to 430: a fresh data folder is a copy of this one, and creating a file costs
  // about a millisecond here, most of a first sync's time.
  await client.exec("UPDATE pg_database SET datistemplate = false WHERE datname IN ('template0', 'template1')");
  await client.exec('DROP DATABASE template0');
  await client.exec('DROP DATABASE template1');
  await client.query('CHECKPOINT');
  await client.close();
  rmSync(target, { recursive: true, force: true });
  renameSync(building, target);
}
