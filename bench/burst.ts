// Issue 9's burst: 200 signed /service requests at once, spread over two replicas (separate
// processes on one Postgres), as a channel full of people asking at the start of an incident
// would send them. Slack gives up on an acknowledgement after 3 s, so the figures are the ack's:
// p50, p99, max, and how many were late. A second round mixes in 100,000-character commands,
// which once held a replica for seconds. The requests are sent from this process, so its own
// cost is part of every figure; on a shared machine all of them are inflated by the others' load.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CatalogStore } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { generateOrganisation } from './generate-org.js';
import { snapshotsOf } from './catalog-writes.js';
import { queriesFor } from './slack.js';
import { sendSlashCommand, startSlackStandIn, type SlackStandIn } from './slack-stand-in.js';
import { dropSchema, scratchSchemaName } from './scratch-schema.js';

const SIZE = 20_000;
const REPLICAS = 2;
const BURST = 200;
const LONG_TEXT = 100_000;
const LONG_EVERY = 20;
const SIGNING_SECRET = 'bench-burst-signing-secret';
const SLACK_ACK_LIMIT_MS = 3000;

interface Timing {
  ack: number;
  full: number;
}

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(
      'burst: skipped (two replicas need one Postgres: set DATABASE_URL, ' +
        'e.g. postgres://postgres@127.0.0.1:5432/test)',
    );
    return;
  }
  const pgSchema = scratchSchemaName('burst');
  const standIn = await startSlackStandIn();
  const replicas: ChildProcess[] = [];
  try {
    const entities = generateOrganisation(SIZE);
    const store = await CatalogStore.open({ url, pgSchema });
    try {
      await syncSnapshots(store, snapshotsOf(entities));
    } finally {
      await store.close();
    }
    const start = () => startReplica(url, pgSchema, standIn, replicas);
    const ports = await Promise.all(Array.from({ length: REPLICAS }, start));
    const urls = ports.map((port) => `http://127.0.0.1:${port}/slack/events`);
    const queries = queriesFor(entities);
    // Each replica answers a few first, as a warm replica would have.
    for (let i = 0; i < 20; i++) await command(urls[i % REPLICAS], standIn, queries[i % queries.length]);

    console.log(
      `${BURST} concurrent /service over ${REPLICAS} replicas (separate processes, one Postgres), ` +
        `${SIZE.toLocaleString('en')} entities:`,
    );
    const plain = await burst(urls, standIn, (i) => queries[i % queries.length]);
    console.log(`  lookups: ${line(plain)}`);
    const long = 'payments '.repeat(LONG_TEXT / 9 + 1).slice(0, LONG_TEXT);
    const mixed = await burst(urls, standIn, (i) => (i % LONG_EVERY === 0 ? long : queries[i % queries.length]));
    console.log(`  1 in ${LONG_EVERY} of ${LONG_TEXT.toLocaleString('en')} characters: ${line(mixed)}`);
  } finally {
    for (const replica of replicas) replica.kill('SIGTERM');
    await Promise.all(
      replicas.map(
        (r) =>
          new Promise((resolve) => {
            if (r.exitCode !== null) resolve(null);
            else r.once('exit', resolve);
          }),
      ),
    );
    await standIn.close();
    await dropSchema(url, pgSchema);
  }
}

function startReplica(url: string, pgSchema: string, standIn: SlackStandIn, replicas: ChildProcess[]): Promise<number> {
  const script = fileURLToPath(new URL('./burst-replica.js', import.meta.url));
  const child = spawn(process.execPath, [script], {
    env: {
      ...process.env,
      BENCH_DATABASE_URL: url,
      BENCH_SCHEMA: pgSchema,
      BENCH_SLACK_API: standIn.apiUrl,
      BENCH_SIGNING_SECRET: SIGNING_SECRET,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  replicas.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`a replica exited (${code}) before serving`)));
  });
}

async function burst(urls: string[], standIn: SlackStandIn, text: (i: number) => string): Promise<Timing[]> {
  return Promise.all(Array.from({ length: BURST }, (_, i) => command(urls[i % urls.length], standIn, text(i))));
}

async function command(url: string, standIn: SlackStandIn, text: string): Promise<Timing> {
  const sent = await sendSlashCommand(url, standIn, SIGNING_SECRET, '/service', text);
  if (sent.status !== 200) throw new Error(`a replica answered ${sent.status} to /service`);
  const ack = sent.acked - sent.started;
  if (sent.answer.includes('"blocks"')) return { ack, full: ack };
  return { ack, full: (await sent.arrived) - sent.started };
}

function line(timings: Timing[]): string {
  const ack = timings.map((t) => t.ack).sort((a, b) => a - b);
  const at = (fraction: number) => ack[Math.min(ack.length - 1, Math.ceil(ack.length * fraction) - 1)];
  const ms = (n: number) => `${Math.round(n)} ms`;
  const late = ack.filter((a) => a > SLACK_ACK_LIMIT_MS).length;
  const viaResponseUrl = timings.filter((t) => t.full > t.ack).length;
  return (
    `ack p50 ${ms(at(0.5))}, p99 ${ms(at(0.99))}, max ${ms(ack[ack.length - 1])}; ` +
    `${late} of ${timings.length} later than 3 s; ${viaResponseUrl} answered through the response_url`
  );
}
