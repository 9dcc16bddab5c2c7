// publish:github and catalog:register against the fake GitHub over real HTTP, through the
// same octokit connection Callboard uses, into a real store.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { runTemplate, scaffolderOnFakeGitHub } from './scaffolder-harness.js';
import { GitHubSource } from '../../src/sources/github/index.js';
import type { CatalogStore, Stores } from '../../src/store/index.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { openTestStores } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

let github: FakeGitHub;
let git: FakeGitWrites;
let stores: Stores;
let store: CatalogStore;
let scaffolder: Scaffolder;
let extraDir: string;

async function setUp(options: { keepFailedRepos?: boolean } = {}) {
  scaffolder = await scaffolderOnFakeGitHub(stores, github, {
    templateDirs: [defaultTemplateDir(), extraDir],
    keepFailedRepos: options.keepFailedRepos ?? false,
  });
}

const serviceValues = {
  name: 'payments-api',
  description: 'Takes payments.',
  owner: 'group:default/payments',
  repoUrl: 'github.com?owner=acme&repo=payments-api',
  protectDefaultBranch: true,
};

function submit(templateRef: string, raw: Record<string, unknown>, key = 'req-1') {
  return runTemplate(scaffolder, templateRef, raw, key);
}

beforeAll(async () => {
  stores = await openTestStores();
  store = stores.catalog;
});

afterAll(async () => {
  await stores.close();
});

beforeEach(async () => {
  github = await startFakeGitHub({ org: 'acme' });
  github.org.addTeam({ slug: 'payments', members: ['ada'] });
  git = addGitWrites(github);
  extraDir = await mkdtemp(join(tmpdir(), 'callboard-templates-'));
  await setUp();
});

afterEach(async () => {
  await github.close();
  await rm(extraDir, { recursive: true, force: true });
});

