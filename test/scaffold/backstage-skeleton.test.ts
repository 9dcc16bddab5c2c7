// Skeletons in Backstage's dialect render as Backstage renders them: each file's name and content
// equal the real nunjucks' rendering, and hostile skeletons are refused or bounded, nothing written.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { tryTemplate } from '../../src/cli/templates-command.js';
import { renderSkeleton } from '../../src/scaffold/templating/render-skeleton.js';
import type { SkeletonFile } from '../../src/scaffold/templating/skeleton-reader.js';
import { loadTemplateFolder } from '../../src/scaffold/template/load-template-folders.js';
import type { Workspace } from '../../src/scaffold/types.js';
import { BACKSTAGE_EXAMPLES, backstageExamplesMissing } from '../support/shared-examples.js';
import { nunjucksRender } from './support/nunjucks-oracle.js';
import { unless } from '../support/skips.js';

function file(path: string, content: string | Buffer): SkeletonFile {
  return { path, content: typeof content === 'string' ? Buffer.from(content) : content, executable: false };
}

/** What Backstage's fetch:template writes for these files: names and contents through nunjucks. */
function expectedByNunjucks(
  files: SkeletonFile[],
  values: Record<string, unknown>,
  verbatim: string[] = [],
): Map<string, string> {
  const context = { values };
  return new Map(
    files.map((f) => [
      nunjucksRender(f.path, context),
      verbatim.includes(f.path) ? f.content.toString('utf8') : nunjucksRender(f.content.toString('utf8'), context),
    ]),
  );
}

function texts(workspace: Workspace): Map<string, string> {
  return new Map([...workspace].map(([path, f]) => [path, f.content.toString('utf8')]));
}

const values = {
  name: 'payments-api',
  owner: 'group:default/payments',
  description: 'Takes "payments": cards & more.',
  ci: true,
  docs: false,
  endpoints: [
    { path: '/pay', method: 'POST' },
    { path: '/refund', method: 'POST' },
  ],
};

