// `npm run bench -- incremental`: what a catalog change costs a replica at 160k entities. The
// event loop's longest stall (perf_hooks' delay histogram) while the index takes one changed
// entity, a 10k-entity change, and a full build in slices; the time to apply one change; the
// process's memory with the index built. With DATABASE_URL set, also the two-replica figures on
// Postgres (incremental-replicas.ts, in a process of its own).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogSearchIndex, LayeredSearchIndex, searchDocFromEntity, type SearchDoc } from '../src/search/index.js';
import { INCREMENTAL_SIZE as SIZE, LARGE_CHANGE } from './catalog-writes.js';
import { longestStall, ms, stallText, type Stall } from './event-loop-stall.js';
import { generateOrganisation } from './generate-org.js';
import { longestStallByPhase, namedStallText } from './phase-stalls.js';

function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function changed(doc: SearchDoc, round: number): SearchDoc {
  return { ...doc, description: `${doc.description ?? ''} (revised ${round})` };
}

async function inMemory(docs: SearchDoc[]): Promise<void> {
  let base!: CatalogSearchIndex;
  const buildStart = performance.now();
  const buildStall = await longestStallByPhase(async () => {
    base = await CatalogSearchIndex.buildInSlices(docs);
  });
  console.log(
    `full build in slices at ${SIZE.toLocaleString('en')}: ${ms(performance.now() - buildStart)} in all, ` +
      `longest event-loop stall ${stallText(buildStall)} (the previous index answers meanwhile)`,
  );
  // On a shared machine most of a wall-clock stall is waiting for a core: the stall in which the
  // main thread itself ran longest is the one a quiet machine would see.
  if (buildStall.worst[0]) console.log(`  longest: ${namedStallText(buildStall.worst[0])}`);
  if (buildStall.longestOwn) console.log(`  longest run of the main thread: ${namedStallText(buildStall.longestOwn)}`);
  const syncStart = performance.now();
  CatalogSearchIndex.build(docs);
  console.log(`  for comparison, the same build in one go blocks the event loop ${ms(performance.now() - syncStart)}`);

  let live = LayeredSearchIndex.of(base);
  const updates: number[] = [];
  let oneStall: Stall = { longest: 0, gcPause: 0 };
  for (let round = 0; round < 30; round++) {
    const doc = changed(docs[(round * 4099) % docs.length], round);
    const stall = await longestStall(async () => {
      const start = performance.now();
      live = await live.withChanges([doc.ref], [doc]);
      updates.push(performance.now() - start);
    });
    oneStall = {
      longest: Math.max(oneStall.longest, stall.longest),
      gcPause: Math.max(oneStall.gcPause, stall.gcPause),
    };
  }
  updates.sort((a, b) => a - b);
  console.log(
    `one changed entity at ${SIZE.toLocaleString('en')}: ` +
      `index update p50 ${ms(updates[15])}, max ${ms(updates[29])} ` +
      `(goal <= 5 ms); longest event-loop stall ${stallText(oneStall)} (goal <= 20 ms)`,
  );

  const large = docs.slice(0, LARGE_CHANGE).map((doc) => changed(doc, 99));
  const largeStart = performance.now();
  const largeStall = await longestStall(async () => {
    live = await live.withChanges(
      large.map((d) => d.ref),
      large,
    );
  });
  const largeMs = performance.now() - largeStart;
  console.log(
    `a ${LARGE_CHANGE.toLocaleString('en')}-entity change at ${SIZE.toLocaleString('en')}: ` +
      `applied in ${ms(largeMs)}, longest event-loop stall ${stallText(largeStall)} ` +
      "(goal <= 50 ms; index side, the sync's own writes not included)",
  );

  const queryStart = performance.now();
  for (const query of ['paymnts', 'ledger audit', 'reconciliation desk', 'kafka']) live.search(query);
  const perQuery = (performance.now() - queryStart) / 4;
  console.log(
    `  queries on the layered index (base + ${LARGE_CHANGE.toLocaleString('en')} changed): ${ms(perQuery)} each`,
  );
}

/** Runs incremental-replicas.ts in its own process, its lines printed as they come. */
function twoReplicas(): Promise<void> {
  const script = fileURLToPath(new URL('./incremental-replicas.js', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`incremental-replicas exited ${code}`))));
  });
}

export async function run(): Promise<void> {
  const collect = garbageCollector();
  collect();
  const before = process.memoryUsage().rss;
  const docs = generateOrganisation(SIZE).map(searchDocFromEntity);
  await inMemory(docs);

  const resident = CatalogSearchIndex.build(docs);
  collect();
  const rss = megabytes(process.memoryUsage().rss);
  console.log(
    `memory with the ${SIZE.toLocaleString('en')}-entity index built: RSS ${rss} ` +
      `(${megabytes(before)} before; the generated documents are held too)  index size ${resident.size}`,
  );
  if (process.env.DATABASE_URL) await twoReplicas();
  else console.log('(set DATABASE_URL for the two-replica figure on Postgres)');
}
