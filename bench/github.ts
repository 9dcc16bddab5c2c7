// Issue 4's GitHub figures, against the local fake GitHub answering every request after 50 ms:
// full-sync wall time and API spend per 100 repositories, a resync with nothing changed, and
// webhook-to-searchable latency, on 1k and 10k repositories. Printed, not asserted.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { CatalogStore } from '../src/store/index.js';
import { CatalogRules, readCatalogRules } from '../src/catalog/catalog-rules.js';
import { SearchService } from '../src/search/index.js';
import { createGitHubConnection, GitHubSource } from '../src/sources/github/index.js';
import { createGitHubWebhookHandler, GitHubSync } from '../src/sync/github/index.js';
import {
  componentYaml,
  deliverWebhook,
  generateOrganisation,
  startFakeGitHub,
  type FakeGitHub,
} from '../test/support/fake-github.js';

const LATENCY_MS = 50;
const SECRET = 'bench-secret';
const SIZES = (process.env.BENCH_GITHUB_SIZES ?? '1000,10000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

export async function run(): Promise<void> {
  console.log(
    `fake GitHub answering after ${LATENCY_MS} ms; goals: <= 2 GraphQL points per 100 repositories, ` +
      '0 file reads and 0 writes on a resync with no change, 10k repositories <= 60 s, webhook to searchable <= 1 s',
  );
  const url = process.env.DATABASE_URL;
  const backend = url ? 'Postgres' : 'PGlite (in memory)';
  if (!url)
    console.log(
      '(store: PGlite; set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test, to measure on Postgres)',
    );
  for (const size of SIZES) {
    await measureDiscovery(size);
    await measure(size, backend, async () => {
      if (!url) return { store: await CatalogStore.open(), drop: async () => {} };
      const pgSchema = `bench_${randomBytes(4).toString('hex')}`;
      return {
        store: await CatalogStore.open({ url, pgSchema }),
        drop: async () => {
          const admin = postgres(url, { max: 1, onnotice: () => {} });
          await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
          await admin.end();
        },
      };
    });
  }
}

/** CATALOG_RULES letting repositories declare the shared Systems the generated organisation has. */
const SHARED_SYSTEMS_RULES = new CatalogRules(
  readCatalogRules([{ allow: ['Component', 'API', 'Location', 'System'] }]),
);

function organisation(size: number) {
  return generateOrganisation({
    repositories: size,
    withoutCatalog: Math.round(size / 50),
    brokenYaml: 5,
    locationRepos: 3,
    teams: 20,
    membersPerTeam: 5,
  });
}

/** The GitHub side alone: listing and reading, with the snapshots dropped instead of written. */
async function measureDiscovery(size: number): Promise<void> {
  const github = await startFakeGitHub({ org: organisation(size).org, latencyMs: LATENCY_MS });
  try {
    const connection = await createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url });
    const source = new GitHubSource(connection, { org: 'acme' });
    const started = performance.now();
    let snapshots = 0;
    await source.discover(new Map(), {
      onSnapshots: async (batch) => {
        snapshots += batch.length;
      },
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `${size.toLocaleString('en')} repositories, discovery alone (no store): ${seconds.toFixed(1)} s for ${snapshots} snapshots; ${spend(github, size)}`,
    );
  } finally {
    await github.close();
  }
}

function spend(github: FakeGitHub, repositories: number): string {
  const s = github.stats();
  const per100 = (n: number) => ((n * 100) / repositories).toFixed(2);
  return (
    `${s.rest} REST, ${s.graphql} GraphQL queries, ${s.graphqlPoints} points ` +
    `(per 100 repositories: ${per100(s.rest)} REST, ${per100(s.graphql)} queries, ${per100(s.graphqlPoints)} points)`
  );
}

async function measure(
  size: number,
  label: string,
  open: () => Promise<{ store: CatalogStore; drop: () => Promise<void> }>,
): Promise<void> {
  const generated = organisation(size);
  const github = await startFakeGitHub({ org: generated.org, latencyMs: LATENCY_MS });
  const { store, drop } = await open();
  const connection = await createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url });
  const source = new GitHubSource(connection, { org: 'acme' });
  const sync = new GitHubSync({
    source,
    catalog: store,
    rules: SHARED_SYSTEMS_RULES,
  });
  const search = new SearchService(
    () => store.searchRows(),
    () => store.catalogVersion(),
  );
  const handler = createGitHubWebhookHandler({ secret: SECRET, sync });
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/github/webhook`;
  const head = `${label}, ${size.toLocaleString('en')} repositories`;
  try {
    let started = performance.now();
    const full = await sync.runFull();
    const fullSeconds = (performance.now() - started) / 1000;
    console.log(
      `${head}: full sync ${full.status} in ${fullSeconds.toFixed(1)} s, ${full.summary.added} entities; ${spend(github, size)}`,
    );

    github.resetStats();
    const versionBefore = await store.catalogVersion();
    started = performance.now();
    const again = await sync.runFull();
    const resyncSeconds = (performance.now() - started) / 1000;
    const writes = (await store.catalogVersion()) - versionBefore;
    const fileReads = github.requests.filter(
      (r) => r.graphql?.operationName === 'CatalogFiles' || r.graphql?.variables.withText === true,
    ).length;
    console.log(
      `${head}: resync with no change in ${resyncSeconds.toFixed(2)} s, ${again.summary.filesParsed ?? 0} files parsed, ` +
        `${fileReads} file reads, ${writes} catalog writes; ${spend(github, size)}`,
    );

    await search.refresh();
    const latencies: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const word = `webhook${i}marker`;
      const name = generated.plain[i * 7];
      github.org.setFile(name, 'catalog-info.yaml', componentYaml(name, 'team-1', word));
      started = performance.now();
      await deliverWebhook(webhookUrl, github.payloads.push(name, { modified: ['catalog-info.yaml'] }), SECRET);
      await sync.idle();
      await search.refresh();
      const found = search.search(word)[0]?.ref === `component:default/${name}`;
      latencies.push(found ? performance.now() - started : Number.NaN);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `${head}: webhook to searchable ${sorted.map((ms) => `${Math.round(ms)}`).join(', ')} ms (median ${Math.round(sorted[2])} ms)`,
    );
  } finally {
    await sync.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await github.close();
    await store.close();
    await drop();
  }
}
