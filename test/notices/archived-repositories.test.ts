// A repository archived on GitHub while its entity says production: the GitHub facts refresh
// stores it archived (read from the fake GitHub), the notices find it through the hook the
// running Callboard feeds from that store, and the owning team is told once; unarchived, the
// message is edited to resolved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/slack/index.js';
import { createGitHubConnection } from '../../src/sources/github/index.js';
import { GitHubFactsRefresh } from '../../src/sync/github/github-facts-refresh.js';
import { FakeOrganisation, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';
import { NoticeWorld } from './support.js';

const PAYMENTS_ON_GITHUB = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  annotations:
    github.com/project-slug: acme/payments
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;

describe.each(testBackends())('archived repositories as notices (%s)', { timeout: 180_000 }, (backend) => {
  let stores: TestStores;
  let world: NoticeWorld;
  let github: FakeGitHub;
  let refresh: GitHubFactsRefresh;
  const org = new FakeOrganisation('acme');
  org.addRepository({ name: 'payments', files: { 'README.md': '# Payments' } });

  beforeEach(async () => {
    stores = await openTestStores(backend);
    world = await NoticeWorld.open(stores);
    world.write('payments.yaml', PAYMENTS_ON_GITHUB);
    await world.sync();
    github = await startFakeGitHub({ org });
    const connection = await createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url });
    refresh = new GitHubFactsRefresh({ connection, target: stores.repositoryFacts });
  });
  afterEach(async () => {
    await world.close();
    await github.close();
    await stores.close();
  });

  it('tells the owner when GitHub archives the repository of a production entity, and resolves it when unarchived', async () => {
    const service = world.replica(stores, 0, () => stores.repositoryFacts.archived());
    await refresh.refreshAll();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toEqual([]);

    org.setArchived('payments', true);
    await refresh.refreshAll();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toHaveLength(1);
    const [post] = world.posts();
    expect(post.args.channel).toBe('C0PAYMENTS');
    const shown = renderText(post.args as { text?: string; blocks?: unknown[] });
    expect(shown).toContain('component:default/payments says production, but acme/payments is archived');

    org.setArchived('payments', false);
    await refresh.refreshAll();
    await service.reconcile();
    await service.deliver();
    const updates = world.slack.callsTo('chat.update');
    expect(updates).toHaveLength(1);
    expect(renderText(updates[0].args as { text?: string; blocks?: unknown[] })).toContain('resolved');
  });
});
