// A catalog file GitHub would not give (its blob answered 500) is a problem until it can be read
// again, even when it is read back with the content the store already holds.
import { afterEach, describe, expect, it } from 'vitest';
import { BLOB_TEXT_LIMIT } from '../support/fake-github/graphql-resolvers.js';
import { componentYaml } from '../support/hostile-catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a file whose blob could not be read', () => {
  it('loses its read error once it reads again, back at the content stored before', async () => {
    h = await startHarness({ repositories: 3, teams: 1 });
    // Over GraphQL's text limit, so the text comes as a git blob over REST.
    const large = (description: string) => `# ${'x'.repeat(BLOB_TEXT_LIMIT)}\n${componentYaml('large', description)}`;
    h.github.org.addRepository({ name: 'large', files: { 'catalog-info.yaml': large('first') } });
    await h.sync.runFull();

    h.github.org.setFile('large', 'catalog-info.yaml', large('second'));
    const failing = h.github.inject({ kind: 'rest', path: /\/git\/blobs\//, effect: { status: 500 } });
    await h.sync.runFull();
    expect((await h.store.listProblems()).filter((p) => p.category === 'document').map((p) => p.message)).toEqual([
      expect.stringMatching(/^could not be read: .*500/),
    ]);

    h.github.failures.remove(failing);
    h.github.org.setFile('large', 'catalog-info.yaml', large('first'));
    await h.sync.runFull();
    expect((await h.store.listProblems()).filter((p) => p.category === 'document')).toEqual([]);
    expect((await h.store.getEntity('component:default/large'))?.entity.metadata.description).toBe('first');
  });
});