describe("Backstage's skeleton dialect in fetch:template", () => {
  it('renders templated names, if blocks, for loops and copyWithoutTemplating globs to the same bytes as nunjucks', () => {
    const files = [
      file(
        '${{ values.name }}/README.md',
        '# ${{ values.name }}\n\n${{ values.description }}\n{% if values.docs %}\nDocs!\n{% endif %}',
      ),
      file(
        'src/${{ values.name | replace("-", "_") }}.py',
        '{% for e in values.endpoints -%}\n@route("${{ e.path }}", "${{ e.method }}")  # ${{ loop.index }}\n{% endfor %}',
      ),
      file(
        'catalog-info.yaml',
        'metadata:\n  name: ${{ values.name | dump }}\n  description: ${{ values.description | dump }}\nspec:\n  owner: ${{ values.owner }}\n',
      ),
      file('{% if values.ci %}.github{% endif %}/workflows/ci.yml', 'on: push\njobs: {}\n# ${{ github.sha }} stays\n'),
      file('{% if values.docs %}docs{% endif %}/index.md', '# docs'),
    ];
    const workspace: Workspace = new Map();
    const summary = renderSkeleton(files, workspace, {
      values,
      copyWithoutTemplating: ['.github/**', '{% if values.ci %}.github{% endif %}/**'],
    });
    const expected = expectedByNunjucks(files, values, ['{% if values.ci %}.github{% endif %}/workflows/ci.yml']);
    expected.delete('/index.md');
    expect(texts(workspace)).toEqual(expected);
    expect([...workspace.keys()].sort()).toEqual([
      '.github/workflows/ci.yml',
      'catalog-info.yaml',
      'payments-api/README.md',
      'src/payments_api.py',
    ]);
    expect(workspace.get('.github/workflows/ci.yml')!.content.toString()).toContain('${{ github.sha }} stays');
    expect(summary.skipped).toEqual(['{% if values.docs %}docs{% endif %}/index.md']);
  });

  it('renders only files with templateFileExtension, dropping it; copyWithoutRender keeps names too', () => {
    const ext: Workspace = new Map();
    renderSkeleton(
      [
        file('${{ values.name }}.md.njk', 'x ${{ values.name }}'),
        file('plain-${{ values.name }}.md', 'y ${{ values.name }}'),
      ],
      ext,
      { values, templateFileExtension: true },
    );
    expect(texts(ext)).toEqual(
      new Map([
        ['payments-api.md', 'x payments-api'],
        ['plain-payments-api.md', 'y ${{ values.name }}'],
      ]),
    );
    const raw: Workspace = new Map();
    renderSkeleton([file('${{ values.name }}.txt', '${{ values.name }}')], raw, {
      values,
      copyWithoutRender: ['*.txt'],
    });
    expect(texts(raw)).toEqual(new Map([['${{ values.name }}.txt', '${{ values.name }}']]));
    expect(() =>
      renderSkeleton([], new Map(), { values, copyWithoutRender: ['a'], copyWithoutTemplating: ['b'] }),
    ).toThrow(/cannot be used together/);
  });

  it('keeps files already in the workspace unless replace is set', () => {
    const workspace: Workspace = new Map([['a.txt', { content: Buffer.from('first'), executable: false }]]);
    expect(renderSkeleton([file('a.txt', 'second')], workspace, { values }).kept).toEqual(['a.txt']);
    expect(workspace.get('a.txt')!.content.toString()).toBe('first');
    renderSkeleton([file('a.txt', 'second')], workspace, { values, replace: true });
    expect(workspace.get('a.txt')!.content.toString()).toBe('second');
  });

  it('refuses or bounds hostile skeletons with a clear message, writing nothing', () => {
    const hostile: Array<[SkeletonFile, RegExp]> = [
      [file('a.txt', '${{ values.constructor.constructor("return process")() }}'), /"constructor" cannot be read/],
      [file('a.txt', '${{ values.name.__proto__ }}'), /"__proto__" cannot be read/],
      [file('a.txt', '${{ values["constr" ~ "uctor"] }}|${{ values.name | pick("constructor") }}'), /^$/],
      [
        file('a.txt', '{% for i in range(1000000000) %}x{% endfor %}'),
        /range\(1000000000\) would make more than 10000 items/,
      ],
      [
        file('a.txt', '{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}'),
        /loops ran more than 100000 times/,
      ],
      [
        file('a.txt', '{% set s = "xxxxxxxxxxxxxxxx" %}{% for i in range(30) %}{% set s = s ~ s %}{% endfor %}'),
        /grew over \d+ characters/,
      ],
      [file('${{ values.up }}/passwd', 'x'), /would leave the repository/],
      [file('a.txt', '{% include "/etc/passwd" %}'), /\{% include %\} is not supported in skeletons/],
      [file('a.txt', '${{ values.name.toString.call(1) }}'), /cannot be called|cannot be read/],
      [file('a.txt', '{% if values.name %}never closed'), /line 1.*is never closed with \{% endif %\}/],
    ];
    for (const [bad, message] of hostile) {
      const workspace: Workspace = new Map();
      const run = (): unknown =>
        renderSkeleton([file('ok.txt', 'fine'), bad], workspace, { values: { ...values, up: '..' } });
      if (message.source === '^$') {
        // Computed prototype names read nothing: the same empty output nunjucks' sandboxed Backstage gives.
        run();
        expect(workspace.get('a.txt')!.content.toString()).toBe('|');
        continue;
      }
      expect(run, bad.path + bad.content.toString()).toThrow(message);
      expect(workspace.size).toBe(0);
    }
  });
});

async function filesUnder(dir: string): Promise<SkeletonFile[]> {
  const names = await readdir(dir, { recursive: true, withFileTypes: true });
  return Promise.all(
    names
      .filter((e) => e.isFile())
      .map(async (e) => {
        const full = join(e.parentPath, e.name);
        return file(relative(dir, full), await readFile(full));
      }),
  );
}

describe("Backstage's example templates", unless(backstageExamplesMissing()), () => {
  const examples = [
    'sample-templates/conditional-output-demo',
    'sample-templates/conditional-parameters-demo',
    'sample-templates/notifications-demo',
    'create-app-examples/templates/default-app/examples/template',
    'create-app-examples/templates/legacy-app/examples/template',
  ];

  it.each(examples)(
    "%s loads and dry-runs with sample values, its files equal to nunjucks' rendering",
    async (example) => {
      const dir = join(BACKSTAGE_EXAMPLES, example);
      const load = await loadTemplateFolder(dir, BACKSTAGE_EXAMPLES, actionRegistry());
      expect(load.problems).toEqual([]);
      const [template] = load.templates;
      const result = await tryTemplate(template, actionRegistry());
      expect(result.problems).toEqual([]);
      const fetch = template.steps.find((s) => s.action === 'fetch:template');
      if (!fetch) return;
      expect(result.workspace).toBeDefined();
      const skeleton = await filesUnder(join(dir, fetch.input.url as string));
      const rendered = texts(result.workspace);
      const stepValues = Object.fromEntries(
        Object.entries(fetch.input.values as Record<string, string>).map(([key, text]) => [
          key,
          result.values[/parameters\.(\w+)/.exec(text)![1]],
        ]),
      );
      expect(rendered).toEqual(expectedByNunjucks(skeleton, stepValues));
    },
  );
});
