// parseCatalogFile: what sync stores and what a catalog maintainer is told, file by file.
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile, type PlaceholderResolver } from '../../src/catalog/index.js';

const entity = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team${extra}
`;

const api = (definition: string) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payments-rest
spec:
  type: openapi
  lifecycle: production
  owner: team
  definition:
${definition}
`;

describe('documents', () => {
  it('reads every document, each with its origin', () => {
    const text = `${entity('a')}---\n${entity('b')}`;
    const result = parseCatalogFile(text, {
      file: 'catalog-info.yaml',
      url: 'https://github.com/acme/x/blob/main/catalog-info.yaml',
    });
    expect(result.problems).toEqual([]);
    expect(result.isEntityFile).toBe(true);
    expect(result.entities.map((e) => [e.ref, e.origin])).toEqual([
      [
        'component:default/a',
        { file: 'catalog-info.yaml', url: 'https://github.com/acme/x/blob/main/catalog-info.yaml', document: 0 },
      ],
      [
        'component:default/b',
        { file: 'catalog-info.yaml', url: 'https://github.com/acme/x/blob/main/catalog-info.yaml', document: 1 },
      ],
    ]);
    expect(result.entities[0].entity.metadata.namespace).toBe('default');
    expect(result.entities[0].relations).toEqual([
      { source: 'component:default/a', type: 'ownedBy', target: 'group:default/team' },
      { source: 'group:default/team', type: 'ownerOf', target: 'component:default/a' },
    ]);
  });

  it('reports a YAML syntax error with its file line, and still reads the other documents', () => {
    const text = `${entity('a')}---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: [unclosed\n---\n${entity('c')}`;
    const result = parseCatalogFile(text, { file: 'catalog-info.yaml' });
    expect(result.entities.map((e) => e.ref)).toEqual(['component:default/a', 'component:default/c']);
    expect(result.entities[1].origin.document).toBe(2);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ file: 'catalog-info.yaml', document: 1 });
    expect(result.problems[0].message).toBe(
      'Cannot read the YAML at line 12, column 20: unexpected end of the stream within a flow collection',
    );
    // Sync keeps what the file provided before, since the broken document's entity is unknown.
    expect(result.unreadable).toBe(true);
    expect(parseCatalogFile(entity('a'), { file: 'catalog-info.yaml' }).unreadable).toBe(false);
  });

  it('refuses YAML beyond plain data: custom tags and duplicated keys', () => {
    const result = parseCatalogFile(`${entity('a')}---\nkey: !!binary aGVsbG8=\n---\na: 1\na: 2\n`, { file: 'f.yaml' });
    expect(result.entities).toHaveLength(1);
    expect(result.problems.map((p) => [p.document, p.message])).toEqual([
      [1, expect.stringContaining('unknown scalar tag')],
      [2, expect.stringContaining('duplicated mapping key')],
    ]);
  });

  it('caps aliases so that a small file cannot expand into a huge one', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 0; i < 12; i++)
      lines.push(
        `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(97 + i)}`)
          .join(', ')}]`,
      );
    const result = parseCatalogFile(lines.join('\n'), { file: 'bomb.yaml' });
    expect(result.entities).toEqual([]);
    expect(result.problems[0].message).toContain('aliases exceeded maxAliases (100)');
  });

  it('numbers documents as js-yaml does, skipping empty ones without a word', () => {
    const text = `# leading comment\n---\n---\n${entity('a')}...\n%YAML 1.2\n---\n${entity('b')}---\n`;
    expect(loadAll(text).map((d) => (d as { metadata?: { name: string } } | null)?.metadata?.name ?? null)).toEqual([
      null,
      'a',
      'b',
      null,
    ]);
    const result = parseCatalogFile(text, { file: 'f.yaml' });
    expect(result.problems).toEqual([]);
    expect(result.entities.map((e) => [e.ref, e.origin.document])).toEqual([
      ['component:default/a', 1],
      ['component:default/b', 2],
    ]);
  });

  it('reads files with a byte order mark and Windows line endings', () => {
    const text = `\uFEFF${entity('a')}---\n${entity('b')}`.replace(/\n/g, '\r\n');
    const result = parseCatalogFile(text, { file: 'f.yaml' });
    expect(result.problems).toEqual([]);
    expect(result.entities.map((e) => e.ref)).toEqual(['component:default/a', 'component:default/b']);
  });

  it('ties every problem to its file, document and, when known, the entity ref', () => {
    const result = parseCatalogFile(`- a list\n---\n${entity('Bad Name')}`, { file: 'f.yaml' });
    expect(result.problems).toEqual([
      { file: 'f.yaml', document: 0, message: expect.stringContaining('The document is not an entity') },
      {
        file: 'f.yaml',
        document: 1,
        entityRef: 'component:default/bad name',
        field: 'metadata.name',
        message: expect.stringContaining('metadata.name "Bad Name" is not valid'),
      },
    ]);
  });

  it('keeps the first of two documents with the same ref and names both', () => {
    const text = `${entity('a')}---\n${entity('b')}---\n${entity('A', '\n  system: other')}`;
    const result = parseCatalogFile(text, { file: 'f.yaml' });
    expect(result.entities.map((e) => [e.ref, e.origin.document])).toEqual([
      ['component:default/a', 0],
      ['component:default/b', 1],
    ]);
    expect(result.problems).toEqual([
      {
        file: 'f.yaml',
        document: 2,
        entityRef: 'component:default/a',
        message: 'component:default/a is defined twice in this file, in documents 1 and 3: the first is kept',
      },
    ]);
  });
});

