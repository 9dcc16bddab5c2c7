// The writing replica of the incremental benchmark, run as its own process so that its work is
// not counted in the reading replica's event-loop stall: changes the description of the first
// BENCH_COUNT entities of the generated organisation to mention BENCH_WORD, in one transaction,
// and exits. It prints "ready" once the change is prepared and writes it when a line arrives on
// stdin, so that the reader's measurement starts after this process's start-up.
import { CatalogStore } from '../src/store/index.js';
import { generateOrganisation } from './generate-org.js';
import { BENCH_LOCATION_CHANGE, INCREMENTAL_SIZE, writes } from './catalog-writes.js';

const { BENCH_DATABASE_URL: url, BENCH_SCHEMA: pgSchema, BENCH_COUNT: count, BENCH_WORD: word } = process.env;
if (!url || !pgSchema || !count || !word) throw new Error('change-writer: BENCH_* variables are missing');

const batch = generateOrganisation(INCREMENTAL_SIZE)
  .slice(0, Number(count))
  .map((entity) => ({ ...entity, metadata: { ...entity.metadata, description: `Now also ${word}` } }));
const store = await CatalogStore.open({ url, pgSchema });
try {
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  await store.applyLocationChange({ ...BENCH_LOCATION_CHANGE, upserts: writes(batch) });
} finally {
  await store.close();
}
