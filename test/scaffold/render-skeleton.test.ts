import { describe, expect, it } from 'vitest';
import { renderSkeleton } from '../../src/scaffold/templating/render-skeleton.js';
import type { SkeletonFile } from '../../src/scaffold/templating/skeleton-reader.js';
import type { Workspace } from '../../src/scaffold/types.js';

function file(path: string, content: string | Buffer, executable = false): SkeletonFile {
  return { path, content: typeof content === 'string' ? Buffer.from(content) : content, executable };
}

function render(files: SkeletonFile[], values: Record<string, unknown>, extra: object = {}): Workspace {
  const workspace: Workspace = new Map();
  renderSkeleton(files, workspace, { values, syntax: 'handlebars', ...extra });
  return workspace;
}

function text(workspace: Workspace, path: string): string | undefined {
  return workspace.get(path)?.content.toString('utf8');
}

describe('skeleton rendering', () => {
  it('renders file names and contents with the values', () => {
    const ws = render(
      [
        file('{{values.name}}/README.md', '# {{values.name}}\nOwned by {{owner}}\n'),
        file('bin/run.sh', '#!/bin/sh\necho {{values.name}}\n', true),
      ],
      { name: 'payments', owner: 'group:default/team-a' },
    );
    expect([...ws.keys()].sort()).toEqual(['bin/run.sh', 'payments/README.md']);
    expect(text(ws, 'payments/README.md')).toBe('# payments\nOwned by group:default/team-a\n');
    expect(ws.get('bin/run.sh')?.executable).toBe(true);
  });

  it('leaves a file out when its name renders empty, and renders into targetPath', () => {
    const ws = render(
      [
        file("{{when values.docs 'docs'}}/index.md", 'docs'),
        file('LICENSE{{#if values.license}}{{else}}{{/if}}', 'MIT'),
        file('keep.txt', 'x'),
      ],
      { docs: false, license: '' },
      { targetPath: './sub' },
    );
    expect([...ws.keys()].sort()).toEqual(['sub/LICENSE', 'sub/keep.txt']);
  });

  it('copies binary files and copyWithoutTemplating matches byte for byte', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x7b, 0x7b, 0x78, 0x7d, 0x7d]);
    const ws = render(
      [
        file('logo.png', png),
        file('.github/workflows/ci.yml', 'run: echo ${{ secrets.TOKEN }}'),
        file('raw.txt', '{{{{raw}}}}${{ github.ref }}{{{{/raw}}}} {{values.name}}'),
      ],
      { name: 'x' },
      { copyWithoutTemplating: ['.github/**'] },
    );
    expect(ws.get('logo.png')?.content.equals(png)).toBe(true);
    expect(text(ws, '.github/workflows/ci.yml')).toBe('run: echo ${{ secrets.TOKEN }}');
    expect(text(ws, 'raw.txt')).toBe('${{ github.ref }} x');
  });

  it('keeps every path inside the repository', () => {
    const attempts = [
      ['{{name}}/../../etc/x', { name: 'a' }],
      ['{{name}}/x', { name: '../../etc' }],
      ['{{name}}', { name: 'etc/passwd/..' }],
      ['{{name}}/config', { name: '.git' }],
      ['x{{name}}', { name: '\\..\\evil' }],
    ] as const;
    for (const [path, values] of attempts) {
      const workspace: Workspace = new Map();
      expect(
        () => renderSkeleton([file(path, 'x')], workspace, { values: { ...values }, syntax: 'handlebars' }),
        path,
      ).toThrow();
      expect(workspace.size).toBe(0);
    }
    // An absolute name renders an empty first part: the file is left out, nothing is written.
    expect(render([file('/{{name}}', 'x')], { name: 'etc/passwd' }).size).toBe(0);
    expect(render([file('{{name}}', 'x')], { name: '/etc/passwd' }).size).toBe(0);
    expect(() => render([file('x', 'x')], { dir: 'a' }, { targetPath: '../up' })).toThrow(/leave the repository/);
  });

  it('allows no prototype access from names or contents', () => {
    for (const source of [
      '{{constructor}}',
      '{{values.constructor}}',
      '{{values.name.constructor.name}}',
      '{{__proto__}}',
      '{{#with values}}{{constructor.constructor}}{{/with}}',
      '{{lookup values "constructor"}}',
      '{{log values}}',
      '{{> partial}}',
    ]) {
      expect(() => render([file('a.txt', source)], { name: 'x' }), source).toThrow();
      expect(() => render([file(source, 'x')], { name: 'x' }), source).toThrow();
    }
  });

  it('treats values as data, never as templates', () => {
    const ws = render([file('{{values.name}}.txt', '{{values.name}} {{values.body}}')], {
      name: '{{constructor}}',
      body: "{{#with this}}{{lookup . 'constructor'}}{{/with}}",
    });
    expect(text(ws, '{{constructor}}.txt')).toBe("{{constructor}} {{#with this}}{{lookup . 'constructor'}}{{/with}}");
  });

  it('is strict: a missing value is an error naming it, and nothing is written', () => {
    const workspace: Workspace = new Map();
    expect(() =>
      renderSkeleton([file('ok.txt', 'fine'), file('a.txt', 'hi {{values.nmae}}')], workspace, {
        values: { name: 'x' },
        syntax: 'handlebars',
      }),
    ).toThrow(/a\.txt.*"nmae" has no value/);
    expect(workspace.size).toBe(0);
  });

  it('refuses two files that render to the same path', () => {
    expect(() => render([file('{{values.a}}', '1'), file('{{values.b}}', '2')], { a: 'x', b: 'x' })).toThrow(
      /both render to "x"/,
    );
  });
});