describe('size limit', () => {
  it('refuses a file over the limit without parsing it', () => {
    const text = entity('a');
    const result = parseCatalogFile(text, { file: 'big.yaml' }, { maxBytes: 50 });
    expect(result.entities).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'big.yaml',
        message: `The file is ${text.length} bytes, over the 50-byte limit for catalog files: split it into smaller files`,
      },
    ]);
  });

  it('counts bytes, not characters', () => {
    const text = entity('a').replace('team', 'équipe');
    expect(parseCatalogFile(text, { file: 'f.yaml' }, { maxBytes: text.length }).problems).toHaveLength(1);
    expect(parseCatalogFile(text, { file: 'f.yaml' }, { maxBytes: text.length + 1 }).problems).toEqual([]);
  });

  it('defaults to 32 MiB', () => {
    const padding = `# ${'x'.repeat(32 * 1024 * 1024)}\n`;
    expect(parseCatalogFile(padding + entity('a'), { file: 'f.yaml' }).problems[0].message).toContain(
      'over the 33554432-byte limit',
    );
    const under = `# ${'x'.repeat(32 * 1024 * 1024 - 1024)}\n`;
    expect(parseCatalogFile(under + entity('a'), { file: 'f.yaml' }).problems).toEqual([]);
  });
});

describe('skipNonEntityFiles', () => {
  const openapi = 'openapi: 3.0.0\ninfo:\n  title: Petstore\n  version: 1.0.0\npaths: {}\n';

  it('passes over a file no document of which has apiVersion or kind', () => {
    expect(parseCatalogFile(openapi, { file: 'petstore.oas.yaml' }, { skipNonEntityFiles: true })).toEqual({
      entities: [],
      problems: [],
      isEntityFile: false,
      unreadable: false,
    });
    expect(parseCatalogFile('name: x\n---\n- a\n', { file: 'f.yaml' }, { skipNonEntityFiles: true }).isEntityFile).toBe(
      false,
    );
    expect(parseCatalogFile('', { file: 'empty.yaml' }, { skipNonEntityFiles: true }).isEntityFile).toBe(false);
    expect(
      parseCatalogFile(`x: ${'y'.repeat(100)}`, { file: 'big.json' }, { skipNonEntityFiles: true, maxBytes: 10 })
        .isEntityFile,
    ).toBe(false);
  });

  it('reports problems as usual once one document looks like an entity', () => {
    const result = parseCatalogFile(
      `${openapi}---\nkind: Component\n`,
      { file: 'f.yaml' },
      { skipNonEntityFiles: true },
    );
    expect(result.isEntityFile).toBe(true);
    expect(result.problems.map((p) => p.document)).toEqual([0, 0, 0, 1, 1]);
  });

  it('counts a document that does not parse as an entity when its text has an apiVersion or kind line', () => {
    const result = parseCatalogFile(
      'apiVersion: backstage.io/v1alpha1\nkind: [oops\n',
      { file: 'f.yaml' },
      { skipNonEntityFiles: true },
    );
    expect(result.isEntityFile).toBe(true);
    expect(result.problems[0].message).toContain('Cannot read the YAML');
    expect(parseCatalogFile('title: [oops\n', { file: 'f.yaml' }, { skipNonEntityFiles: true }).isEntityFile).toBe(
      false,
    );
  });

  it('without the option, a non-entity file is a problem', () => {
    const result = parseCatalogFile(openapi, { file: 'petstore.oas.yaml' });
    expect(result.isEntityFile).toBe(true);
    expect(result.problems.map((p) => p.field)).toEqual(['apiVersion', 'kind', 'metadata']);
  });
});

