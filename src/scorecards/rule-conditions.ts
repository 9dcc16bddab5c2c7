// Checks a json-rules-engine condition tree before it is ever run: every fact must be one
// facts.ts knows, every operator one json-rules-engine has (decorated forms such as
// `not:equal` or `someFact:contains` included), every node `all`, `any`, `not` or a fact
// condition. Returns the facts the tree reads, so that a check whose fact is not known yet is
// told apart from one that fails.
import { Engine } from 'json-rules-engine';
import { FACTS_BY_NAME } from './facts.js';

/** A path to a node of the scorecard file: keys and list indexes. */
export type FieldPath = Array<string | number>;

interface ConditionProblem {
  path: FieldPath;
  message: string;
}

/** json-rules-engine's operator table, decorators included, asked rather than copied. */
interface OperatorTable {
  get(name: string): unknown;
}
const operators = (new Engine() as unknown as { operators: OperatorTable }).operators;

export function checkConditions(root: unknown, at: FieldPath): { facts: string[]; problems: ConditionProblem[] } {
  const facts = new Set<string>();
  const problems: ConditionProblem[] = [];
  walk(root, at, true);
  return { facts: [...facts], problems };

  function walk(node: unknown, path: FieldPath, top: boolean): void {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      problems.push({ path, message: 'must be a condition: a mapping with all, any, not or fact' });
      return;
    }
    const record = node as Record<string, unknown>;
    const booleans = (['all', 'any', 'not'] as const).filter((k) => k in record);
    if (booleans.length > 1) {
      problems.push({ path, message: `has both ${booleans.join(' and ')}: one per condition` });
      return;
    }
    if (booleans.length === 1) {
      const key = booleans[0];
      const inner = record[key];
      if (key === 'not') {
        walk(inner, [...path, key], false);
        return;
      }
      if (!Array.isArray(inner)) {
        problems.push({ path: [...path, key], message: 'must be a list of conditions' });
        return;
      }
      inner.forEach((child, i) => {
        walk(child, [...path, key, i], false);
      });
      return;
    }
    if ('condition' in record) {
      problems.push({ path: [...path, 'condition'], message: 'shared conditions are not supported: write it out' });
      return;
    }
    if (top) {
      problems.push({ path, message: 'must start with all, any or not' });
      return;
    }
    factCondition(record, path);
  }

  function factCondition(record: Record<string, unknown>, path: FieldPath): void {
    const fact = record.fact;
    if (typeof fact !== 'string' || !fact) {
      problems.push({ path: [...path, 'fact'], message: 'is missing: name the fact this condition reads' });
    } else if (!FACTS_BY_NAME.has(fact)) {
      problems.push({
        path: [...path, 'fact'],
        message: `unknown fact '${fact}' (see docs/scorecards.md for the facts)`,
      });
    } else {
      facts.add(fact);
    }
    const operator = record.operator;
    if (typeof operator !== 'string' || !operator) {
      problems.push({ path: [...path, 'operator'], message: 'is missing' });
    } else if (!operators.get(operator)) {
      problems.push({
        path: [...path, 'operator'],
        message: `unknown operator '${operator}' (equal, notEqual, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive, in, notIn, contains, doesNotContain)`,
      });
    }
    if (!('value' in record)) problems.push({ path: [...path, 'value'], message: 'is missing' });
    const value = record.value;
    // A value may compare with another fact: { fact: otherFact }.
    if (value && typeof value === 'object' && !Array.isArray(value) && 'fact' in value) {
      const other = (value as { fact: unknown }).fact;
      if (typeof other !== 'string' || !FACTS_BY_NAME.has(other))
        problems.push({ path: [...path, 'value', 'fact'], message: `unknown fact '${String(other)}'` });
      else facts.add(other);
    }
    if ('path' in record && (typeof record.path !== 'string' || !record.path.startsWith('$')))
      problems.push({ path: [...path, 'path'], message: "must be a JSONPath starting with '$'" });
  }
}

/** `checks[2].rule.all[0].fact`, as a problem line names a field. */
export function fieldName(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out;
}
