// A migrated, empty PGlite data folder, made once at install (`npm run build` writes it beside the
// compiled code) so that a fresh data folder starts from it instead of running initdb. initdb runs
// in a second PGlite instance with its own WASM module: on a 2-core machine it took most of a first
// start's 20 s and 800 MB. A template made from older migrations is still fine: whatever is newer
// is applied on top when the store opens.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPLATE_FILE = 'pglite-template.tar.gz';

/** Where the template lives: dist/ at the repository root, found from src/store and dist/src/store alike. */
export function pgliteTemplatePath(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const root = here.includes('/dist/') ? resolve(here, '../../..') : resolve(here, '../..');
  return resolve(root, 'dist', TEMPLATE_FILE);
}

/** The template for a data folder PGlite has never initialised; undefined when there is none to use. */
export function templateForFreshFolder(dataDir: string, template = pgliteTemplatePath()): Blob | undefined {
  // PG_VERSION is the first thing initdb writes: a folder without it holds no database yet.
  if (existsSync(resolve(dataDir, 'PG_VERSION'))) return undefined;
  return existsSync(template) ? new Blob([readFileSync(template)]) : undefined;
}