describe('placeholders', () => {
  it('substitutes what the resolver reads, for $text, $json and $yaml, anywhere in the entity', () => {
    const calls: unknown[] = [];
    const resolvePlaceholder: PlaceholderResolver = (kind, target, file) => {
      calls.push([kind, target, file]);
      if (kind === '$text') return 'openapi: 3.0.0';
      return { read: target };
    };
    const text = `${api('    $text: ./openapi.yaml')}  extra:\n    $json: ./extra.json\n  more:\n    - $yaml: https://example.com/more.yaml\n`;
    const result = parseCatalogFile(text, { file: 'apis/catalog-info.yaml' }, { resolvePlaceholder });
    expect(result.problems).toEqual([]);
    expect(result.entities[0].entity.spec).toMatchObject({
      definition: 'openapi: 3.0.0',
      extra: { read: './extra.json' },
      more: [{ read: 'https://example.com/more.yaml' }],
    });
    expect(calls).toEqual([
      ['$text', './openapi.yaml', 'apis/catalog-info.yaml'],
      ['$json', './extra.json', 'apis/catalog-info.yaml'],
      ['$yaml', 'https://example.com/more.yaml', 'apis/catalog-info.yaml'],
    ]);
  });

  it('keeps an absolute URL the resolver cannot read as the field value', () => {
    const resolvePlaceholder: PlaceholderResolver = () => {
      throw new Error('not fetched');
    };
    const result = parseCatalogFile(
      api('    $text: https://github.com/acme/api/blob/main/openapi.yaml'),
      { file: 'f.yaml' },
      { resolvePlaceholder },
    );
    expect(result.problems).toEqual([]);
    expect(result.entities[0].entity.spec?.definition).toBe('https://github.com/acme/api/blob/main/openapi.yaml');
  });

  it('refuses the entity when a relative target cannot be read, naming the field', () => {
    const resolvePlaceholder: PlaceholderResolver = () => {
      throw new Error('no such file');
    };
    const result = parseCatalogFile(api('    $text: ./missing.yaml'), { file: 'f.yaml' }, { resolvePlaceholder });
    expect(result.entities).toEqual([]);
    expect(result.problems).toEqual([
      {
        file: 'f.yaml',
        document: 0,
        entityRef: 'api:default/payments-rest',
        field: 'spec.definition',
        message: 'spec.definition: could not read $text ./missing.yaml: no such file',
      },
    ]);
  });

  it('without a resolver, keeps the target, made absolute beside the file when the file has a URL', () => {
    const relative = api('    $text: ./openapi.yaml');
    expect(parseCatalogFile(relative, { file: 'apis/x.yaml' }).entities[0].entity.spec?.definition).toBe(
      './openapi.yaml',
    );
    const withUrl = parseCatalogFile(relative, {
      file: 'apis/x.yaml',
      url: 'https://github.com/acme/r/blob/main/apis/x.yaml',
    });
    expect(withUrl.entities[0].entity.spec?.definition).toBe('https://github.com/acme/r/blob/main/apis/openapi.yaml');
    const absolute = api('    $text: https://example.com/openapi.yaml');
    expect(parseCatalogFile(absolute, { file: 'f.yaml' }).entities[0].entity.spec?.definition).toBe(
      'https://example.com/openapi.yaml',
    );
  });

  it('leaves other $ keys alone, and refuses a placeholder whose target is not a string', () => {
    const schemaRef = parseCatalogFile(
      api('    openapi: 3.0.0').replace(
        '  definition:\n    openapi: 3.0.0',
        '  definition: x\n  schema:\n    $ref: "#/a"',
      ),
      { file: 'f.yaml' },
    );
    expect(schemaRef.entities[0].entity.spec?.schema).toEqual({ $ref: '#/a' });
    const numeric = parseCatalogFile(api('    $text: 42'), { file: 'f.yaml' });
    expect(numeric.problems.map((p) => [p.field, p.message])).toEqual([
      ['spec.definition', 'spec.definition: $text needs a string, a relative path or an absolute URL'],
    ]);
  });

  it('validates what was substituted', () => {
    const result = parseCatalogFile(
      api('    $json: ./openapi.json'),
      { file: 'f.yaml' },
      { resolvePlaceholder: () => ({ openapi: '3.0.0' }) },
    );
    expect(result.problems.map((p) => p.message)).toEqual(['spec.definition must be a string']);
  });
});
