import { describe, expect, it } from 'vitest';
import {
  compileAll,
  parseExpression,
  renderText,
  renderValue,
} from '../../src/scaffold/templating/expressions/index.js';
import { checkExpression } from '../../src/scaffold/templating/expressions/check-expression.js';

const scope = {
  parameters: {
    name: 'payments-api',
    repoUrl: 'github.com?owner=acme&repo=payments-api',
    owner: 'group:default/payments-team',
    enableCI: 'Yes',
    tags: ['a', 'b'],
    count: 3,
    flag: false,
  },
  steps: { publish: { output: { remoteUrl: 'https://github.com/acme/payments-api' } } },
};

describe('${{ }} expressions', () => {
  it('keeps the type of a text that is one expression, and interpolates otherwise', () => {
    expect(renderText('${{ parameters.tags }}', scope)).toEqual(['a', 'b']);
    expect(renderText('  ${{ parameters.count }} ', scope)).toBe(3);
    expect(renderText('${{ parameters.flag }}', scope)).toBe(false);
    expect(renderText('This is ${{ parameters.name }} (${{ parameters.count }})', scope)).toBe(
      'This is payments-api (3)',
    );
    expect(renderText('no expression', scope)).toBe('no expression');
  });

  it('reads earlier steps by dot or bracket', () => {
    expect(renderText("${{ steps['publish'].output.remoteUrl }}", scope)).toBe('https://github.com/acme/payments-api');
    expect(renderText('${{ steps.publish.output.remoteUrl }}/actions', scope)).toBe(
      'https://github.com/acme/payments-api/actions',
    );
  });

  it('applies Backstage filters', () => {
    expect(renderText('${{ parameters.repoUrl | parseRepoUrl }}', scope)).toEqual({
      host: 'github.com',
      owner: 'acme',
      repo: 'payments-api',
    });
    expect(renderText("${{ parameters.repoUrl | parseRepoUrl | pick('repo') }}", scope)).toBe('payments-api');
    expect(renderText('${{ parameters.repoUrl | projectSlug }}', scope)).toBe('acme/payments-api');
    expect(renderText("${{ parameters.owner | parseEntityRef | pick('name') }}", scope)).toBe('payments-team');
    expect(renderText('${{ parameters.name | dump }}', scope)).toBe('"payments-api"');
    expect(renderText("${{ parameters.missing | default('x') }}", scope)).toBe('x');
    expect(renderText("${{ parameters.tags | join('-') | upper }}", scope)).toBe('A-B');
  });

  it('compares, combines and chooses like nunjucks', () => {
    expect(renderText('${{ parameters.enableCI === "Yes" }}', scope)).toBe(true);
    expect(renderText("${{ parameters.enableCI == 'No' or parameters.count > 2 }}", scope)).toBe(true);
    expect(renderText("${{ not parameters.flag and 'a' in parameters.tags }}", scope)).toBe(true);
    expect(renderText("${{ 'yes' if parameters.flag else 'no' }}", scope)).toBe('no');
    expect(renderText("${{ parameters.flag ? 'yes' : 'no' }}", scope)).toBe('no');
    expect(renderText("${{ '@acme/' ~ parameters.name }}", scope)).toBe('@acme/payments-api');
    expect(renderText("${{ parameters.name.split('-')[0] }}", scope)).toBe('payments');
  });

  it('renders every text inside nested input', () => {
    expect(
      renderValue({ values: { name: '${{ parameters.name }}', list: ['${{ parameters.count }}'] }, n: 1 }, scope),
    ).toEqual({ values: { name: 'payments-api', list: [3] }, n: 1 });
  });

  it('never reaches a prototype or runs code', () => {
    expect(() => parseExpression('parameters.constructor')).toThrow(/cannot be read/);
    expect(() => parseExpression("parameters['__proto__']")).toThrow(/cannot be read/);
    expect(() => parseExpression('parameters.name.constructor.constructor("return process")()')).toThrow();
    expect(() => parseExpression('parameters.name.repeat(10)')).toThrow(/cannot be called/);
    // Computed keys are checked when read.
    expect(renderText("${{ parameters['con' ~ 'structor'] }}", scope)).toBeUndefined();
    expect(renderText("${{ parameters.name['length'] }}", scope)).toBe(12);
    expect(renderText('${{ parameters.toString }}', scope)).toBeUndefined();
  });

  it('does not evaluate expressions found inside values', () => {
    const hostile = { parameters: { name: '${{ parameters.secret }}', secret: 's3cr3t' } };
    expect(renderText('${{ parameters.name }}', hostile)).toBe('${{ parameters.secret }}');
  });

  it('names mistakes found at load time', () => {
    const [found] = compileAll({ a: '${{ steps.later.output.x | nope }} ${{ params.x }}' }, 'input');
    const rules = { roots: ['parameters', 'steps', 'user'], earlierSteps: ['fetch'] };
    const problems = found.parts.flatMap((p) => checkExpression(p, rules));
    expect(problems).toEqual([
      expect.stringContaining('filter "nope"'),
      expect.stringContaining('step "later", which does not run before this point'),
      expect.stringContaining('reads "params"'),
    ]);
    expect(() => compileAll({ a: '${{ parameters.x ' }, 'input')).toThrow(/never closed/);
    expect(() => compileAll({ a: '{% if x %}y{% endif %}' }, 'input')).toThrow(/nunjucks statement/);
  });
});
