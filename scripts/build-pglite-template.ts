// Writes the migrated, empty PGlite data folder that fresh data folders start from
// (src/store/pglite-template.ts). Run by `npm run build`, so `npm install` leaves it in dist/.
import { writePgliteTemplate } from '../src/store/pglite-template.js';

await writePgliteTemplate();
