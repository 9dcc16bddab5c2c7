// POST /github/webhook: signed deliveries update the catalog for one repository (or the teams)
// without a full sync; a bad signature changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SearchService } from '../../src/search/index.js';
import { componentYaml, deliverWebhook } from '../support/fake-github.js';
import { operations, startHarness, WEBHOOK_SECRET, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    repositories: 40,
    withoutCatalog: 3,
    brokenYaml: 1,
    locationRepos: 2,
    teams: 4,
    membersPerTeam: 2,
  });
  const first = await h.sync.runFull();
  expect(first.status).toBe('succeeded');
});

afterAll(async () => {
  await h?.close();
});

beforeEach(() => {
  h.github.resetStats();
});

const deliver = async (delivery: Parameters<typeof deliverWebhook>[1], secret = WEBHOOK_SECRET) => {
  const answer = await deliverWebhook(h.webhookUrl, delivery, secret);
  await h.sync.idle();
  return answer;
};

describe('GitHub webhooks', () => {
  it('a push touching the catalog file updates that entity, searchable, with no full sync', async () => {
    const search = new SearchService(
      () => h.store.searchRows(),
      () => h.store.catalogVersion(),
    );
    await search.refresh();
    expect(search.search('quartermaster')).toEqual([]);

    h.github.org.setFile('service-4', 'catalog-info.yaml', componentYaml('service-4', 'team-2', 'quartermaster'));
    const answer = await deliver(h.github.payloads.push('service-4', { modified: ['catalog-info.yaml'] }));
    expect(answer.status).toBe(202);

    const entity = await h.store.getEntity('component:default/service-4');
    expect(entity?.entity.metadata.description).toContain('quartermaster');
    await search.refresh();
    expect(search.search('quartermaster')[0]?.ref).toBe('component:default/service-4');
    expect(operations(h.github)).not.toContain('CatalogListing');
    expect(operations(h.github)).toEqual(['CatalogRepository', 'CatalogFiles']);
  });

  it('a push that touches no catalog file, or another branch, reads nothing', async () => {
    h.github.org.setFile('service-5', 'src/index.ts', 'export const x = 1;\n');
    expect(
      JSON.parse((await deliver(h.github.payloads.push('service-5', { modified: ['src/index.ts'] }))).body),
    ).toMatchObject({ read: [], ignored: 'the push touched no catalog file' });
    h.github.org.setFile(
      'service-5',
      'catalog-info.yaml',
      componentYaml('service-5', 'team-0', 'on a branch'),
      'feature',
    );
    await deliver(h.github.payloads.push('service-5', { modified: ['catalog-info.yaml'] }, 'feature'));
    expect(h.github.stats()).toMatchObject({ rest: 0, graphql: 0 });
  });

  it("a push to a file a Location reads in another repository re-reads the Location's repository", async () => {
    h.github.org.setFile(
      'shared-catalog',
      'systems/system-1.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: system-1\n  description: Moved by webhook\nspec:\n  owner: group:team-1\n',
    );
    const answer = await deliver(h.github.payloads.push('shared-catalog', { modified: ['systems/system-1.yaml'] }));
    expect(JSON.parse(answer.body)).toMatchObject({ read: ['monorepo-1'] });
    expect((await h.store.getEntity('system:default/system-1'))?.entity.metadata.description).toBe('Moved by webhook');
  });

  it('a push adding a file under a Location glob of the same repository reads it', async () => {
    h.github.org.setFile(
      'monorepo-0',
      'services/search/catalog-info.yaml',
      componentYaml('monorepo-0-search', 'team-0'),
    );
    const answer = await deliver(
      h.github.payloads.push('monorepo-0', { added: ['services/search/catalog-info.yaml'] }),
    );
    expect(JSON.parse(answer.body)).toMatchObject({ read: ['monorepo-0'] });
    expect((await h.store.getEntity('component:default/monorepo-0-search'))?.file).toBe(
      'services/search/catalog-info.yaml',
    );
  });

  it('a bad signature gets 401 and changes nothing', async () => {
    h.github.org.setFile('service-6', 'catalog-info.yaml', componentYaml('service-6', 'team-0', 'forged'));
    const push = h.github.payloads.push('service-6', { modified: ['catalog-info.yaml'] });
    const answer = await deliver(push, 'not-the-secret');
    expect(answer.status).toBe(401);
    const missing = await deliverWebhook(h.webhookUrl, push, WEBHOOK_SECRET, { signature: '' });
    expect(missing.status).toBe(401);
    expect((await h.store.getEntity('component:default/service-6'))?.entity.metadata.description).not.toContain(
      'forged',
    );
    expect(h.github.stats()).toMatchObject({ rest: 0, graphql: 0 });
  });

  it('a deleted repository loses its entities', async () => {
    expect(await h.store.getEntity('component:default/service-8')).toBeDefined();
    const repo = h.github.org.deleteRepository('service-8');
    await deliver(h.github.payloads.repositoryEvent('deleted', repo));
    expect(await h.store.getEntity('component:default/service-8')).toBeUndefined();
  });

  it('archiving follows the filter: archived repositories leave, unarchived ones come back', async () => {
    await deliver(h.github.payloads.repositoryEvent('archived', h.github.org.setArchived('service-9', true)));
    expect(await h.store.getEntity('component:default/service-9')).toBeUndefined();
    await deliver(h.github.payloads.repositoryEvent('unarchived', h.github.org.setArchived('service-9', false)));
    expect(await h.store.getEntity('component:default/service-9')).toBeDefined();
  });

  it('a renamed repository moves its entities to the new location; a transferred one leaves', async () => {
    const renamed = h.github.org.renameRepository('service-10', 'service-ten');
    await deliver(h.github.payloads.renamed(renamed, 'service-10'));
    const entity = await h.store.getEntity('component:default/service-10');
    expect(entity?.locationKey).toBe('github:acme/service-ten');
    expect(await h.store.locationKeys('github:acme/service-10')).toEqual([]);

    const moved = h.github.org.transferRepository('service-11', 'someone-else');
    await deliver(h.github.payloads.transferred(moved));
    expect(await h.store.getEntity('component:default/service-11')).toBeUndefined();
  });

  it('a new repository with a catalog file joins the catalog', async () => {
    const repo = h.github.org.addRepository({
      name: 'brand-new',
      files: { 'catalog-info.yaml': componentYaml('brand-new', 'team-3') },
    });
    await deliver(h.github.payloads.repositoryEvent('created', repo));
    expect((await h.store.getEntity('component:default/brand-new'))?.locationKey).toBe('github:acme/brand-new');
  });

  it('team and membership events re-read the teams and people', async () => {
    h.github.org.addTeamMember('team-2', 'newcomer');
    const team = h.github.org.team('team-2')!;
    await deliver(h.github.payloads.membership('added', team, h.github.org.user('newcomer')!));
    expect((await h.store.getEntity('group:default/team-2'))?.entity.spec?.members).toContain('newcomer');
    expect((await h.store.getEntity('user:default/newcomer'))?.entity.spec?.memberOf).toEqual(['team-2']);

    const created = h.github.org.addTeam({ slug: 'team-new', parent: 'team-2', members: ['newcomer'] });
    await deliver(h.github.payloads.team('created', created));
    expect((await h.store.getEntity('group:default/team-new'))?.entity.spec?.parent).toBe('team-2');
    expect((await h.store.getEntity('group:default/team-2'))?.entity.spec?.children).toEqual(['team-new']);
  });
});
