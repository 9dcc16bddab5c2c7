// Replays every example payload GitHub publishes (@octokit/webhooks-examples) for the events that
// concern the catalog, signed, through POST /github/webhook, against a fake GitHub whose
// organisation is the payload's. Afterwards the catalog holds what the event says, and a full
// sync changes nothing: the delivery alone brought the catalog in step with GitHub.
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import { GitHubSync } from '../../src/sync/github/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { deliverWebhook, FakeOrganisation } from '../support/fake-github.js';
import { startOrganisationHarness, WEBHOOK_SECRET, type Harness, ORGANISATION_RULES } from './harness.js';
import { accountOf, prepare, REPLAYED_EVENTS, type Payload, type ReplayExample } from './replay-worlds.js';

type OrgHarness = Omit<Harness, 'generated'>;

interface WebhookDefinition {
  name: string;
  examples: Payload[];
}
const definitions = createRequire(import.meta.url)('@octokit/webhooks-examples') as WebhookDefinition[];
const examples: ReplayExample[] = definitions
  .filter((d) => REPLAYED_EVENTS.includes(d.name))
  .flatMap((d) => d.examples.map((payload, index) => ({ event: d.name, action: payload.action, index, payload })));

// One harness per account the examples name (Codertocat, Octocoders, octocat), reused in turn.
const harnesses = new Map<string, Promise<OrgHarness>>();
const harnessFor = (login: string): Promise<OrgHarness> => {
  let harness = harnesses.get(login);
  if (!harness) {
    harness = startOrganisationHarness(new FakeOrganisation(login));
    harnesses.set(login, harness);
  }
  return harness;
};

afterAll(async () => {
  await Promise.all([...harnesses.values()].map(async (h) => (await h).close()));
});

/** A full sync by a runner of its own, so that the webhook runner's bookkeeping plays no part. */
async function fullSync(h: OrgHarness) {
  return new GitHubSync({ source: h.source, catalog: h.store, rules: ORGANISATION_RULES }).runFull();
}

async function catalog(store: CatalogStore) {
  return (await store.listEntities())
    .map((e) => ({ ref: e.ref, locationKey: e.locationKey, entity: e.entity }))
    .sort((a, b) => a.ref.localeCompare(b.ref));
}

describe("GitHub's example webhook payloads, replayed", () => {
  it('cover every event and action the catalog cares about', () => {
    const seen = new Set(examples.map((e) => e.event));
    expect([...seen].sort()).toEqual([...REPLAYED_EVENTS].sort());
    const repositoryActions = new Set(examples.filter((e) => e.event === 'repository').map((e) => e.action));
    expect(repositoryActions).toContain('renamed');
    expect(repositoryActions).toContain('transferred');
  });

  it.each(examples.map((e) => [`${e.event}${e.action ? `.${e.action}` : ''} (example ${e.index + 1})`, e] as const))(
    '%s',
    async (_name, example) => {
      const h = await harnessFor(accountOf(example.payload));
      const { happen, expect: want } = prepare(h.github.org, example);
      expect((await fullSync(h)).status).toBe('succeeded');
      happen();
      h.github.resetStats();

      const { event, payload } = example;
      const answer = await deliverWebhook(h.webhookUrl, { event, payload }, WEBHOOK_SECRET);
      await h.sync.idle();
      expect(answer.status, answer.body).toBe(202);

      for (const wanted of want.present) {
        const stored = await h.store.getEntity(wanted.ref);
        expect(stored, `${wanted.ref} is in the catalog`).toBeDefined();
        if (wanted.locationKey) expect(stored!.locationKey).toBe(wanted.locationKey);
        if (wanted.description) expect(stored!.entity.metadata.description).toBe(wanted.description);
        if (wanted.members) expect(stored!.entity.spec?.members).toEqual(wanted.members);
      }
      for (const ref of want.absent) expect(await h.store.getEntity(ref), `${ref} left the catalog`).toBeUndefined();
      if (want.readsNothing) expect(h.github.stats()).toMatchObject({ rest: 0, graphql: 0 });

      const held = await catalog(h.store);
      expect((await fullSync(h)).status).toBe('succeeded');
      expect(await catalog(h.store), 'a full sync after the delivery changes nothing').toEqual(held);
    },
  );
});