describe('publish:github', () => {
  it('creates the repository with every file in one commit, access, protection, and registers it', async () => {
    const task = await submit('template:default/typescript-service', serviceValues);
    expect(task.state).toBe('completed');
    expect(task.steps.map((s) => s.state)).toEqual(['completed', 'completed', 'completed']);

    const repo = github.org.requireRepository('payments-api');
    expect(repo).toMatchObject({
      description: 'Takes payments.',
      visibility: 'private',
      defaultBranch: 'main',
      topics: ['typescript', 'http-service'],
    });
    const history = git.history('payments-api');
    expect(history).toHaveLength(1);
    expect(history[0].parents).toEqual([]);
    expect([...history[0].files.keys()].sort()).toEqual([
      '.github/workflows/ci.yml',
      '.gitignore',
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
      'mkdocs.yml',
      'package.json',
      'src/main.ts',
      'src/server.ts',
      'test/server.test.ts',
      'tsconfig.json',
    ]);
    expect(history[0].files.get('catalog-info.yaml')!.toString()).toContain('owner: group:default/payments');
    expect(git.teamPermission('payments-api', 'payments')).toBe('admin');
    expect(git.branchProtection('payments-api', 'main')).toMatchObject({
      enforce_admins: true,
      required_pull_request_reviews: { required_approving_review_count: 1 },
    });

    const entity = await store.getEntity('component:default/payments-api');
    expect(entity).toMatchObject({
      locationKey: 'github:acme/payments-api',
      file: 'catalog-info.yaml',
      fileUrl: 'https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
    });
    expect(task.output).toMatchObject({
      repoUrl: 'https://github.com/acme/payments-api',
      entityRef: 'component:default/payments-api',
      links: [
        { title: 'Repository', url: 'https://github.com/acme/payments-api' },
        { title: 'Open in catalog', entityRef: 'component:default/payments-api', icon: 'catalog' },
      ],
    });
    expect(task.steps[1].log).toEqual(
      expect.arrayContaining([
        'created acme/payments-api (private)',
        expect.stringMatching(/^committed 12 files to main in one commit/),
        'gave team payments admin access',
        'protected main',
      ]),
    );
  });

  it('makes the same number of requests for 10 files as for 500, and a later GitHub sync agrees with the registration', async () => {
    const counts: number[] = [];
    for (const files of [10, 500]) {
      const dir = join(extraDir, `many-${files}`);
      await mkdir(join(dir, 'skeleton', 'src'), { recursive: true });
      await writeFile(join(dir, 'template.yaml'), manyFilesTemplate(files));
      await writeFile(
        join(dir, 'skeleton', 'catalog-info.yaml'),
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/payments\n',
      );
      for (let i = 1; i < files; i++)
        await writeFile(join(dir, 'skeleton', 'src', `file-${i}.ts`), `export const n${i} = '\${{ values.name }}';\n`);
    }
    scaffolder.templates.reload();
    // The organisation's plan is asked once an hour (GET /orgs/{org}), not per repository.
    await scaffolder.learnPlan();
    for (const files of [10, 500]) {
      github.resetStats();
      const task = await submit(`template:default/many-${files}`, { name: `svc-${files}` }, `req-${files}`);
      expect(task.state).toBe('completed');
      expect(git.history(`svc-${files}`)[0].files.size).toBe(files);
      counts.push(github.stats().rest);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(10);

    // The GitHub source reads the new repository as the location catalog:register wrote: unchanged.
    const connection = await fakeGitHubConnection(github, { retries: 0 });
    const source = new GitHubSource(connection, { org: 'acme' });
    const known = new Map([['github:acme/svc-10', await store.knownFileShas('github:acme/svc-10')]]);
    expect([...known.get('github:acme/svc-10')!.keys()]).toEqual(['catalog-info.yaml']);
    const report = await source.discover(known);
    const snapshot = report.snapshots.find((s) => s.key === 'github:acme/svc-10');
    expect(snapshot === undefined || snapshot.files.every((f) => f.status === 'unchanged')).toBe(true);
    expect(report.snapshots.some((s) => s.key === 'github:acme/svc-500')).toBe(true);
  });

  it('publishes binary files as blobs and honours another default branch', async () => {
    const dir = join(extraDir, 'binary');
    await mkdir(join(dir, 'skeleton'), { recursive: true });
    await writeFile(join(dir, 'template.yaml'), manyFilesTemplate(1, { name: 'binary', branch: 'trunk' }));
    await writeFile(join(dir, 'skeleton', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
    await writeFile(
      join(dir, 'skeleton', 'catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${{ values.name }}\nspec:\n  type: website\n  lifecycle: experimental\n  owner: group:default/payments\n',
    );
    scaffolder.templates.reload();
    const task = await submit('template:default/binary', { name: 'site' });
    expect(task.error).toBeUndefined();
    const repo = github.org.requireRepository('site');
    expect(repo.defaultBranch).toBe('trunk');
    expect([...repo.branches.keys()]).toEqual(['trunk']);
    const [commit] = git.history('site', 'trunk');
    expect(commit.files.get('logo.png')).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]));
    expect(await store.getEntity('component:default/site')).toMatchObject({
      fileUrl: 'https://github.com/acme/site/blob/trunk/catalog-info.yaml',
    });
  });

  it('names the step and the reason when GitHub fails the commit, and deletes the repository it created', async () => {
    github.inject({ path: /\/git\/commits$/, effect: { status: 500 } });
    const task = await submit('template:default/typescript-service', {
      ...serviceValues,
      name: 'billing-api',
      repoUrl: 'github.com?owner=acme&repo=billing-api',
    });
    expect(task).toMatchObject({ state: 'failed', failedStep: 'Create the GitHub repository' });
    expect(task.error).toBe('GitHub refused to create the commit (500): Server Error: Internal Server Error');
    expect(task.steps.map((s) => s.state)).toEqual(['completed', 'failed', 'open']);
    expect(task.steps[1].log).toContain('deleted acme/billing-api, which this request had created');
    expect(github.org.repository('billing-api')).toBeUndefined();
    expect(git.deleted).toEqual(['billing-api']);
    expect(await store.getEntity('component:default/billing-api')).toBeUndefined();
  });

  it('keeps a failed repository for inspection when configured, marked in its description', async () => {
    await setUp({ keepFailedRepos: true });
    github.inject({ path: /\/branches\/main\/protection$/, effect: { status: 503 } });
    const task = await submit('template:default/typescript-service', serviceValues);
    expect(task.error).toBe('GitHub refused to protect the branch main (503): Server Error: Service Unavailable');
    expect(github.org.requireRepository('payments-api').description).toBe(
      '[Callboard: creation failed at "Create the GitHub repository"; kept for inspection] Takes payments.',
    );
  });

  it('refuses a repository name that exists, creating nothing', async () => {
    github.org.addRepository({ name: 'payments-api', files: { 'README.md': 'old' } });
    const task = await submit('template:default/typescript-service', serviceValues);
    expect(task.error).toBe('a repository named payments-api already exists in acme');
    expect(git.created).toEqual([]);
    expect(github.org.requireRepository('payments-api').branches.get('main')!.files.get('README.md')).toBe('old');
  });
});

function manyFilesTemplate(files: number, options: { name?: string; branch?: string } = {}): string {
  return `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${options.name ?? `many-${files}`}
spec:
  type: service
  parameters:
    required: [name]
    properties:
      name: { type: string, ui:field: EntityNamePicker }
  steps:
    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
    - id: publish
      action: publish:github
      input:
        repoUrl: github.com?owner=acme&repo=\${{ parameters.name }}
        defaultBranch: ${options.branch ?? 'main'}
        access: group:default/payments
        topics: [generated]
    - id: register
      action: catalog:register
      input:
        repoContentsUrl: \${{ steps.publish.output.repoContentsUrl }}
`;
}
