// Webhooks in any order: GitHub delivers late and out of order, so a `deleted` can arrive after
// the repository was made again under the same name. One repository's history, told by GitHub's
// own example payloads (@octokit/webhooks-examples): Hello-World created, deleted, then
// Hello-World-draft renamed to Hello-World, then a push to its catalog file. Delivered in every one
// of the 24 orders, each ends with the catalog a fresh full sync makes of the organisation.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitHubSync } from '../../src/sync/github/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { componentYaml, deliverWebhook, FakeOrganisation } from '../support/fake-github.js';
import { startOrganisationHarness, WEBHOOK_SECRET, type Harness } from './harness.js';

type Payload = Record<string, any>;
interface WebhookDefinition {
  name: string;
  examples: Payload[];
}
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const example = (event: string, pick: (p: Payload) => boolean): Payload => {
  const found = definitions.find((d) => d.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
};

const ORG = 'Octocoders';
const created = example('repository', (p) => p.action === 'created');
const REPO: string = created.repository.name;
const DRAFT = `${REPO}-draft`;
const COMPONENT = 'component:default/hello-world';

/** GitHub's examples, for one repository of one organisation (GitHub publishes no `deleted` example: it is `created`'s shape). */
function deliveries(): Array<{ name: string; event: string; payload: Payload }> {
  const renamed = example('repository', (p) => p.action === 'renamed');
  renamed.changes.repository.name.from = DRAFT;
  const deleted = { ...structuredClone(created), action: 'deleted' };
  const push = example('push', (p) => p.ref === `refs/heads/${p.repository.default_branch}` && p.commits?.length);
  push.repository = { ...push.repository, ...structuredClone(created.repository) };
  push.repository.owner = { ...created.repository.owner, name: ORG };
  push.commits[0].modified = ['catalog-info.yaml'];
  push.head_commit.modified = ['catalog-info.yaml'];
  return [
    { name: 'created', event: 'repository', payload: created },
    { name: 'deleted', event: 'repository', payload: deleted },
    { name: 'renamed', event: 'repository', payload: renamed },
    { name: 'push', event: 'push', payload: push },
  ];
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

const catalogFile = (where: string) => componentYaml('hello-world', 'github', where);

/** The organisation when the catalog was last in step: only the draft, with its catalog file. */
function before(org: FakeOrganisation): void {
  org.repositories.clear();
  org.redirects.clear();
  org.addRepository({ name: DRAFT, defaultBranch: 'master', files: { 'catalog-info.yaml': catalogFile('draft') } });
}

/** What GitHub holds once every event happened (and so when the late deliveries arrive). */
function after(org: FakeOrganisation): void {
  org.addRepository({ name: REPO, defaultBranch: 'master', files: { 'catalog-info.yaml': catalogFile('first') } });
  org.deleteRepository(REPO);
  org.renameRepository(DRAFT, REPO);
  org.setFile(REPO, 'catalog-info.yaml', catalogFile('pushed'));
}

async function catalog(store: CatalogStore) {
  return (await store.listEntities())
    .map((e) => ({ ref: e.ref, locationKey: e.locationKey, entity: e.entity }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

describe('one repository’s webhooks, delivered in any order', () => {
  let h: Omit<Harness, 'generated'>;
  beforeAll(async () => {
    const org = new FakeOrganisation(ORG);
    org.addTeam({ slug: 'github', name: 'github', members: [] });
    h = await startOrganisationHarness(org);
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A full sync by a runner of its own, so the webhook runner's bookkeeping plays no part. */
  const fullSync = () =>
    new GitHubSync({
      source: h.source,
      catalog: h.store,
    }).runFull();

  const orders = permutations(deliveries());
  it.each(orders.map((order) => [order.map((d) => d.name).join(', '), order] as const))(
    '%s',
    { timeout: 60_000 },
    async (_name, order) => {
      before(h.github.org);
      // The previous order left Hello-World holding the component: the first sync removes that
      // location (GitHub says it is gone) after the draft's copy was refused for it, and the draft's
      // file, parsed again at the next read, is claimed by the second.
      expect((await fullSync()).status).toBe('succeeded');
      expect((await fullSync()).status).toBe('succeeded');
      expect((await h.store.getEntity(COMPONENT))?.entity.metadata.description).toBe('The hello-world service draft');
      after(h.github.org);

      for (const { event, payload } of order) {
        const answer = await deliverWebhook(h.webhookUrl, { event, payload }, WEBHOOK_SECRET);
        expect(answer.status, answer.body).toBe(202);
      }
      await h.sync.idle();

      const delivered = await catalog(h.store);
      expect(delivered.find((e) => e.ref === COMPONENT)).toMatchObject({
        locationKey: `github:${ORG}/${REPO}`,
        entity: { metadata: { description: 'The hello-world service pushed' } },
      });
      expect((await fullSync()).status).toBe('succeeded');
      expect(await catalog(h.store), 'a full sync after the deliveries changes nothing').toEqual(delivered);
    },
  );
});
