import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { runCreateCommand } from '../../src/cli/create-dry-run.js';
import { runTemplatesCommand } from '../../src/cli/templates-command.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { loadTemplateFolders } from '../../src/scaffold/template/load-template-folders.js';
import { BACKSTAGE_EXAMPLES, backstageExamplesMissing } from '../support/shared-examples.js';
import { unless } from '../support/skips.js';

const fixtures = new URL('../fixtures/scaffold/', import.meta.url).pathname;
const backstageSamples = join(BACKSTAGE_EXAMPLES, 'sample-templates');

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('callboard templates', () => {
  it('lists the shipped templates, each valid and rendering with sample values', async () => {
    const { output, out, err } = capture();
    expect(await runTemplatesCommand(output)).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/✓ typescript-service {2}TypeScript HTTP service \(service\): 3 steps, \d+ files/);
    expect(out.join('\n')).toMatch(/✓ typescript-library/);
    expect(out.join('\n')).toMatch(/✓ docs-site/);
  });

  it('names the unknown action and the broken expression', async () => {
    const { output, out, err } = capture();
    expect(await runTemplatesCommand(output, { dirs: [join(fixtures, 'broken')] })).toBe(1);
    expect(out.join('\n')).toMatch(/problems? in templates that could not be loaded/);
    const text = err.join('\n');
    expect(text).toMatch(
      /unknown-action\/template\.yaml spec\.steps\[0\]\.action: unknown action "chat:shout" in step "Tell everyone"/,
    );
    expect(text).toMatch(
      /bad-expression\/template\.yaml spec\.steps\[0\]\.input\.message: .*step "publish", which does not run before this point/,
    );
    expect(text).toMatch(/filter "shout", which does not exist/);
    // As in nunjucks, \${{ each.value }} outside an each step renders empty: the template lists.
    expect(text).not.toMatch(/each-step/);
    expect(out.join('\n')).toMatch(/✓ each-step/);
  });

  it('loads every Backstage sample template', unless(backstageExamplesMissing()), async () => {
    const load = await loadTemplateFolders([backstageSamples], actionRegistry());
    expect(load.templates.map((t) => t.name).sort()).toEqual([
      'conditional-output-demo',
      'conditional-parameters-demo',
      'notifications-demo',
    ]);
    expect(load.problems).toEqual([]);
    const { output, out, err } = capture();
    expect(await runTemplatesCommand(output, { dirs: [backstageSamples] })).toBe(0);
    expect(err).toEqual([]);
    expect(out.join('\n')).toMatch(/✓ notifications-demo {2}Test Notifications template \(service\): 1 step, 0 files/);
    const conditional = load.templates.find((t) => t.name === 'conditional-parameters-demo')!;
    expect(conditional.pages.map((p) => p.when ?? null)).toEqual([
      null,
      "${{ parameters.cloudProvider === 'AWS' }}",
      "${{ parameters.cloudProvider === 'GCP' }}",
      "${{ parameters.cloudProvider === 'Azure' }}",
      null,
      '${{ parameters.enableMonitoring }}',
    ]);
  });
});

