// Run as a child process by tests of what a crash leaves behind: opens the store (PGlite in the
// folder given, or Postgres in the schema given), starts a sync run, says so, and waits to be killed.
import { CatalogStore } from '../../src/store/index.js';

const [source, where, pgSchema] = process.argv.slice(2);
const store = await CatalogStore.open(pgSchema ? { url: where, pgSchema } : { dataDir: where });
await store.startSyncRun(source);
process.stdout.write('running\n');
setInterval(() => {}, 60_000);
