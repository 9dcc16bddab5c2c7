// Issue 4's acceptance on a 300-repository organisation: a full sync puts every valid entity in the
// catalog and every broken file in the problems; a resync with nothing changed costs only the
// listing; one changed file costs one read and one write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { componentYaml } from '../support/fake-github.js';
import { operations, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    repositories: 300,
    withoutCatalog: 20,
    brokenYaml: 5,
    locationRepos: 3,
    teams: 6,
    membersPerTeam: 3,
  });
});

afterAll(async () => {
  await h?.close();
});

describe('a full sync of a 300-repository organisation', () => {
  it('puts every valid entity in the catalog and names each broken file', async () => {
    const result = await h.sync.runFull();
    expect(result.status).toBe('succeeded');
    const refs = await h.refs();
    const expected = [...h.generated.repositoryEntities, ...h.generated.organisationEntities].sort();
    expect(refs).toEqual(expected);

    const problems = await h.store.listProblems();
    const broken = h.generated.broken.map((b) => `github:acme/${b.repo} ${b.path}`).sort();
    expect([...new Set(problems.map((p) => `${p.locationKey} ${p.file}`))].sort()).toEqual(broken);

    // The globbed services and the shared repository's system arrived through the monorepo's Location.
    const ledger = await h.store.getEntity('component:default/monorepo-1-ledger');
    expect(ledger?.locationKey).toBe('github:acme/monorepo-1');
    expect(ledger?.file).toBe('services/ledger/catalog-info.yaml');
    expect(ledger?.fileUrl).toBe('https://github.com/acme/monorepo-1/blob/main/services/ledger/catalog-info.yaml');
    const system = await h.store.getEntity('system:default/system-1');
    expect(system?.file).toBe('shared-catalog@main:systems/system-1.yaml');

    // Teams and people, as /owner resolves them.
    const team = await h.store.getEntity('group:default/team-3');
    expect(team?.entity.spec).toMatchObject({
      type: 'team',
      parent: 'team-1',
      members: ['user-3-0', 'user-3-1', 'user-3-2'],
    });
    const person = await h.store.getEntity('user:default/user-2-1');
    expect(person?.entity.metadata.annotations).toMatchObject({ 'github.com/user-login': 'user-2-1' });
    expect(person?.entity.spec).toMatchObject({ profile: { email: 'user-2-1@acme.test' }, memberOf: ['team-2'] });

    const run = await h.store.lastSyncRun('github');
    expect(run).toMatchObject({ status: 'succeeded', stats: { repositoriesSeen: 300, repositoriesIncluded: 300 } });
    // Text rode along in the listing: three pages of a hundred, a point each, plus the Location reads.
    expect(run!.stats.graphqlPoints).toBeLessThanOrEqual(2 * 3 + 2);
  });

  it('resyncs with nothing changed: only the listing queries, nothing parsed or written', async () => {
    const versionBefore = await h.store.catalogVersion();
    h.github.resetStats();
    const result = await h.sync.runFull();
    expect(result.status).toBe('succeeded');
    expect(result.summary.filesParsed ?? 0).toBe(0);
    expect(result.summary.locations ?? 0).toBe(0);
    expect(await h.store.catalogVersion()).toBe(versionBefore);
    expect(operations(h.github).filter((op) => op !== 'CatalogTeams' && op !== 'CatalogMembers')).toEqual([
      'CatalogListing',
      'CatalogListing',
      'CatalogListing',
    ]);
    expect(h.github.stats()).toMatchObject({ rest: 0 });
    // The listing asked for no file text.
    expect(h.github.requests.every((r) => r.graphql?.variables.withText !== true)).toBe(true);
  });

  it('reads and writes only the repository whose file changed', async () => {
    h.github.org.setFile(
      'service-7',
      'catalog-info.yaml',
      componentYaml('service-7', 'team-1', 'now with a new owner'),
    );
    h.github.resetStats();
    const result = await h.sync.runFull();
    expect(result.summary).toMatchObject({ locations: 1, filesParsed: 1, updated: 1, added: 0, removed: 0 });
    const reads = h.github.requests.filter((r) => r.graphql?.operationName === 'CatalogFiles');
    expect(reads).toHaveLength(1);
    expect(Object.values(reads[0].graphql!.variables)).toContain('service-7');
    const entity = await h.store.getEntity('component:default/service-7');
    expect(entity?.entity.spec?.owner).toBe('group:team-1');
    expect(entity?.entity.metadata.description).toContain('now with a new owner');
  });

  it('follows a changed file behind a Location: the shared system and a new globbed service', async () => {
    h.github.org.setFile(
      'shared-catalog',
      'systems/system-2.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-2\n  description: Renamed\nspec:\n  owner: group:team-0\n',
    );
    h.github.org.setFile('monorepo-0', 'services/audit/catalog-info.yaml', componentYaml('monorepo-0-audit', 'team-0'));
    const result = await h.sync.runFull();
    expect(result.summary).toMatchObject({ locations: 2, added: 1, updated: 1, removed: 0 });
    expect((await h.store.getEntity('system:default/system-2'))?.entity.metadata.description).toBe('Renamed');
    expect((await h.store.getEntity('component:default/monorepo-0-audit'))?.file).toBe(
      'services/audit/catalog-info.yaml',
    );
  });
});
