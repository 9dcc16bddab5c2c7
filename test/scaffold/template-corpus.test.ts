// The corpus: Backstage's example templates (../shared, when present), the project's own, and
// real-style fixtures written the way Red Hat Developer Hub, Roadie and community repositories
// write theirs (sibling skeleton folders, $yaml/$text placeholders, allowedHosts and token, the
// GitHub module's actions). Each lists in `callboard templates` without a problem, and every file
// it renders is byte for byte what nunjucks, configured as Backstage's SecureTemplater, renders.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemplatesCommand, tryTemplate } from '../../src/cli/templates-command.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { renderValue } from '../../src/scaffold/templating/expressions/index.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { loadTemplateFolders } from '../../src/scaffold/template/load-template-folders.js';
import type { TemplateDefinition } from '../../src/scaffold/types.js';
import { BACKSTAGE_EXAMPLES, haveBackstageExamples } from '../support/shared-examples.js';
import { nunjucksRender } from './support/nunjucks-oracle.js';

const realStyle = new URL('../fixtures/scaffold/real-style/', import.meta.url).pathname;
const badRoots = new URL('../fixtures/scaffold/bad-roots/', import.meta.url).pathname;

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const e of entries.filter((x) => x.isFile())) {
    const full = join(e.parentPath, e.name);
    files.set(relative(dir, full).split('\\').join('/'), await readFile(full));
  }
  return files;
}

/** What nunjucks renders for each fetch:template step of the template, with the dry run's values. */
async function expectedFiles(template: TemplateDefinition, values: Record<string, unknown>) {
  const expected = new Map<string, string>();
  if (template.source.type !== 'folder') return expected;
  for (const step of template.steps) {
    if (step.action !== 'fetch:template') continue;
    const input = renderValue(step.input, { parameters: values, secrets: {}, steps: {}, user: {} }) as {
      url: string;
      values?: Record<string, unknown>;
      targetPath?: string;
      copyWithoutTemplating?: string[];
    };
    const context = { values: JSON.parse(JSON.stringify(input.values ?? {})) };
    const asIs = new Set(input.copyWithoutTemplating ?? []);
    const target = (input.targetPath ?? '').replace(/^\.\/?/, '').replace(/\/$/, '');
    for (const [path, content] of await filesUnder(resolve(template.source.dir, input.url))) {
      const name = nunjucksRender(path, context);
      const verbatim = [...asIs].some((glob) =>
        new RegExp(`^${glob.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`).test(path),
      );
      const text = verbatim ? content.toString('utf8') : nunjucksRender(content.toString('utf8'), context);
      expected.set(target ? `${target}/${name}` : name, text);
    }
  }
  return expected;
}

async function checkCorpus(dirs: string[]) {
  const load = await loadTemplateFolders(dirs, actionRegistry());
  expect(load.problems).toEqual([]);
  expect(load.templates.length).toBeGreaterThan(0);
  for (const template of load.templates) {
    const trial = await tryTemplate(template, actionRegistry());
    expect(trial.problems, template.name).toEqual([]);
    const rendered = new Map([...trial.workspace].map(([path, file]) => [path, file.content.toString('utf8')]));
    const expected = await expectedFiles(template, trial.values);
    let compared = 0;
    for (const [path, text] of expected) {
      // A later step (fs:delete, fs:rename) may have moved the file on; what is still there must match.
      if (!rendered.has(path)) continue;
      expect(rendered.get(path), `${template.name}: ${path}`).toBe(text);
      compared++;
    }
    if (expected.size) expect(compared, template.name).toBeGreaterThan(0);
  }
  return load;
}

describe('the template corpus', () => {
  it("real-style templates list without problems and render as Backstage's nunjucks does", async () => {
    const load = await checkCorpus([realStyle]);
    expect(load.templates.map((t) => t.name).sort()).toEqual(['docs-pull-request', 'nodejs-backend', 'repo-setup']);
    const node = load.templates.find((t) => t.name === 'nodejs-backend')!;
    // $text and $yaml resolved from inside the root; the skeleton read from ../../../skeletons.
    expect(node.description).toBe('Creates a Node.js backend service with CI, docs and a catalog entry.\n');
    expect(node.pages[0].title).toBe('Provide information about the new component');
    const trial = await tryTemplate(node, actionRegistry());
    expect([...trial.workspace.keys()].sort()).toEqual([
      '.github/workflows/ci.yaml',
      'catalog-info.yaml',
      'docs/index.md',
      'package.json',
      `src/${trial.values.name}.js`,
    ]);
  });

  it('shows inputs Callboard accepts without acting on them as warnings, and still lists the template', async () => {
    const { output, out, err } = capture();
    expect(await runTemplatesCommand(output, { dirs: [realStyle] })).toBe(0);
    expect(out.filter((l) => l.startsWith('✓'))).toHaveLength(3);
    expect(err).toContain(
      `  warning: ${join(realStyle, 'templates/rhdh/nodejs-backend/template.yaml').replace(`${process.cwd()}/`, '')} spec.steps[5].input.oidcCustomization: publish:github's input "oidcCustomization" is accepted but not used: the OpenID Connect subject claim is left as GitHub sets it`,
    );
  });

  it("the project's own templates list without problems and render as nunjucks does", async () => {
    await checkCorpus([defaultTemplateDir()]);
  });

  it.skipIf(!haveBackstageExamples())(
    "Backstage's example templates list without problems and render as nunjucks does",
    async () => {
      // The two create-app examples share one name, as two apps' templates would: each is its own root.
      await checkCorpus([join(BACKSTAGE_EXAMPLES, 'sample-templates')]);
      await checkCorpus([join(BACKSTAGE_EXAMPLES, 'create-app-examples/templates/default-app')]);
      await checkCorpus([join(BACKSTAGE_EXAMPLES, 'create-app-examples/templates/legacy-app')]);
    },
  );

  it('names the template, step and input of a skeleton outside every root, and of an input of the wrong type; the others keep working', async () => {
    const { output, out, err } = capture();
    expect(await runTemplatesCommand(output, { dirs: [join(badRoots, 'templates')] })).toBe(1);
    const text = err.join('\n');
    expect(text).toMatch(
      /sibling-escape\/template\.yaml: step "Fetch" \(spec\.steps\[0\]\.input\.url\): the skeleton "\.\.\/\.\.\/\.\.\/outside" lies outside every templates folder/,
    );
    expect(text).toMatch(
      /wrong-type\/template\.yaml spec\.steps\[1\]\.input\.repoVisibility: step "Publish": publish:github's input "repoVisibility" must be one of "private", "internal", "public", not "secret"/,
    );
    expect(out.join('\n')).toMatch(/✓ fine {2}Fine/);
  });
});
