// The provider's options, as Backstage's GitHub provider has them: catalog path globs (one tree
// read per changed repository), repository name, topics, forks, visibility, a branch.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSourceOptions } from '../../src/sources/github/options.js';
import { exclusionReason } from '../../src/sources/github/repository-filter.js';
import { componentYaml } from '../support/fake-github.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const treeReads = (harness: Harness) =>
  harness.github.requests.filter((r) => r.route === 'GET /repos/{owner}/{repo}/git/trees/{sha+}');

describe('a globbed catalog path', () => {
  it('reads one tree per repository, none again while branches stay put', async () => {
    h = await startHarness({ repositories: 6, teams: 1 }, { source: { catalogPath: '**/catalog-info.yaml' } });
    h.github.org.setFile('service-1', 'packages/extra/catalog-info.yaml', componentYaml('service-1-extra', 'team-0'));
    h.github.org.setFile('service-2', '.backstage/catalog-info.yaml', componentYaml('service-2-hidden', 'team-0'));
    await h.sync.runFull();
    expect(treeReads(h)).toHaveLength(6);
    const refs = await h.refs();
    expect(refs).toContain('component:default/service-1-extra');
    expect(refs).toContain('component:default/service-2-hidden');
    expect((await h.store.getEntity('component:default/service-1-extra'))?.file).toBe(
      'packages/extra/catalog-info.yaml',
    );

    h.github.resetStats();
    await h.sync.runFull();
    expect(treeReads(h)).toHaveLength(0);

    h.github.org.deleteFile('service-1', 'packages/extra/catalog-info.yaml');
    h.github.resetStats();
    const result = await h.sync.runFull();
    expect(treeReads(h).map((r) => r.path)).toEqual([expect.stringContaining('/repos/acme/service-1/git/trees/')]);
    expect(result.summary).toMatchObject({ removed: 1 });
    expect(await h.refs()).not.toContain('component:default/service-1-extra');
  });
});

describe('repository filters', () => {
  const filters = (f: Parameters<typeof resolveSourceOptions>[0]['filters']) =>
    resolveSourceOptions({ org: 'acme', filters: f }).filters;
  const repo = {
    name: 'payments-api',
    isArchived: false,
    isFork: false,
    visibility: 'private' as const,
    topics: ['backstage', 'team-pay'],
  };

  it('leaves repositories out by name, archive, fork, visibility and topics, with the reason', () => {
    expect(exclusionReason(repo, filters({}))).toBeUndefined();
    expect(exclusionReason(repo, filters({ repository: 'web-.*' }))).toBe('name does not match the repository filter');
    expect(exclusionReason(repo, filters({ repository: 'payments-.*' }))).toBeUndefined();
    expect(exclusionReason({ ...repo, isArchived: true }, filters({}))).toBe('archived');
    expect(exclusionReason({ ...repo, isFork: true }, filters({}))).toBeUndefined();
    expect(exclusionReason({ ...repo, isFork: true }, filters({ allowForks: false }))).toBe('a fork');
    expect(exclusionReason(repo, filters({ visibility: ['public'] }))).toBe('private visibility is filtered out');
    expect(exclusionReason(repo, filters({ topicsInclude: ['other'] }))).toBe('has none of the included topics');
    expect(exclusionReason(repo, filters({ topicsInclude: ['team-pay'], topicsExclude: ['backstage'] }))).toBe(
      'topic backstage is excluded',
    );
  });

  it('refuses a repository filter that is not a regular expression, naming it', () => {
    expect(() => resolveSourceOptions({ org: 'acme', filters: { repository: 'web-(' } })).toThrow(
      'the GitHub repository filter "web-(" is not a valid regular expression',
    );
  });

  it('reads only what the filters let through, and drops what they stop letting through', async () => {
    h = await startHarness(
      { repositories: 8, locationRepos: 1, withoutCatalog: 1, teams: 1 },
      { source: { filters: { topicsInclude: ['backstage'] } } },
    );
    await h.sync.runFull();
    const components = (await h.refs()).filter((r) => r.startsWith('component:'));
    expect(components).toEqual(h.generated.plain.map((name) => `component:default/${name}`).sort());

    h.github.org.requireRepository('service-0').topics = ['retired'];
    await h.sync.runFull();
    expect(await h.refs()).not.toContain('component:default/service-0');
  });
});

describe('a configured branch', () => {
  it('reads that branch and leaves out repositories without it', async () => {
    h = await startHarness({ repositories: 3, teams: 1 }, { source: { branch: 'release' } });
    h.github.org.setFile(
      'service-1',
      'catalog-info.yaml',
      componentYaml('service-1', 'team-0', 'from the release branch'),
      'release',
    );
    await h.sync.runFull();
    const components = (await h.refs()).filter((r) => r.startsWith('component:'));
    expect(components).toEqual(['component:default/service-1']);
    const entity = await h.store.getEntity('component:default/service-1');
    expect(entity?.entity.metadata.description).toContain('from the release branch');
    expect(entity?.fileUrl).toBe('https://github.com/acme/service-1/blob/release/catalog-info.yaml');
  });
});
