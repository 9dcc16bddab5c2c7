// Several replicas on one database: only one runs the GitHub sync at a time (an advisory lock on
// Postgres, an in-process lock on PGlite); the others skip that round.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { ORGANISATION_RULES } from './harness.js';
import { CatalogStore } from '../../src/store/index.js';
import { GitHubSource } from '../../src/sources/github/index.js';
import { GitHubSync } from '../../src/sync/github/index.js';
import { generateOrganisation, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { testBackends } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function replica(github: FakeGitHub, store: CatalogStore): Promise<GitHubSync> {
  const connection = await fakeGitHubConnection(github);
  const source = new GitHubSource(connection, { org: 'acme' });
  return new GitHubSync({
    source,
    catalog: store,
    rules: ORGANISATION_RULES,
  });
}

/** Two stores on one database, as two replicas would open it. */
async function twoStores(backend: 'pglite' | 'postgres'): Promise<[CatalogStore, CatalogStore]> {
  if (backend === 'pglite') {
    const store = await CatalogStore.open();
    cleanups.push(() => store.close());
    return [store, store];
  }
  const url = process.env.DATABASE_URL!;
  const pgSchema = `t_${randomBytes(6).toString('hex')}`;
  const first = await CatalogStore.open({ url, pgSchema });
  const second = await CatalogStore.open({ url, pgSchema });
  cleanups.push(async () => {
    await first.close();
    await second.close();
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await admin.end();
  });
  return [first, second];
}

describe.each(testBackends())('replicas on %s', (backend) => {
  it('one replica syncs while the other skips, and the catalog is whole', async () => {
    const generated = generateOrganisation({ repositories: 20, teams: 2 });
    const github = await startFakeGitHub({ org: generated.org, latencyMs: 20 });
    cleanups.push(() => github.close());
    const [storeA, storeB] = await twoStores(backend);
    const [a, b] = [await replica(github, storeA), await replica(github, storeB)];

    const [resultA, resultB] = await Promise.all([a.runFull(), b.runFull()]);
    expect([resultA.status, resultB.status].sort()).toEqual(['skipped', 'succeeded']);
    const listings = github.requests.filter((r) => r.graphql?.operationName === 'CatalogListing');
    expect(listings).toHaveLength(1);
    const refs = (await storeB.listEntities()).map((e) => e.ref).sort();
    expect(refs).toEqual([...generated.repositoryEntities, ...generated.organisationEntities].sort());

    // Once the lock is free the other replica takes its turn.
    expect((await b.runFull()).status).toBe('succeeded');
  });
});
