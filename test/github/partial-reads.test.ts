// Removal needs positive evidence. A full sync whose reads fail (502s and timeouts on file reads
// in the first sync after a restart) or whose listings are cut short (repositories, teams, members
// answered with hasNextPage: false too early) removes nothing, ends 'partial' and says so; the
// next good run is complete. And a run that keeps failing stops early instead of holding the lock.
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubConnection, GitHubSource } from '../../src/sources/github/index.js';
import { GitHubSync } from '../../src/sync/github/index.js';
import { ORGANISATION_RULES, startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const operation = (name: string) => (r: { graphql?: { operationName?: string } }) => r.graphql?.operationName === name;

/** A new process on the same store: no Location plans in memory, a short request timeout. */
async function restarted(harness: Harness, options: { maxFailedRequests?: number } = {}): Promise<GitHubSync> {
  const connection = await createGitHubConnection({
    org: harness.github.org.login,
    token: harness.github.token,
    apiUrl: harness.github.url,
    retryBaseMs: 5,
    retries: 1,
    requestTimeoutMs: 400,
  });
  const source = new GitHubSource(connection, {
    org: harness.github.org.login,
    paging: { initial: 20, max: 20, backoffMs: 5, timeoutMs: 5_000 },
  });
  const store = harness.store;
  return new GitHubSync({
    source,
    catalog: store,
    rules: ORGANISATION_RULES,
    ...options,
  });
}

describe('a partial read removes nothing', () => {
  it('502s and timeouts on file reads after a restart keep every entity reached through a Location', async () => {
    h = await startHarness({ repositories: 30, locationRepos: 3, teams: 2 }, { source: { paging: { initial: 20 } } });
    expect((await h.sync.runFull()).status).toBe('succeeded');
    const before = await h.refs();
    expect(before.filter((r) => r.startsWith('system:'))).toHaveLength(3);

    const sync = await restarted(h);
    const files = operation('CatalogFiles');
    h.github.inject({ kind: 'graphql', when: files, every: 2, effect: { status: 502 } });
    h.github.inject({ kind: 'graphql', when: files, every: 2, after: 1, effect: { delayMs: 1_500 } });
    const partial = await sync.runFull();

    expect(partial.status).toBe('partial');
    expect(partial.summary.removed ?? 0).toBe(0);
    expect(await h.refs()).toEqual(before);
    const run = await h.store.lastSyncRun('github');
    expect(run).toMatchObject({ status: 'partial' });
    expect(run?.stats.failedReads).toBeGreaterThan(0);
    expect(run?.error).toMatch(/could not be read whole; what they had is kept/);
    expect(sync.nextRunInMs()).toBeLessThan(30 * 60_000);

    h.github.failures.clear();
    const good = await sync.runFull();
    expect(good.status).toBe('succeeded');
    expect(await h.refs()).toEqual(before);
    expect(sync.nextRunInMs()).toBe(30 * 60_000);
  });

  it('a repository listing cut short removes no repository it did not list', async () => {
    h = await startHarness({ repositories: 30, teams: 1 }, { source: { paging: { initial: 10, max: 10 } } });
    expect((await h.sync.runFull()).status).toBe('succeeded');
    const before = await h.refs();

    h.github.inject({ kind: 'graphql', when: operation('CatalogListing'), times: 1, effect: { cutShort: true } });
    const partial = await h.sync.runFull();
    expect(partial.status).toBe('partial');
    expect(partial.error).toContain("GitHub listed 10 of the organisation's 30 repositories");
    expect(await h.refs()).toEqual(before);
    expect((await h.store.lastSyncRun('github'))?.status).toBe('partial');

    expect((await h.sync.runFull()).status).toBe('succeeded');
    expect(await h.refs()).toEqual(before);
  });

  it('teams and members listings cut short remove no Group and no User', async () => {
    // 101 teams and 101 people: both listings take two pages of a hundred.
    h = await startHarness({ repositories: 2, teams: 101, membersPerTeam: 1 });
    expect((await h.sync.runFull()).status).toBe('succeeded');
    const before = await h.refs();
    expect(before.filter((r) => r.startsWith('group:'))).toHaveLength(101);

    for (const name of ['CatalogTeams', 'CatalogMembers']) {
      // The first page says it is the last.
      const firstPage = (
        r: Parameters<ReturnType<typeof operation>>[0] & { graphql?: { variables?: Record<string, unknown> } },
      ) => operation(name)(r) && r.graphql?.variables?.after == null;
      h.github.inject({ kind: 'graphql', when: firstPage, times: 1, effect: { cutShort: true } });
      const partial = await h.sync.runFull();
      expect([name, partial.status, partial.error]).toEqual([name, 'partial', expect.any(String)]);
      expect(partial.error).toMatch(/GitHub listed 100 of 101 (teams|members of the organisation)/);
      expect(await h.refs()).toEqual(before);
    }
    h.github.org.deleteTeam('team-100');
    const good = await h.sync.runFull();
    expect(good.status).toBe('succeeded');
    // A team GitHub no longer lists in a complete listing is gone.
    expect(await h.refs()).toEqual(before.filter((r) => r !== 'group:default/team-100'));
  });
});

describe('a sync while GitHub keeps failing', () => {
  it('stops asking after too many failed requests, ends partial, and removes only what GitHub confirms gone', async () => {
    h = await startHarness({ repositories: 40, teams: 1 }, { source: { paging: { initial: 20, max: 20 } } });
    expect((await h.sync.runFull()).status).toBe('succeeded');
    const before = await h.refs();

    // Thirty repositories vanish from the listing, and GitHub answers 502 when asked about each.
    const vanished = h.github.org
      .repositoryList()
      .slice(0, 30)
      .map((r) => r.name);
    for (const name of vanished) h.github.org.deleteRepository(name);
    const sync = await restarted(h, { maxFailedRequests: 6 });
    const failing = h.github.inject({ kind: 'rest', path: /^\/repos\//, effect: { status: 502 } });
    const result = await sync.runFull();
    expect(result.status).toBe('partial');
    expect(result.error).toMatch(/GitHub failed \d+ requests in this run; it stopped early and the next run picks up/);
    // One batch of confirmations (8, each tried twice), not thirty.
    expect(result.stats.failedRequests).toBeLessThanOrEqual(16);
    expect(await h.refs()).toEqual(before);

    h.github.failures.remove(failing);
    const good = await sync.runFull();
    expect(good.status).toBe('succeeded');
    expect(good.summary.removedLocations).toBe(vanished.length);
  });
});
