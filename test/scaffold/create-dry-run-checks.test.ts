// `callboard create NAME --values file --dry-run` checks what the real run would: every shipped
// template's example values file passes against the demo organisation's catalog; an owner the
// catalog does not hold is an error on that field, as in the modal; a skeleton at a GitHub URL is
// read through the GitHub connection, and without one the dry run names the step that needs it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCreateCommand } from '../../src/cli/create-dry-run.js';
import { runTemplatesCommand } from '../../src/cli/templates-command.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { loadTemplateFolders } from '../../src/scaffold/template/load-template-folders.js';
import type { ValueChecks } from '../../src/scaffold/template/validate-values.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

let stores: TestStores;
let checks: ValueChecks;
let dir: string;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

beforeAll(async () => {
  stores = await openTestStores();
  const { failures } = await syncFolders(stores.catalog, [defaultCatalogDir()]);
  expect(failures).toEqual([]);
  // What the configured dry run asks the catalog (src/cli/create-dry-run-command.ts).
  checks = {
    knownEntities: async (refs) => new Set((await stores.catalog.entitySummaries(refs)).map((e) => e.ref)),
  };
  dir = await mkdtemp(join(tmpdir(), 'callboard-dry-run-'));
}, 180_000);
afterAll(async () => {
  await stores?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the values file', () => {
  it('each shipped template has an example values file beside it that passes the dry run', async () => {
    const { templates } = await loadTemplateFolders([defaultTemplateDir()], actionRegistry());
    expect(templates.length).toBeGreaterThanOrEqual(4);
    for (const template of templates) {
      if (template.source.type !== 'folder') continue;
      const example = join(template.source.dir, 'example-values.json');
      expect(existsSync(example), `${template.name} has example-values.json`).toBe(true);
      const { output, out, err } = capture();
      const code = await runCreateCommand(template.name, { values: example, dryRun: true, checks }, output);
      expect({ template: template.name, code, err }).toEqual({ template: template.name, code: 0, err: [] });
      expect(out[0]).toBe(`${template.title} (${template.ref}), dry run:`);
    }
  });

  it('refuses an owner the catalog does not hold, on that field, as the modal does', async () => {
    const example = JSON.parse(
      await readFile(join(defaultTemplateDir(), 'typescript-service', 'example-values.json'), 'utf8'),
    );
    const values = join(dir, 'ghost-owner.json');
    await writeFile(values, JSON.stringify({ ...example, owner: 'ghosts' }));
    const { output, out, err } = capture();
    expect(await runCreateCommand('typescript-service', { values, dryRun: true, checks }, output)).toBe(1);
    expect(err).toEqual(['owner: group:default/ghosts is not in the catalog; choose an entry from the catalog.']);
    expect(out).toEqual([]);
  });
});

describe('a skeleton at a GitHub URL in the dry run', () => {
  let github: FakeGitHub;
  let root: string;
  beforeAll(async () => {
    github = await startFakeGitHub({ org: 'acme' });
    github.org.addRepository({
      name: 'skeletons',
      files: { 'service/README.md': '# ${{ values.name }}\n', 'service/src/index.ts': 'export {};\n' },
    });
    root = join(dir, 'templates');
    await mkdir(join(root, 'remote-skeleton'), { recursive: true });
    await writeFile(
      join(root, 'remote-skeleton', 'template.yaml'),
      `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: remote-skeleton, title: Remote skeleton }
spec:
  type: service
  parameters:
    properties:
      name: { type: string, default: orders }
  steps:
    - id: fetch
      name: Fetch the shared skeleton
      action: fetch:template
      input:
        url: https://github.com/acme/skeletons/tree/main/service
        values: { name: '\${{ parameters.name }}' }
`,
    );
  });
  afterAll(async () => {
    await github?.close();
  });

  it('reads it through the GitHub connection', async () => {
    const connection = await fakeGitHubConnection(github, { retries: 0 });
    const { output, out, err } = capture();
    const code = await runCreateCommand(
      'remote-skeleton',
      { dryRun: true, templateDirs: [root], github: { octokit: connection.octokit, webUrl: 'https://github.com' } },
      output,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out).toEqual(
      expect.arrayContaining([
        '    rendered 2 files from https://github.com/acme/skeletons/tree/main/service',
        '  README.md',
        '  src/index.ts',
      ]),
    );
  });

  it('callboard templates renders it through GitHub too, and without a connection names the step', async () => {
    const connection = await fakeGitHubConnection(github, { retries: 0 });
    const github$ = { octokit: connection.octokit, webUrl: 'https://github.com' };
    const withGitHub = capture();
    expect(await runTemplatesCommand(withGitHub.output, { dirs: [root], github: github$ })).toBe(0);
    expect(withGitHub.out).toEqual(['✓ remote-skeleton  Remote skeleton (service): 1 step, 2 files']);
    const without = capture();
    expect(await runTemplatesCommand(without.output, { dirs: [root] })).toBe(1);
    expect(without.err.join('\n')).toMatch(
      /step "Fetch the shared skeleton" fails with sample values: cannot read the skeleton "https:\/\/github\.com\/acme\/skeletons\/tree\/main\/service" .*which is not configured/,
    );
  });

  it('without a GitHub connection, names the step that needs one', async () => {
    const { output, err } = capture();
    expect(await runCreateCommand('remote-skeleton', { dryRun: true, templateDirs: [root] }, output)).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(
        /^step "Fetch the shared skeleton" failed: cannot read the skeleton "https:\/\/github\.com\/acme\/skeletons\/tree\/main\/service" of \S+remote-skeleton\/template\.yaml: it is read through the GitHub connection, which is not configured/,
      ),
    ]);
  });
});
