// `npm run bench -- incremental`: what a catalog change costs a replica at 160k entities. The
// event loop's longest stall (perf_hooks' delay histogram) while the index takes one changed
// entity, a 10k-entity change, and a full build in slices; the time to apply one change; the
// process's memory with the index built. With DATABASE_URL set, also the time from a change
// written by one store handle to its being searchable through another (two replicas).
import { createHash } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Entity } from '../src/catalog/types.js';
import { entityRef } from '../src/catalog/refs.js';
import {
  CatalogSearchIndex,
  LayeredSearchIndex,
  SearchService,
  searchDocFromEntity,
  type SearchDoc,
} from '../src/search/index.js';
import { CatalogStore, type EntityWrite } from '../src/store/index.js';
import { generateOrganisation } from './generate-org.js';

const SIZE = 160_000;
const LARGE_CHANGE = 10_000;

function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The event loop's longest stall while `work` runs, in ms (a 1 ms timer keeps the loop measured). */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const ticker = setInterval(() => {}, 1);
  try {
    // The histogram measures between its own ticks: let it tick before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(ticker);
    histogram.disable();
  }
  return histogram.max / 1e6;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function changed(doc: SearchDoc, round: number): SearchDoc {
  return { ...doc, description: `${doc.description ?? ''} (revised ${round})` };
}

async function inMemory(docs: SearchDoc[]): Promise<void> {
  let base!: CatalogSearchIndex;
  const buildStart = performance.now();
  const buildStall = await longestStall(async () => {
    base = await CatalogSearchIndex.buildInSlices(docs);
  });
  console.log(
    `full build in slices at ${SIZE.toLocaleString('en')}: ${ms(performance.now() - buildStart)} in all, ` +
      `longest event-loop stall ${ms(buildStall)} (the previous index answers meanwhile)`,
  );
  const syncStart = performance.now();
  CatalogSearchIndex.build(docs);
  console.log(`  for comparison, the same build in one go blocks the event loop ${ms(performance.now() - syncStart)}`);

  let live = LayeredSearchIndex.of(base);
  const updates: number[] = [];
  let oneStall = 0;
  for (let round = 0; round < 30; round++) {
    const doc = changed(docs[(round * 4099) % docs.length], round);
    oneStall = Math.max(
      oneStall,
      await longestStall(async () => {
        const start = performance.now();
        live = await live.withChanges([doc.ref], [doc]);
        updates.push(performance.now() - start);
      }),
    );
  }
  updates.sort((a, b) => a - b);
  console.log(
    `one changed entity at ${SIZE.toLocaleString('en')}: ` +
      `index update p50 ${ms(updates[15])}, max ${ms(updates[29])} ` +
      `(goal <= 5 ms); longest event-loop stall ${ms(oneStall)} (goal <= 20 ms)`,
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
      `applied in ${ms(largeMs)}, ` +
      `longest event-loop stall ${ms(largeStall)} (goal <= 50 ms; index side, the sync's own writes not included)`,
  );

  const queryStart = performance.now();
  for (const query of ['paymnts', 'ledger audit', 'reconciliation desk', 'kafka']) live.search(query);
  const perQuery = (performance.now() - queryStart) / 4;
  console.log(
    `  queries on the layered index (base + ${LARGE_CHANGE.toLocaleString('en')} changed): ` + `${ms(perQuery)} each`,
  );
}

function writes(entities: Entity[]): EntityWrite[] {
  return entities.map((entity) => ({
    ref: entityRef(entity),
    hash: createHash('sha1').update(JSON.stringify(entity)).digest('hex'),
    entity,
    relations: [],
    origin: { file: 'catalog-info.yaml' },
  }));
}

/** Two store handles on one Postgres database: written on one, searchable on the other. */
async function twoReplicas(url: string, entities: Entity[]): Promise<void> {
  const pgSchema = `bench_replicas_${process.pid}`;
  const writer = await CatalogStore.open({ url, pgSchema });
  const reader = await CatalogStore.open({ url, pgSchema });
  try {
    const location = { key: 'dir:/bench', type: 'dir', target: '/bench' };
    const empty = { parsedFiles: [], removedFiles: [], failedFiles: [], upserts: [], removals: [], problems: [] };
    const loadStart = performance.now();
    for (let i = 0; i < entities.length; i += 20_000) {
      await writer.applyLocationChange({ ...empty, location, upserts: writes(entities.slice(i, i + 20_000)) });
    }
    const loaded = performance.now() - loadStart;
    const search = new SearchService(
      () => reader.searchRows(),
      () => reader.catalogVersion(),
      reader,
    );
    const stop = await reader.onCatalogChange((version) => {
      void search.refresh(version);
    });
    const indexStart = performance.now();
    await search.refresh();
    console.log(
      `Postgres, ${entities.length.toLocaleString('en')} entities: written in ${ms(loaded)}, ` +
        `read and indexed by the second handle in ${ms(performance.now() - indexStart)}`,
    );
    const latencies: number[] = [];
    for (let round = 0; round < 10; round++) {
      const entity = entities[(round * 7919) % entities.length];
      const word = `zephyr${round}x`;
      const start = performance.now();
      await writer.applyLocationChange({
        ...empty,
        location,
        upserts: writes([{ ...entity, metadata: { ...entity.metadata, description: `Now also ${word}` } }]),
      });
      while (search.search(word)[0]?.ref !== entityRef(entity)) await new Promise((resolve) => setTimeout(resolve, 2));
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `  change written on one handle -> searchable on the other: p50 ${ms(latencies[5])}, ` +
        `max ${ms(latencies[9])} (goal <= 500 ms)`,
    );
    await stop();
  } finally {
    await reader.close();
    const admin = (await import('postgres')).default(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await admin.end();
    await writer.close();
  }
}

export async function run(): Promise<void> {
  const collect = garbageCollector();
  collect();
  const before = process.memoryUsage().rss;
  const entities = generateOrganisation(SIZE);
  const docs = entities.map(searchDocFromEntity);
  await inMemory(docs);

  const resident = CatalogSearchIndex.build(docs);
  collect();
  const rss = megabytes(process.memoryUsage().rss);
  console.log(
    `memory with the ${SIZE.toLocaleString('en')}-entity index built: RSS ${rss} ` +
      `(${megabytes(before)} before; the generated documents are held too)  index size ${resident.size}`,
  );
  const url = process.env.DATABASE_URL;
  if (url) await twoReplicas(url, entities);
  else console.log('(set DATABASE_URL for the two-replica figure on Postgres)');
}
