// Which deliveries touch the catalog, and how: the plan a webhook turns into.
import { describe, expect, it } from 'vitest';
import { planForEvent, type PushContext } from '../../src/sync/github/webhook-events.js';
import { resolveTarget } from '../../src/sources/github/location-targets.js';

const context = (over: Partial<PushContext> = {}): PushContext => ({
  org: 'acme',
  catalogPath: 'catalog-info.yaml',
  knownPaths: async () => new Set(['catalog-info.yaml', 'docs/api.yaml']),
  dependents: () => [],
  ...over,
});

const repository = (name: string, owner = 'acme') => ({
  name,
  full_name: `${owner}/${name}`,
  owner: { login: owner },
  default_branch: 'main',
});
const push = (files: string[], extra: Record<string, unknown> = {}) => ({
  ref: 'refs/heads/main',
  repository: repository('api'),
  commits: [{ added: [], modified: files, removed: [] }],
  ...extra,
});

describe('push events', () => {
  it('read the repository when a catalog file or a stored target changed', async () => {
    expect(await planForEvent('push', push(['catalog-info.yaml']), context())).toMatchObject({ read: ['api'] });
    expect(await planForEvent('push', push(['docs/api.yaml']), context())).toMatchObject({ read: ['api'] });
  });

  it('ignore other branches, other organisations and files nothing reads', async () => {
    expect(
      await planForEvent('push', push(['catalog-info.yaml'], { ref: 'refs/heads/feature' }), context()),
    ).toMatchObject({ read: [], ignoredBecause: 'a push to feature, not the catalog branch' });
    expect(
      await planForEvent('push', push(['catalog-info.yaml'], { repository: repository('api', 'other') }), context()),
    ).toMatchObject({ read: [], ignoredBecause: 'a push to another organisation' });
    expect(await planForEvent('push', push(['src/main.ts']), context())).toMatchObject({
      read: [],
      ignoredBecause: 'the push touched no catalog file',
    });
  });

  it('read when GitHub could not list every file (20 commits or more)', async () => {
    const many = Array.from({ length: 20 }, () => ({ modified: ['src/main.ts'] }));
    expect(await planForEvent('push', push([], { commits: many }), context())).toMatchObject({ read: ['api'] });
  });

  it('match a globbed catalog path', async () => {
    expect(
      await planForEvent(
        'push',
        push(['services/a/catalog-info.yaml']),
        context({ catalogPath: '**/catalog-info.yaml', knownPaths: async () => new Set() }),
      ),
    ).toMatchObject({ read: ['api'] });
  });

  it('read the repositories whose Locations read the touched file, on any branch', async () => {
    const dependents = (_owner: string, repo: string, branch: string, paths?: string[]) =>
      repo === 'shared' && branch === 'main' && paths?.includes('systems/a.yaml') ? ['monorepo'] : [];
    const plan = await planForEvent(
      'push',
      { ...push(['systems/a.yaml']), repository: repository('shared') },
      context({ dependents, knownPaths: async () => new Set() }),
    );
    expect(plan).toMatchObject({ read: ['monorepo'] });
  });
});

