// One `big` case in a process of its own, so its peak RSS is the sync's alone: syncs the folders
// named on the command line into Postgres (DATABASE_URL, schema BENCH_SCHEMA) as a serving
// process would, with a timer ticking, and prints one JSON line: wall time, peak RSS, the event
// loop's longest stalls with the steps they fell in, where the time went, and the run's figures.
import { syncFolders } from '../src/cli/local-sync.js';
import { CatalogStore } from '../src/store/index.js';
import { longestStallByPhase } from './phase-stalls.js';

const dirs = process.argv.slice(2);
const store = await CatalogStore.open({ url: process.env.DATABASE_URL!, pgSchema: process.env.BENCH_SCHEMA });
try {
  const started = performance.now();
  let summary: Awaited<ReturnType<typeof syncFolders>>['summary'] | undefined;
  const stall = await longestStallByPhase(async () => {
    ({ summary } = await syncFolders(store, dirs));
  });
  const seconds = (performance.now() - started) / 1000;
  const usage = process.resourceUsage();
  const peakRssMb = usage.maxRSS / 1024;
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  console.log(JSON.stringify({ seconds, cpuSeconds, peakRssMb, stall, summary }));
} finally {
  await store.close();
}
