// The incremental benchmark's two-replica figures, run by `npm run bench -- incremental` in a
// process of its own so that its heap holds what a replica's does (the index and the rows it read),
// not the in-memory figures' 160k documents and indexes. Two store handles on one Postgres
// database: a change written by one, searchable through the other; the reading replica's
// event-loop stall while another process writes a change of 1 and of 10k entities; and the stall
// of a 10k-entity sync run in the serving process itself.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { entityRef } from '../src/catalog/refs.js';
import type { Entity } from '../src/catalog/types.js';
import { SearchService } from '../src/search/index.js';
import { CatalogStore } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { BENCH_LOCATION_CHANGE, INCREMENTAL_SIZE, LARGE_CHANGE, snapshotsOf, writes } from './catalog-writes.js';
import { longestStall, ms, stallText } from './event-loop-stall.js';
import { generateOrganisation } from './generate-org.js';
import { dropSchema } from './scratch-schema.js';

/** Entities changed one at a time for the change -> searchable latency. */
const LATENCY_ROUNDS = 10;

/** Writes the generated organisation; returns the few entities the latency rounds change. */
async function load(writer: CatalogStore): Promise<Entity[]> {
  const entities = generateOrganisation(INCREMENTAL_SIZE);
  for (let i = 0; i < entities.length; i += 20_000) {
    await writer.applyLocationChange({ ...BENCH_LOCATION_CHANGE, upserts: writes(entities.slice(i, i + 20_000)) });
  }
  return Array.from({ length: LATENCY_ROUNDS }, (_, round) => entities[(round * 7919) % entities.length]);
}

/**
 * Starts bench/change-writer.ts, which makes the first `count` entities mention `word`; resolves
 * once it is ready, to a function that has it write the change and resolves when it has exited.
 */
async function changeWriter(url: string, pgSchema: string, count: number, word: string): Promise<() => Promise<void>> {
  const script = fileURLToPath(new URL('./change-writer.js', import.meta.url));
  const env = {
    ...process.env,
    BENCH_DATABASE_URL: url,
    BENCH_SCHEMA: pgSchema,
    BENCH_COUNT: `${count}`,
    BENCH_WORD: word,
  };
  const child = spawn(process.execPath, [script], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`change-writer exited ${code}`))));
  });
  await Promise.race([new Promise((resolve) => child.stdout!.once('data', resolve)), exited]);
  return () => {
    child.stdin!.end('go\n');
    return exited;
  };
}

async function twoReplicas(url: string): Promise<void> {
  const pgSchema = `bench_replicas_${process.pid}`;
  const writer = await CatalogStore.open({ url, pgSchema });
  const reader = await CatalogStore.open({ url, pgSchema });
  try {
    const loadStart = performance.now();
    const changing = await load(writer);
    const loaded = performance.now() - loadStart;
    let fullBuilds = 0;
    const search = new SearchService(
      () => reader.searchRows(),
      () => reader.catalogVersion(),
      reader,
      { onUpdated: (kind) => (fullBuilds += kind === 'full' ? 1 : 0) },
    );
    const stop = await reader.onCatalogChange((version) => {
      void search.refresh(version);
    });
    const indexStart = performance.now();
    await search.refresh();
    console.log(
      `Postgres, ${INCREMENTAL_SIZE.toLocaleString('en')} entities: written in ${ms(loaded)}, ` +
        `read and indexed by the second handle in ${ms(performance.now() - indexStart)}`,
    );
    const latencies: number[] = [];
    for (const [round, entity] of changing.entries()) {
      const word = `zephyr${round}x`;
      const start = performance.now();
      await writer.applyLocationChange({
        ...BENCH_LOCATION_CHANGE,
        upserts: writes([{ ...entity, metadata: { ...entity.metadata, description: `Now also ${word}` } }]),
      });
      while (search.search(word)[0]?.ref !== entityRef(entity)) await new Promise((resolve) => setTimeout(resolve, 2));
      latencies.push(performance.now() - start);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `  change written on one handle -> searchable on the other: p50 ${ms(latencies[LATENCY_ROUNDS / 2])}, ` +
        `max ${ms(latencies[LATENCY_ROUNDS - 1])} (goal <= 500 ms)`,
    );
    // The reading replica's own stall while another process writes the change: its event loop
    // runs nothing else meanwhile, so the stall is the notification, the reading of the changed
    // rows and the index update.
    for (const count of [1, LARGE_CHANGE]) {
      const word = `quokka${count}x`;
      const write = await changeWriter(url, pgSchema, count, word);
      const buildsBefore = fullBuilds;
      const stall = await longestStall(async () => {
        const written = write();
        while (search.search(word).length < Math.min(count, 5)) await new Promise((resolve) => setTimeout(resolve, 2));
        await written;
        // A change larger than the overlay holds is then folded into a fresh base, in the
        // background: that build (reading all 160k rows again) is part of this change's cost.
        if (count > 1000) {
          while (fullBuilds === buildsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      });
      console.log(
        `  ${count.toLocaleString('en')} ${count === 1 ? 'entity' : 'entities'} changed by another process: ` +
          `the reading replica's longest event-loop stall ${stallText(stall)} ` +
          `(goal <= ${count === 1 ? 20 : 50} ms; the notification, reading the changed rows, the index update` +
          `${count > 1000 ? ' and the background rebuild that folds them in' : ''})`,
      );
    }
    // A sync in the serving process itself (a folder or GitHub sync run by `start`): 10k new
    // entities parsed from their files, validated, written, and then indexed by this replica.
    const arrivals = generateOrganisation(LARGE_CHANGE, 7).map((entity) => ({
      ...entity,
      metadata: { ...entity.metadata, name: `${entity.metadata.name}-arrival`, description: 'Arrived with numbat' },
    }));
    // The files' text is made before the measurement: it stands for what a sync reads from disk or
    // GitHub, which arrives as I/O rather than as work on the serving process's event loop.
    const arrivalFiles = snapshotsOf(arrivals);
    const buildsBefore = fullBuilds;
    let synced = 0;
    const stall = await longestStall(async () => {
      const started = performance.now();
      await syncSnapshots(reader, arrivalFiles, { onChanged: () => void search.refresh() });
      synced = performance.now() - started;
      while (search.search('numbat').length < 5) await new Promise((resolve) => setTimeout(resolve, 2));
      while (fullBuilds === buildsBefore) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    console.log(
      `  a ${LARGE_CHANGE.toLocaleString('en')}-entity sync in the serving process (files parsed, written, indexed; ` +
        `${ms(synced)}): longest event-loop stall ${stallText(stall)} (goal <= 50 ms)`,
    );
    await stop();
  } finally {
    await reader.close();
    await dropSchema(url, pgSchema);
    await writer.close();
  }
}

const url = process.env.DATABASE_URL;
if (!url) throw new Error('incremental-replicas: DATABASE_URL is missing');
await twoReplicas(url);