describe('repository, team and organisation events', () => {
  it('turn deletion, rename and transfer into gone and read', async () => {
    expect(
      await planForEvent('repository', { action: 'deleted', repository: repository('api') }, context()),
    ).toMatchObject({ read: [], gone: ['api'] });
    expect(
      await planForEvent(
        'repository',
        { action: 'renamed', repository: repository('api-v2'), changes: { repository: { name: { from: 'api' } } } },
        context(),
      ),
    ).toMatchObject({ read: ['api-v2'], gone: ['api'] });
    expect(
      await planForEvent(
        'repository',
        {
          action: 'transferred',
          repository: repository('api', 'elsewhere'),
          changes: { owner: { from: { organization: { login: 'acme' } } } },
        },
        context(),
      ),
    ).toMatchObject({ read: [], gone: ['api'] });
    expect(
      await planForEvent('repository', { action: 'archived', repository: repository('api') }, context()),
    ).toMatchObject({ read: ['api'], gone: [] });
  });

  it('re-read the organisation for team and membership changes of this organisation only', async () => {
    expect(
      await planForEvent('membership', { action: 'added', organization: { login: 'acme' } }, context()),
    ).toMatchObject({ organisation: true });
    expect(
      await planForEvent('team', { action: 'created', organization: { login: 'other' } }, context()),
    ).toMatchObject({ organisation: false });
    expect(await planForEvent('issues', { action: 'opened' }, context())).toMatchObject({
      ignoredBecause: 'issues events do not change the catalog',
    });
  });

  it("a rename whose `from` is the current name (as in GitHub's example) reads and removes nothing", async () => {
    const renamed = {
      action: 'renamed',
      repository: repository('api'),
      changes: { repository: { name: { from: 'api' } } },
    };
    expect(await planForEvent('repository', renamed, context())).toEqual({
      read: ['api'],
      gone: [],
      organisation: false,
    });
    const recased = { ...renamed, repository: repository('API') };
    expect(await planForEvent('repository', recased, context())).toEqual({
      read: ['API'],
      gone: ['api'],
      organisation: false,
    });
  });

  it('do not re-read the teams for collaborators, team access to repositories or invitations', async () => {
    const collaborator = { action: 'added', member: { login: 'ada' }, repository: repository('api') };
    expect(await planForEvent('member', collaborator, context())).toEqual({
      read: [],
      gone: [],
      organisation: false,
      ignoredBecause: 'repository collaborators are not in the catalog',
    });
    expect(
      await planForEvent('team_add', { team: { slug: 'core' }, repository: repository('api') }, context()),
    ).toMatchObject({ organisation: false, ignoredBecause: "a team's access to repositories is not in the catalog" });
    expect(
      await planForEvent('team', { action: 'added_to_repository', organization: { login: 'acme' } }, context()),
    ).toMatchObject({ organisation: false });
    expect(
      await planForEvent('organization', { action: 'member_invited', organization: { login: 'acme' } }, context()),
    ).toMatchObject({ organisation: false });
  });

  it("without an organisation, the repository's owner says whose team event it is", async () => {
    expect(
      await planForEvent('team', { action: 'edited', repository: repository('api', 'other') }, context()),
    ).toMatchObject({ organisation: false, ignoredBecause: 'an event of another organisation (other)' });
    expect(await planForEvent('team', { action: 'edited' }, context())).toMatchObject({ organisation: true });
  });

  it("read the repositories given to the app's installation, and remove those taken from it", async () => {
    const installation = { account: { login: 'acme' } };
    expect(
      await planForEvent(
        'installation_repositories',
        {
          action: 'added',
          installation,
          repositories_added: [{ name: 'api', full_name: 'acme/api' }],
          repositories_removed: [],
        },
        context(),
      ),
    ).toEqual({ read: ['api'], gone: [], organisation: false });
    expect(
      await planForEvent(
        'installation_repositories',
        {
          action: 'removed',
          installation,
          repositories_added: [],
          repositories_removed: [{ name: 'old', full_name: 'acme/old' }],
        },
        context(),
      ),
    ).toEqual({ read: [], gone: ['old'], organisation: false });
    expect(
      await planForEvent(
        'installation_repositories',
        { action: 'added', installation: { account: { login: 'x' } } },
        context(),
      ),
    ).toMatchObject({ ignoredBecause: 'an installation of another account' });
  });
});

describe('Location targets', () => {
  const from = { owner: 'acme', repo: 'mono', ref: 'main', path: 'catalog/catalog-info.yaml' };
  const base = 'https://github.com';

  it('resolves relative paths in the same branch, and globs', () => {
    expect(resolveTarget('./services/a.yaml', from, base)).toEqual({
      kind: 'file',
      address: { ...from, path: 'catalog/services/a.yaml' },
    });
    expect(resolveTarget('../teams/*.yaml', from, base)).toEqual({
      kind: 'glob',
      owner: 'acme',
      repo: 'mono',
      ref: 'main',
      pattern: 'teams/*.yaml',
    });
    expect(resolveTarget('../../up.yaml', from, base)).toMatchObject({
      kind: 'outside',
      reason: 'points outside the repository',
    });
  });

  it('resolves links to files of other repositories on the same GitHub only', () => {
    expect(resolveTarget('https://github.com/acme/shared/blob/release/systems/a.yaml', from, base)).toEqual({
      kind: 'file',
      address: { owner: 'acme', repo: 'shared', ref: 'release', path: 'systems/a.yaml' },
    });
    expect(resolveTarget('https://github.com/acme/shared/tree/main/**/catalog-info.yaml', from, base)).toMatchObject({
      kind: 'glob',
      repo: 'shared',
      pattern: '**/catalog-info.yaml',
    });
    expect(resolveTarget('https://gitlab.com/acme/x/blob/main/a.yaml', from, base)).toMatchObject({
      kind: 'outside',
      reason: 'is not on github.com',
    });
    expect(resolveTarget('https://github.com/acme/shared', from, base)).toMatchObject({ kind: 'outside' });
  });
});
