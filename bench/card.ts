// Issue 26's card figures: `/service <exact name>` and the fuzzy `/service paymnts` over HTTP, at
// 1.6k entities, on PGlite and (when DATABASE_URL is set) Postgres. Requests are signed as Slack
// signs them and sent to the real Bolt app from the same process, one at a time, so each figure is
// one person's wait for the answer (in the acknowledgement, or at the response_url when later).
// Where the time goes, per request: the request on the wire (the client's send, the acknowledgement's
// way back), the app around the answer (Bolt's receiver, signature check, middleware, listener,
// ack), and the answer itself; then the answer's parts timed alone without HTTP: finding the
// entity, reading the card, rendering it.
import { commands } from '../commands/index.js';
import { cardReplyFrom } from '../commands/service.js';
import type { Entity } from '../src/catalog/types.js';
import { Metrics, type AnswerOutcome } from '../src/metrics/metrics.js';
import type { SlashCommand } from '../src/slack/index.js';
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
    const stages = new StageClock();
    const slack = await benchSlackApp(standIn, {
      portal,
      stores,
      commands: commands.map((command) => stages.timed(command)),
      metrics: stages.metrics,
      // A clock finer than Date.now's milliseconds: the app's part of a request is timed on it.
      now: () => performance.timeOrigin + performance.now(),
    });
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
        stages.reset();
        const times: number[] = [];
        for (let i = 0; i < REQUESTS; i++) times.push(await ask(queries[i % queries.length]));
        return { times, stages: stages.split(times) };
      };
      const exactRun = await series(exact);
      const fuzzyRun = await series(FUZZY);
      console.log(`${label}:`);
      console.log(`  /service <exact name>: ${spread(exactRun.times)}  (goal: p50 <= ${GOALS.exact} ms)`);
      console.log(`    ${exactRun.stages}`);
      console.log(`  /service ${FUZZY.join(' | ')}: ${spread(fuzzyRun.times)}  (goal: p50 <= ${GOALS.fuzzy} ms)`);
      console.log(`    ${fuzzyRun.stages}`);

      // The same exact requests, stage by stage, without HTTP.
      // The exact answer reads the card and the hits' summaries at once; find and the card
      // one after the other are what it replaced.
      const searchTimes: number[] = [];
      const oneReadTimes: number[] = [];
      const findTimes: number[] = [];
      const cardTimes: number[] = [];
      const renderTimes: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const name = exact[i % exact.length];
        let started = performance.now();
        const hits = await portal.searchHits(name, { limit: 6 });
        searchTimes.push(performance.now() - started);
        started = performance.now();
        const read = await portal.cardWithHits(hits[0].ref, hits);
        oneReadTimes.push(performance.now() - started);
        started = performance.now();
        await portal.find(name, { limit: 6 });
        findTimes.push(performance.now() - started);
        started = performance.now();
        await portal.card(hits[0].ref);
        cardTimes.push(performance.now() - started);
        started = performance.now();
        if (read) await cardReplyFrom(read.card);
        renderTimes.push(performance.now() - started);
      }
      const p50 = (values: number[]) => `${percentile(values, 0.5).toFixed(2)} ms`;
      console.log(
        `  the exact answer's parts alone, without HTTP (p50): search ${p50(searchTimes)}, ` +
          `card and the hits' summaries, read at once ${p50(oneReadTimes)}, render ${p50(renderTimes)}; ` +
          `the two reads in sequence it replaced: find ${p50(findTimes)}, card read ${p50(cardTimes)}`,
      );
    } finally {
      await slack.stop();
    }
  } finally {
    await standIn.close();
    await stores.close();
  }
}

/**
 * Times each request's stages: the answer (the command's handle), and the app's part from the
 * request's arrival to its acknowledgement (the listener reports it to metrics). What is left of
 * the client's figure is the request on the wire and the client itself.
 */
class StageClock {
  private answers: number[] = [];
  private inApp: number[] = [];
  readonly metrics: Metrics;

  constructor() {
    const inApp = () => this.inApp;
    this.metrics = new (class extends Metrics {
      override recordAnswer(command: string, outcome: AnswerOutcome, seconds: number, ackSeconds: number): void {
        inApp().push(ackSeconds * 1000);
        super.recordAnswer(command, outcome, seconds, ackSeconds);
      }
    })();
  }

  timed(command: SlashCommand): SlashCommand {
    const answers = () => this.answers;
    return {
      ...command,
      async handle(text, ctx) {
        const started = performance.now();
        try {
          return await command.handle(text, ctx);
        } finally {
          answers().push(performance.now() - started);
        }
      },
    };
  }

  reset(): void {
    this.answers = [];
    this.inApp = [];
  }

  /** The p50 of each stage, for the requests timed since reset (each request's own difference). */
  split(totals: number[]): string {
    const n = Math.min(totals.length, this.answers.length, this.inApp.length);
    const wire = Array.from({ length: n }, (_, i) => totals[i] - this.inApp[i]);
    const around = Array.from({ length: n }, (_, i) => this.inApp[i] - this.answers[i]);
    const ms = (values: number[]) => `${percentile(values, 0.5).toFixed(2)} ms`;
    return (
      `stages (p50): the answer ${ms(this.answers.slice(0, n))}, the app around it (Bolt, signature, ` +
      `listener, ack) ${ms(around)}, the request on the wire and the client ${ms(wire)}`
    );
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