describe('callboard create --dry-run', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'callboard-create-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('renders the files locally and prints the steps it would run', async () => {
    const valuesFile = join(dir, 'values.json');
    await writeFile(
      valuesFile,
      JSON.stringify({
        name: 'payments-api',
        description: 'Takes payments.',
        owner: 'group:default/payments',
        repoUrl: 'github.com?owner=acme&repo=payments-api',
      }),
    );
    const out = join(dir, 'out');
    const { output, out: lines, err } = capture();
    expect(await runCreateCommand('typescript-service', { values: valuesFile, dryRun: true, out }, output)).toBe(0);
    expect(err).toEqual([]);
    const text = lines.join('\n');
    expect(text).toMatch(/✓ 1\. Render the skeleton \(fetch:template\)\n {4}rendered 12 files from \.\/skeleton/);
    expect(text).toMatch(/would create acme\/payments-api \(private\) with 12 files in one commit on main/);
    expect(text).toMatch(/would give team group:default\/payments admin access/);
    expect(text).toMatch(/would protect main/);
    expect(text).toMatch(/would register component:default\/payments-api from catalog-info\.yaml/);
    expect(text).toMatch(/link: Repository: https:\/\/github\.com\/acme\/payments-api/);
    expect(text).toMatch(/link: Open in catalog: component:default\/payments-api/);

    const info = load(await readFile(join(out, 'catalog-info.yaml'), 'utf8')) as Record<string, any>;
    expect(info.metadata).toMatchObject({
      name: 'payments-api',
      description: 'Takes payments.',
      annotations: { 'github.com/project-slug': 'acme/payments-api' },
    });
    expect(info.spec).toEqual({ type: 'service', lifecycle: 'experimental', owner: 'group:default/payments' });
    expect(JSON.parse(await readFile(join(out, 'package.json'), 'utf8')).name).toBe('payments-api');
    expect(await readFile(join(out, 'src/main.ts'), 'utf8')).toContain('process.env.PORT ?? 8080');
  });

  it('renders conditional files of the library only when asked for', async () => {
    const valuesFile = join(dir, 'values.json');
    await writeFile(
      valuesFile,
      JSON.stringify({
        name: 'money',
        owner: 'group:default/payments',
        repoUrl: 'github.com?owner=acme&repo=money',
        license: 'MIT',
        publishToNpm: true,
        scope: 'acme',
      }),
    );
    const out = join(dir, 'out');
    const { output } = capture();
    expect(await runCreateCommand('typescript-library', { values: valuesFile, dryRun: true, out }, output)).toBe(0);
    const files = await readdir(out, { recursive: true });
    expect(files).toEqual(expect.arrayContaining(['LICENSE', '.github/workflows/release.yml']));
    expect(await readFile(join(out, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(await readFile(join(out, '.github/workflows/release.yml'), 'utf8')).toContain(
      'NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}',
    );
    const pkg = JSON.parse(await readFile(join(out, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: '@acme/money', license: 'MIT' });
  });

  it('reports invalid values per field and writes nothing', async () => {
    const valuesFile = join(dir, 'values.json');
    await writeFile(valuesFile, JSON.stringify({ name: 'has spaces', repoUrl: 'github.com?owner=acme&repo=bad name' }));
    const out = join(dir, 'out');
    const { output, err } = capture();
    expect(await runCreateCommand('typescript-service', { values: valuesFile, dryRun: true, out }, output)).toBe(1);
    expect(err).toEqual(
      expect.arrayContaining([
        'name: A name cannot contain spaces; use - instead.',
        'owner: This field is required.',
        'repoUrl: A repository name cannot contain spaces; use - instead.',
      ]),
    );
    expect(existsSync(out)).toBe(false);
  });

  it('refuses to write a dry run into a folder with files', async () => {
    const valuesFile = join(dir, 'values.json');
    await writeFile(
      valuesFile,
      JSON.stringify({ name: 'x', owner: 'group:default/a', repoUrl: 'github.com?owner=acme&repo=x' }),
    );
    const second = capture();
    expect(
      await runCreateCommand('typescript-service', { values: valuesFile, dryRun: true, out: dir }, second.output),
    ).toBe(1);
    expect(second.err.join('\n')).toMatch(/is not empty/);
  });

  it('finds templates by name and says which exist when it cannot', async () => {
    const { output, err } = capture();
    expect(await runCreateCommand('nope', { dryRun: true }, output)).toBe(1);
    expect(err.at(-1)).toMatch(
      /no template "nope" \(usable templates: add-codeowners, add-readme, docs-site, register-repository, set-catalog-info-fields, typescript-library, typescript-service\)/,
    );
    expect(defaultTemplateDir()).toMatch(/\/templates$/);
  });

  it('says why a template cannot run, found by its metadata.name in a folder named otherwise', async () => {
    const { output, err } = capture();
    const dir = join(fixtures, 'bad-roots', 'templates');
    expect(await runCreateCommand('escapes', { dryRun: true, templateDirs: [dir] }, output)).toBe(1);
    expect(err.join('\n')).toMatch(
      /sibling-escape\/template\.yaml: step "Fetch" \(spec\.steps\[0\]\.input\.url\): the skeleton "\.\.\/\.\.\/\.\.\/outside" lies outside every templates folder/,
    );
    expect(err.at(-1)).toBe('the template "escapes" cannot run until the problems above are fixed');
  });
});
