// template.yaml's `${{ }}` and the skeleton dialect share one expression tree, one evaluator and
// one operator table; only the coercion differs. Every operator is held, over values of every
// kind, to the real nunjucks in skeletons, and to the skeleton's own result in template.yaml
// wherever the coercion does not come into it.
import { describe, expect, it } from 'vitest';
import { renderText } from '../../src/scaffold/templating/expressions/index.js';
import { renderNunjucksText } from '../../src/scaffold/templating/nunjucks/render-text.js';
import { nunjucksRender } from './support/nunjucks-oracle.js';

const VALUES: unknown[] = [0, 3, -2.5, '3', 'ab', '', true, false, null, undefined, [], [1, 'a'], { k: 1, ab: 2 }];

const BINARY = [
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '>',
  '<=',
  '>=',
  'in',
  'not in',
  '~',
  '+',
  '-',
  '*',
  '/',
  '//',
  '**',
  '%',
];
const LOGICAL = ['and', 'or'];

/** What a skeleton writes for a value: the same text nunjucks prints. */
function printed(value: unknown): string {
  return renderNunjucksText('${{ v }}', { v: value }, 'test');
}

/** Where template.yaml's kept values and nunjucks' JavaScript conversions part ways. */
function coercionApplies(op: string, left: unknown, right: unknown): boolean {
  const textOrNumber = (v: unknown) => typeof v === 'string' || typeof v === 'number';
  if (op === '~' || op === '+') return !textOrNumber(left) || !textOrNumber(right);
  if (op === 'in' || op === 'not in') {
    const container = right !== null && (typeof right === 'string' || typeof right === 'object');
    return !container || (!Array.isArray(right) && typeof left !== 'string');
  }
  return false;
}

function skeletonResult(source: string, context: Record<string, unknown>): string {
  try {
    return renderNunjucksText(source, structuredClone(context), 'test');
  } catch {
    return 'throws';
  }
}

function nunjucksResult(source: string, context: Record<string, unknown>): string {
  try {
    return nunjucksRender(source, structuredClone(context));
  } catch {
    return 'throws';
  }
}

describe('one expression language in template.yaml and skeletons', () => {
  it('gives every operator, on values of every kind, the result the real nunjucks gives in a skeleton', () => {
    const differences: string[] = [];
    for (const op of [...BINARY, ...LOGICAL]) {
      for (const l of VALUES) {
        for (const r of VALUES) {
          const source = `\${{ l ${op} r }}`;
          const ours = skeletonResult(source, { l, r });
          const theirs = nunjucksResult(source, { l, r });
          if (ours !== theirs) differences.push(`${JSON.stringify(l)} ${op} ${JSON.stringify(r)}: ${ours} ≠ ${theirs}`);
        }
      }
    }
    for (const op of ['-', '+', 'not ']) {
      for (const v of VALUES) {
        const source = `\${{ ${op}v }}`;
        if (skeletonResult(source, { v }) !== nunjucksResult(source, { v }))
          differences.push(`${op}${JSON.stringify(v)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('gives the same result in template.yaml as in a skeleton for every operator, except where coercion applies', () => {
    const differences: string[] = [];
    let compared = 0;
    for (const op of [...BINARY, ...LOGICAL]) {
      for (const l of VALUES) {
        for (const r of VALUES) {
          if (coercionApplies(op, l, r)) continue;
          const source = `\${{ l ${op} r }}`;
          const inSkeleton = skeletonResult(source, { l, r });
          const inTemplate = printed(renderText(source, structuredClone({ l, r })));
          compared++;
          if (inTemplate !== inSkeleton)
            differences.push(`${JSON.stringify(l)} ${op} ${JSON.stringify(r)}: ${inTemplate} ≠ ${inSkeleton}`);
        }
      }
    }
    expect(differences).toEqual([]);
    expect(compared).toBeGreaterThan(2500);
  });

  it('differs only in coercion: template.yaml keeps values and reads them as Callboard writes them, skeletons as JavaScript does', () => {
    const scope = { list: [1, 2], object: { a: 1 }, flag: true, nothing: null };
    const cases: Array<[string, unknown, string]> = [
      // expression, template.yaml's value, what a skeleton writes
      ['missing ~ "x"', 'x', 'undefinedx'],
      ['nothing ~ "x"', 'x', 'nullx'],
      ['object ~ ""', '{"a":1}', '[object Object]'],
      ['list ~ "!"', '1,2!', '1,2!'],
      ['flag + 1', 'true1', '2'],
      ['list + 1', '1,21', '1,21'],
      ['"a" in 5', false, 'throws'],
      ['1 in "a1"', false, 'true'],
      ['"x" if false', undefined, ''],
    ];
    for (const [expression, kept, written] of cases) {
      const source = `\${{ ${expression} }}`;
      expect(renderText(source, structuredClone(scope)), expression).toEqual(kept);
      expect(skeletonResult(source, scope), expression).toBe(written);
      expect(nunjucksResult(source, scope), expression).toBe(written);
    }
  });

  it('keeps the value of a whole-text expression in template.yaml, where a skeleton writes it out', () => {
    const scope = { tags: ['a', 'b'], port: 8080 };
    expect(renderText('${{ tags }}', scope)).toEqual(['a', 'b']);
    expect(renderText('${{ port + 1 }}', scope)).toBe(8081);
    expect(skeletonResult('${{ tags }}|${{ port + 1 }}', scope)).toBe('a,b|8081');
  });
});
