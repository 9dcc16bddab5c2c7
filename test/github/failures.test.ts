// GitHub failing on the way: gateway errors, rate limits, slow pages, unreadable files. The sync
// completes (after waiting for resets), and never removes an entity it could not read.
import { afterEach, describe, expect, it } from 'vitest';
import { componentYaml } from '../support/fake-github.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const isListing = (r: { graphql?: { operationName?: string } }) => r.graphql?.operationName === 'CatalogListing';

describe('a sync while GitHub fails', () => {
  it('502 on a third of the pages and a rate limit midway: completes after the reset, removes nothing', async () => {
    h = await startHarness(
      { repositories: 120, withoutCatalog: 4, brokenYaml: 2, locationRepos: 2, teams: 3 },
      { source: { paging: { initial: 20, max: 20 } } },
    );
    const first = await h.sync.runFull();
    expect(first.status).toBe('succeeded');
    const before = await h.refs();

    for (const i of [1, 50, 90])
      h.github.org.setFile(
        `service-${i}`,
        'catalog-info.yaml',
        componentYaml(`service-${i}`, 'team-2', 'changed under fire'),
      );
    h.github.resetStats();
    h.github.inject({ kind: 'graphql', when: isListing, every: 3, effect: { status: 502 } });
    h.github.rateLimitOnce('graphql', 'primary', { after: 4, seconds: 1 });
    const result = await h.sync.runFull();

    expect(result.status).toBe('succeeded');
    expect(result.summary).toMatchObject({ updated: 3, removed: 0, removedLocations: 0 });
    expect(await h.refs()).toEqual(before);
    expect((await h.store.getEntity('component:default/service-90'))?.entity.metadata.description).toContain(
      'changed under fire',
    );
    expect(h.github.stats()).toMatchObject({ rateLimited: 1 });
    expect(h.github.requests.filter((r) => isListing(r) && r.status === 502).length).toBeGreaterThanOrEqual(2);
    const run = await h.store.lastSyncRun('github');
    expect(run).toMatchObject({ status: 'succeeded', stats: { rateLimitWaits: 1, repositoriesSeen: 120 } });
  });

  it('a first sync through 502s, a secondary rate limit and a REST rate limit gets everything', async () => {
    h = await startHarness(
      { repositories: 60, withoutCatalog: 2, locationRepos: 2, teams: 2 },
      { source: { paging: { initial: 10, max: 10 } } },
    );
    h.github.inject({ kind: 'graphql', when: isListing, every: 3, effect: { status: 504 } });
    h.github.rateLimitOnce('graphql', 'secondary', { after: 3, seconds: 1 });
    h.github.rateLimitOnce('rest', 'primary', { seconds: 1 });
    const result = await h.sync.runFull();
    expect(result.status).toBe('succeeded');
    expect(await h.refs()).toEqual([...h.generated.repositoryEntities, ...h.generated.organisationEntities].sort());
  });

  it('slow pages time out and the listing carries on with smaller pages', async () => {
    h = await startHarness(
      { repositories: 30, teams: 1 },
      { source: { paging: { initial: 100, min: 5, timeoutMs: 300 } } },
    );
    h.github.inject({
      kind: 'graphql',
      when: (r) => isListing(r) && Number(r.graphql?.variables.first) > 10,
      effect: { delayMs: 1_000 },
    });
    const result = await h.sync.runFull();
    expect(result.status).toBe('succeeded');
    // Each timed-out page was asked again at half the size. The fake records an answer when it
    // finishes, and an abandoned slow answer may finish after the sync: so the sizes seen are the
    // first and last of the halving, and nothing outside it.
    const sizes = new Set(h.github.requests.filter(isListing).map((r) => Number(r.graphql?.variables.first)));
    expect(sizes.has(100) && sizes.has(6)).toBe(true);
    expect([...sizes].filter((size) => ![100, 50, 25, 12, 6].includes(size))).toEqual([]);
    expect((await h.refs()).filter((r) => r.startsWith('component:'))).toHaveLength(30);
  });

  it('a file that cannot be read keeps its entities until it can', async () => {
    h = await startHarness({ repositories: 10, teams: 1 });
    await h.sync.runFull();
    h.github.org.setFile('service-3', 'catalog-info.yaml', componentYaml('service-3', 'team-0', 'second version'));
    const failing = h.github.inject({
      kind: 'graphql',
      when: (r) => r.graphql?.operationName === 'CatalogFiles',
      effect: { status: 502 },
    });
    const result = await h.sync.runFull();
    expect(result.stats).toMatchObject({ repositoriesFailed: 1, removed: 0 });
    const kept = await h.store.getEntity('component:default/service-3');
    expect(kept?.entity.metadata.description).not.toContain('second version');

    h.github.failures.remove(failing);
    await h.sync.runFull();
    expect((await h.store.getEntity('component:default/service-3'))?.entity.metadata.description).toContain(
      'second version',
    );
  });

  it('a listing that keeps failing records a partial run and removes nothing', async () => {
    h = await startHarness({ repositories: 12, teams: 1 }, { source: { paging: { initial: 5, max: 5, attempts: 3 } } });
    await h.sync.runFull();
    const before = await h.refs();
    h.github.org.deleteRepository('service-11');
    h.github.inject({ kind: 'graphql', when: isListing, after: 1, effect: { status: 502 } });
    const result = await h.sync.runFull();
    expect(result.status).toBe('partial');
    expect(result.error).toMatch(/listing repositories failed 3 times: GitHub answered 502/);
    expect(await h.refs()).toEqual(before);
    expect(await h.store.lastSyncRun('github')).toMatchObject({
      status: 'partial',
      error: expect.stringMatching(/502/),
    });
  });
});

describe('repositories that leave', () => {
  it('a deleted repository loses its entities at the next sync; archiving follows the filter', async () => {
    h = await startHarness({ repositories: 15, teams: 1 });
    await h.sync.runFull();
    h.github.org.deleteRepository('service-2');
    h.github.org.setArchived('service-5');
    const result = await h.sync.runFull();
    expect(result.stats).toMatchObject({ repositoriesGone: 2, removed: 2 });
    const refs = await h.refs();
    expect(refs).not.toContain('component:default/service-2');
    expect(refs).not.toContain('component:default/service-5');

    h.github.org.setArchived('service-5', false);
    await h.sync.runFull();
    expect(await h.refs()).toContain('component:default/service-5');
  });

  it('archived repositories stay when the filter allows them', async () => {
    h = await startHarness({ repositories: 5, teams: 1 }, { source: { filters: { allowArchived: true } } });
    h.github.org.setArchived('service-1');
    await h.sync.runFull();
    expect(await h.refs()).toContain('component:default/service-1');
  });
});
