// `callboard create` without --dry-run creates through the task path, against the fake GitHub,
// printing each step and the links; without GitHub configured it says what is missing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';

const fixtureCatalog = new URL('../fixtures/scaffold/catalog', import.meta.url).pathname;
let github: FakeGitHub;
let git: FakeGitWrites;
let dir: string;

beforeAll(async () => {
  github = await startFakeGitHub({ org: 'acme' });
  // The catalog's payments group names this team (github.com/team-slug).
  github.org.addTeam({ slug: 'payments-devs', members: ['ada'] });
  git = addGitWrites(github);
  dir = await mkdtemp(join(tmpdir(), 'callboard-create-cli-'));
});

afterAll(async () => {
  await github.close();
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('callboard create (for real)', () => {
  it('creates the repository through the task path, printing each step and the links', async () => {
    const values = join(dir, 'values.json');
    await writeFile(
      values,
      JSON.stringify({
        name: 'cli-lib',
        description: 'Made from a script.',
        owner: 'group:default/payments',
        repoUrl: 'github.com?owner=acme&repo=cli-lib',
        license: 'MIT',
      }),
    );
    const env = {
      CALLBOARD_DATA_DIR: join(dir, 'data'),
      CATALOG_DIRS: fixtureCatalog,
      GITHUB_ORG: 'acme',
      GITHUB_TOKEN: github.token,
      GITHUB_API_URL: github.url,
      LOG_LEVEL: 'error',
    };
    // The owner is checked against the catalog, as the modal's menu of catalog groups does.
    const unsynced = capture();
    expect(
      await main(['node', 'callboard', 'create', 'typescript-library', '--values', values], unsynced.output, env),
    ).toBe(1);
    expect(unsynced.err).toEqual([
      'owner: group:default/payments is not in the catalog; choose an entry from the catalog.',
    ]);
    const synced = capture();
    await main(['node', 'callboard', 'sync'], synced.output, env);
    expect(synced.err).toEqual([]);
    const { output, out, err } = capture();
    expect(await main(['node', 'callboard', 'create', 'typescript-library', '--values', values], output, env)).toBe(0);
    expect(err).toEqual([]);
    expect(out).toEqual(
      expect.arrayContaining([
        'TypeScript library (template:default/typescript-library), creating:',
        '✓ 1/3 Render the skeleton (fetch:template)',
        '✓ 2/3 Create the GitHub repository (publish:github)',
        '    created acme/cli-lib (private)',
        '✓ 3/3 Register in the catalog (catalog:register)',
        'link: Repository: https://github.com/acme/cli-lib',
      ]),
    );
    expect(git.history('cli-lib')).toHaveLength(1);
    expect(git.history('cli-lib')[0].files.get('LICENSE')!.toString()).toMatch(/^MIT License/);
  });

  it('says what is missing without GitHub, and refuses --out without --dry-run', async () => {
    const first = capture();
    expect(
      await main(['node', 'callboard', 'create', 'typescript-library'], first.output, {
        CALLBOARD_DATA_DIR: join(dir, 'data2'),
      }),
    ).toBe(2);
    expect(first.err).toEqual([
      'configuration: GITHUB_ORG (with GITHUB_TOKEN or a GitHub App) is needed to create repositories; or add --dry-run',
    ]);
    const second = capture();
    expect(await main(['node', 'callboard', 'create', 'typescript-library', '--out', dir], second.output, {})).toBe(2);
    expect(second.err[0]).toMatch(/--out writes a dry run's files/);
  });
});
