// Issue 3's figures: signed /service requests against the running HTTP app, on generated
// organisations of 20k and 160k entities. Ack latency (Slack's 3-second clock stops there) and
// full-answer latency (the ack when it carries the answer, else the response_url post), p50 and
// p99, one request at a time and with 20 in flight. The requests are sent from the same process,
// so their cost is part of every figure.
import { commands } from '../commands/index.js';
import type { Entity } from '../src/catalog/types.js';
import { openStores, type Stores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { BENCH_SIGNING_SECRET, benchSlackApp } from './bench-slack-app.js';
import { snapshotsOf } from './catalog-writes.js';
import { generateOrganisation } from './generate-org.js';
import { onScratchSchema } from './scratch-schema.js';
import { searchAndPortalOver } from './search-and-portal.js';
import { sendSlashCommand, startSlackStandIn, type SlackStandIn } from './slack-stand-in.js';

const SIZES = [20_000, 160_000];
const WARMUP = 30;
const SEQUENTIAL = 300;
const CONCURRENT = 600;
const IN_FLIGHT = 20;
const GOALS = { sequentialP99: 100, concurrentP99: 500 };

interface Timing {
  ack: number;
  full: number;
}

export async function run(sizes: number[] = SIZES): Promise<void> {
  console.log('Requests signed as Slack signs them, sent over HTTP from the same process.');
  const url = process.env.DATABASE_URL;
  for (const size of sizes) {
    const entities = generateOrganisation(size);
    await measure('PGlite (in memory)', entities, () => openStores());
    if (url) {
      await onScratchSchema(url, 'slack', (pgSchema) =>
        measure('Postgres', entities, () => openStores({ url, pgSchema })),
      );
    } else if (size === sizes[0]) {
      console.log('Postgres: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    }
  }
}

async function measure(label: string, entities: Entity[], open: () => Promise<Stores>): Promise<void> {
  const size = entities.length;
  const stores = await open();
  const store = stores.catalog;
  const standIn = await startSlackStandIn();
  try {
    const loadStarted = performance.now();
    const summary = await syncSnapshots(store, snapshotsOf(entities));
    const { portal } = await searchAndPortalOver(store);
    const loaded = (performance.now() - loadStarted) / 1000;
    const slack = await benchSlackApp(standIn, { portal, stores, commands });
    try {
      const { url } = slack;
      const queries = queriesFor(entities);
      const ask = (i: number) => timedCommand(url, standIn, queries[i % queries.length]);
      for (let i = 0; i < WARMUP; i++) await ask(i);

      const sequential: Timing[] = [];
      for (let i = 0; i < SEQUENTIAL; i++) sequential.push(await ask(i));
      const concurrent = await inFlight(CONCURRENT, IN_FLIGHT, ask);

      console.log(
        `${label}, ${size.toLocaleString('en')} entities (${summary.added.toLocaleString('en')} stored, loaded and indexed in ${loaded.toFixed(1)} s):`,
      );
      console.log(
        `  sequential (${SEQUENTIAL}): ${line(sequential)}  (goal: full answer p99 <= ${GOALS.sequentialP99} ms)`,
      );
      console.log(
        `  ${IN_FLIGHT} in flight (${CONCURRENT}): ${line(concurrent)}  (goal: full answer p99 <= ${GOALS.concurrentP99} ms)`,
      );
      const viaResponseUrl = [...sequential, ...concurrent].filter((t) => t.full > t.ack).length;
      console.log(`  answers that missed the acknowledgement and went to the response_url: ${viaResponseUrl}`);
    } finally {
      await slack.stop();
    }
  } finally {
    await standIn.close();
    await stores.close();
  }
}

/** What people type after /service: exact names, the start of a name, and a name with a typo. */
export function queriesFor(entities: Entity[]): string[] {
  const named = entities
    .filter((e) => ['Component', 'API', 'System', 'Resource'].includes(e.kind))
    .map((e) => e.metadata.name);
  const step = Math.max(1, Math.floor(named.length / 60));
  const sample = Array.from({ length: 60 }, (_, i) => named[(i * step + 3) % named.length]);
  return sample.flatMap((name) => {
    const middle = Math.floor(name.length / 2);
    return [name, name.slice(0, Math.max(4, middle)), name.slice(0, middle) + name.slice(middle + 1)];
  });
}

async function timedCommand(url: string, standIn: SlackStandIn, text: string): Promise<Timing> {
  const sent = await sendSlashCommand(url, standIn, BENCH_SIGNING_SECRET, '/service', text);
  if (sent.status !== 200) throw new Error(`the app answered ${sent.status} to /service ${text}`);
  const ack = sent.acked - sent.started;
  if (sent.answer.includes('"blocks"')) return { ack, full: ack };
  return { ack, full: (await sent.arrived) - sent.started };
}

async function inFlight(total: number, width: number, ask: (i: number) => Promise<Timing>): Promise<Timing[]> {
  const timings: Timing[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < total) timings.push(await ask(next++));
    }),
  );
  return timings;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

function line(timings: Timing[]): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const ack = timings.map((t) => t.ack);
  const full = timings.map((t) => t.full);
  return `ack p50 ${ms(percentile(ack, 0.5))} p99 ${ms(percentile(ack, 0.99))}; full answer p50 ${ms(percentile(full, 0.5))} p99 ${ms(percentile(full, 0.99))}`;
}
