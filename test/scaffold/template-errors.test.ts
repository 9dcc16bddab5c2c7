// One error type for both interpreters: a mistake in template.yaml's `${{ }}` or in a skeleton,
// found parsing or evaluating, is a TemplateError naming its line and column in the text the
// author wrote; a skeleton's syntax errors fall on the line the real nunjucks names.
import { describe, expect, it } from 'vitest';
import {
  checkExpression,
  compileAll,
  renderText,
  TemplateError,
} from '../../src/scaffold/templating/expressions/index.js';
import { renderNunjucksText } from '../../src/scaffold/templating/nunjucks/render-text.js';
import { renderSkeleton } from '../../src/scaffold/templating/render-skeleton.js';
import type { Workspace } from '../../src/scaffold/types.js';
import { nunjucksRender } from './support/nunjucks-oracle.js';

function caught(run: () => unknown): TemplateError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('expected an error');
}

const values = { name: 'payments-api', tags: ['a', 'b'] };

describe('an error in a skeleton', () => {
  it('names the line nunjucks names for a syntax error, and the column', () => {
    const broken: Array<[string, number]> = [
      ['a\nb ${{ values.name | }}', 21],
      ['a\n${{ values.name +* 2 }}', 18],
      ['x\n\n  {% for x in %}{% endfor %}', 3],
      ['q\n{% set x = %}', 8],
    ];
    for (const [source, column] of broken) {
      const ours = caught(() => renderNunjucksText(source, { values }, 'skeleton file "a.txt"'));
      const theirs = (() => {
        try {
          nunjucksRender(source, { values });
        } catch (error) {
          return Number(/\[Line (\d+)/.exec((error as Error).message)?.[1]);
        }
      })();
      expect(ours.position, source).toEqual({ line: theirs, column });
      expect(ours.message).toMatch(new RegExp(`^skeleton file "a\\.txt" \\(line ${theirs}, column ${column}\\): `));
    }
  });

  it('names the line and column of the operation that failed while rendering, where nunjucks names none', () => {
    const failing: Array<[string, { line: number; column: number }, RegExp]> = [
      ['one\ntwo ${{ values.name | join }}', { line: 2, column: 23 }, /the filter "join" needs a list/],
      ['a\n  ${{ "a" in 5 }}', { line: 2, column: 11 }, /"in" needs a list, text or object/],
      [
        '{% for t in values.tags %}\n\n   ${{ values.name.split(1) }}{% endfor %}',
        { line: 3, column: 20 },
        /separator must be a text/,
      ],
      ['\n{% for i in range(1, 100000000) %}{% endfor %}', { line: 2, column: 13 }, /would make more than/],
    ];
    for (const [source, position, problem] of failing) {
      const error = caught(() => renderNunjucksText(source, { values }, 'skeleton file "a.txt"'));
      expect(error.position, source).toEqual(position);
      expect(error.problem).toMatch(problem);
    }
  });

  it("names a loop's budget at its tag", () => {
    const source = 'x\n  {% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}';
    const error = caught(() => renderNunjucksText(source, { values }, 'skeleton file "a.txt"'));
    expect(error.position).toEqual({ line: 2, column: 30 });
    expect(error.message).toMatch(/^skeleton file "a\.txt" \(line 2, column 30\): loops ran more than/);
  });

  it('names lines and columns far into a file as exactly as near its start (positions there are not shared)', () => {
    const far = `${'x\n'.repeat(700)}${' '.repeat(300)}\${{ values.name | join }}`;
    expect(caught(() => renderNunjucksText(far, { values }, 'skeleton file "a.txt"')).position).toEqual({
      line: 701,
      column: 319,
    });
    // The same mistake near the start, after a file that reached far positions, is still named where it stands.
    const near = 'a\n  ${{ values.name | join }}';
    expect(caught(() => renderNunjucksText(near, { values }, 'skeleton file "b.txt"')).position).toEqual({
      line: 2,
      column: 21,
    });
  });

  it('reaches the person running fetch:template with the file, line and column, writing nothing', () => {
    const workspace: Workspace = new Map();
    const file = (path: string, content: string) => ({ path, content: Buffer.from(content), executable: false });
    const run = () =>
      renderSkeleton(
        [file('ok.txt', 'fine'), file('README.md', '# ${{ values.name }}\n\n${{ values.name | nope }}')],
        workspace,
        {
          values,
        },
      );
    expect(run).toThrow('skeleton file "README.md" (line 3, column 19): there is no filter named "nope"');
    expect(workspace.size).toBe(0);
  });
});

describe("an error in template.yaml's ${{ }}", () => {
  it('is the same TemplateError, naming the line and column of the operation in the text', () => {
    const error = caught(() =>
      renderText('Service:\n  ${{ parameters.name.split(1) }}', { parameters: { name: 'payments-api' } }),
    );
    expect(error.position).toEqual({ line: 2, column: 23 });
    expect(error.message).toBe('${{ parameters.name.split(1) }} (line 2, column 23): the separator must be a text');
  });

  it('names the line and column of a mistake found when the template loads', () => {
    const [found] = compileAll({ title: 'Hello\n  ${{ params.name | shout }}' }, 'spec.output');
    const problems = found.parts.flatMap((part) => checkExpression(part, { roots: ['parameters'], earlierSteps: [] }));
    expect(problems).toEqual([
      '${{ params.name | shout }} (line 2, column 21): uses the filter "shout", which does not exist',
      '${{ params.name | shout }} (line 2, column 7): reads "params", which is not one of parameters',
    ]);
  });

  it('names where a syntax error stands, and the field that holds the text', () => {
    const error = caught(() => compileAll({ input: { title: 'A\nB ${{ parameters.x + }}' } }, 'spec.steps[0]'));
    expect(error.field).toBe('spec.steps[0].input.title');
    expect(error.position).toEqual({ line: 2, column: 21 });
    expect(error.message).toMatch(/^\$\{\{ parameters\.x \+ \}\} \(line 2, column 21\): expected a value/);
    const open = caught(() => compileAll({ a: 'one ${{ parameters.x' }, 'input'));
    expect(open.message).toBe('line 1, column 5: has a "${{" that is never closed with "}}"');
  });
});
