// Writes the migrated, empty PGlite data folder that fresh data folders start from
// (src/store/pglite-template.ts). Run by `npm run build`, so `npm install` leaves it in dist/.
import { writeFileSync } from 'node:fs';
import { migratedPgliteSnapshot } from '../src/store/database.js';
import { pgliteTemplatePath } from '../src/store/pglite-template.js';

const snapshot = await migratedPgliteSnapshot('gzip');
writeFileSync(pgliteTemplatePath(), Buffer.from(await snapshot.arrayBuffer()));
