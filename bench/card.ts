// Issue 26's card figures: `/service <exact name>` and the fuzzy `/service paymnts` over HTTP, at
// 1.6k entities, on PGlite and (when DATABASE_URL is set) Postgres. Requests are signed as Slack
// signs them and sent to the real Bolt app from the same process, one at a time, so each figure is
// one person's wait for the answer (in the acknowledgement, or at the response_url when later).
// Then where a card's time goes: finding the entity, reading the card, and rendering it, each
// timed alone (the rest of the HTTP figure is Bolt and the route).
import { commands } from '../commands/index.js';
import { cardReply } from '../commands/service.js';
import type { Entity } from '../src/catalog/types.js';
import type { Portal } from '../src/portal/index.js';
import { openStores, type Stores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { BENCH_SIGNING_SECRET, benchSlackApp } from './bench-slack-app.js';
import { snapshotsOf } from './catalog-writes.js';
import { generateOrganisation } from './generate-org.js';
import { onScratchSchema } from './scratch-schema.js';
import { searchAndPortalOver } from './search-and-portal.js';
import { sendSlashCommand, startSlackStandIn } from './slack-stand-in.js';

const SIZE = 1_600;
const WARMUP = 50;
const REQUESTS = 300;
/** The misspelling the issue measured, and a few more of the same kind. */
const FUZZY = ['paymnts', 'ledgr', 'acounts', 'invoicng'];
const GOALS = { exact: 3, fuzzy: 5 };

export async function run(): Promise<void> {
  console.log(
    `Signed /service requests over HTTP to the Bolt app, ${SIZE.toLocaleString('en')} entities, one at a time, ` +
      `${REQUESTS} of each (figures from a shared machine are noisy).`,
  );
  const entities = generateOrganisation(SIZE);
  await measure('PGlite (in memory)', entities, () => openStores());
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('Postgres: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    return;
  }
  await onScratchSchema(url, 'card', (pgSchema) => measure('Postgres', entities, () => openStores({ url, pgSchema })));
}

async function measure(label: string, entities: Entity[], open: () => Promise<Stores>): Promise<void> {
  const stores = await open();
  const store = stores.catalog;
  const standIn = await startSlackStandIn();
  try {
    await syncSnapshots(store, snapshotsOf(entities));
    const { portal } = await searchAndPortalOver(store);
    const slack = await benchSlackApp(standIn, { portal, stores, commands });
    try {
      const { url } = slack;
      const names = entities.filter((e) => e.kind === 'Component').map((e) => e.metadata.name);
      const exact = Array.from({ length: 60 }, (_, i) => names[(i * 7919) % names.length]);
      const ask = async (text: string) => {
        const sent = await sendSlashCommand(url, standIn, BENCH_SIGNING_SECRET, '/service', text);
        if (sent.status !== 200) throw new Error(`the app answered ${sent.status} to /service ${text}`);
        if (sent.answer.includes('"blocks"')) return sent.acked - sent.started;
        // Past the acknowledgement's deadline (a busy machine), the answer goes to the response_url.
        return (await sent.arrived) - sent.started;
      };
      const series = async (queries: string[]) => {
        for (let i = 0; i < WARMUP; i++) await ask(queries[i % queries.length]);
        const times: number[] = [];
        for (let i = 0; i < REQUESTS; i++) times.push(await ask(queries[i % queries.length]));
        return times;
      };
      const exactTimes = await series(exact);
      const fuzzyTimes = await series(FUZZY);
      console.log(`${label}:`);
      console.log(`  /service <exact name>: ${spread(exactTimes)}  (goal: p50 <= ${GOALS.exact} ms)`);
      console.log(`  /service ${FUZZY.join(' | ')}: ${spread(fuzzyTimes)}  (goal: p50 <= ${GOALS.fuzzy} ms)`);

      // The same exact requests, stage by stage, without HTTP.
      const findTimes: number[] = [];
      const cardTimes: number[] = [];
      const renderTimes: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const name = exact[i % exact.length];
        let started = performance.now();
        const [hit] = await portal.find(name, { limit: 6 });
        findTimes.push(performance.now() - started);
        started = performance.now();
        const card = await portal.card(hit.summary.ref);
        cardTimes.push(performance.now() - started);
        started = performance.now();
        if (card) await cardReply({ card: async () => card } as unknown as Portal, hit.summary.ref);
        renderTimes.push(performance.now() - started);
      }
      const p50 = (values: number[]) => `${percentile(values, 0.5).toFixed(2)} ms`;
      console.log(
        `  where an exact card's time goes (p50): find ${p50(findTimes)}, card read ${p50(cardTimes)}, ` +
          `render ${p50(renderTimes)}; the rest of the HTTP figure is Bolt, the route and the request itself`,
      );
    } finally {
      await slack.stop();
    }
  } finally {
    await standIn.close();
    await stores.close();
  }
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

function spread(times: number[]): string {
  const ms = (n: number) => `${n.toFixed(2)} ms`;
  return `p50 ${ms(percentile(times, 0.5))}, p90 ${ms(percentile(times, 0.9))}, p99 ${ms(percentile(times, 0.99))}`;
}
