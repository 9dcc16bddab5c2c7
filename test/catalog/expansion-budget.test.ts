// The expansion budget as a catalog author meets it: one file, however its documents and
// placeholders add up, expands to a bounded size; what goes over is a problem for its document.
import { describe, expect, it } from 'vitest';
import { parseCatalogFile, type PlaceholderResolver } from '../../src/catalog/index.js';
import { aliasBombYaml, componentYaml } from '../support/hostile-catalog.js';

/** A Component whose spec.data holds `levels` anchored sequences of `width` aliases each. */
const aliased = (name: string, levels: number, width: number) =>
  `${componentYaml(name)}  data:\n${aliasBombYaml(levels, width)}\n`;
const EXPANDED = 'once its aliases and placeholders are expanded';

describe('the expansion budget of one file', () => {
  it('lets aliases expand to a sizeable document (6 levels of 7: 137,258 values)', () => {
    const result = parseCatalogFile(aliased('wide', 6, 7), { file: 'catalog-info.yaml' });
    expect(result.problems).toEqual([]);
    expect(result.entities.map((e) => e.ref)).toEqual(['component:default/wide']);
  });

  it('is shared by the documents of a file: the one that goes over is a problem, the others are read', () => {
    const text = [aliased('first', 6, 7), aliased('second', 6, 7), componentYaml('third')].join('---\n');
    const result = parseCatalogFile(text, { file: 'catalog-info.yaml' });
    expect(result.entities.map((e) => e.ref)).toEqual(['component:default/first', 'component:default/third']);
    expect(result.problems).toEqual([
      {
        file: 'catalog-info.yaml',
        document: 1,
        message:
          `Cannot read the YAML at line 17, column 1: it expands to more than 250000 values ${EXPANDED} ` +
          '(the limit for one file)',
      },
    ]);
    expect(result.unreadable).toBe(true);
  });

  it('refuses an alias that points into the value anchoring it', () => {
    const text = `${componentYaml('loop')}  data: &loop { self: *loop }\n`;
    const result = parseCatalogFile(text, { file: 'catalog-info.yaml' });
    expect(result.entities).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Cannot read the YAML at line 1, column 1: an alias refers to a value that contains it, so it never ends',
    ]);
  });

  it('refuses aliases that nest deeper than 100 levels once expanded', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `    l${i + 1}: &l${i + 1} [[[[[[[[[[*l${i}]]]]]]]]]]`);
    const text = `${componentYaml('deep')}  data:\n    l0: &l0 x\n${levels.join('\n')}\n`;
    const result = parseCatalogFile(text, { file: 'catalog-info.yaml' });
    expect(result.problems.map((p) => p.message)).toEqual([
      'Cannot read the YAML at line 1, column 1: it nests deeper than 100 levels once its aliases are expanded',
    ]);
  });

  it('counts what placeholders bring in: the read that would pass 4 MiB of text is a problem', () => {
    const megabyte: PlaceholderResolver = () => 'x'.repeat(1_000_000);
    const withText = (i: number) =>
      componentYaml(`doc-${i}`).replace(/description: .*/, 'description:\n    $text: ./README.md');
    const text = [1, 2, 3, 4, 5].map(withText).join('---\n');
    const result = parseCatalogFile(text, { file: 'catalog-info.yaml' }, { resolvePlaceholder: megabyte });
    expect(result.entities.map((e) => e.ref)).toEqual([1, 2, 3, 4].map((i) => `component:default/doc-${i}`));
    expect(result.problems).toEqual([
      {
        file: 'catalog-info.yaml',
        document: 4,
        entityRef: 'component:default/doc-5',
        field: 'metadata.description',
        message:
          `metadata.description: could not read $text ./README.md: ` +
          `it expands to more than ${4 * 1024 * 1024} characters ${EXPANDED} (the limit for one file)`,
      },
    ]);
  });
});
