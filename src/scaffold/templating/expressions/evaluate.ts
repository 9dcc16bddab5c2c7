// The one evaluator of the expression tree, for template.yaml's `${{ }}` and for skeletons. There
// is no eval and no Function: only own data properties are read, and only the operators in
// operators.ts and the filters, tests, methods and functions listed by name run. What differs
// between the two places is handed in as a Dialect: its coercion, its filters, and a bound on
// the texts it builds. A failing operation is named at its line and column (template-error.ts).
import { type Expr, FORBIDDEN_PROPERTIES } from './ast.js';
import type { Coercion } from './coercion.js';
import { callFunction } from './globals.js';
import { callMethod } from './methods.js';
import { BINARY_OPERATORS, TEXT_BUILDING, UNARY_OPERATORS } from './operators.js';
import { located } from './template-error.js';
import { applyTest } from './tests.js';

export interface Dialect {
  coercion: Coercion;
  applyFilter(name: string, input: unknown, args: unknown[]): unknown;
  /** Sees every value a filter, a method, `~` or `+` builds: skeletons bound a text's size here. */
  built(value: unknown): unknown;
}

/** A variable's value by name: template.yaml reads its scope, skeletons their frames. */
export type Lookup = (name: string) => unknown;

export function evaluate(expr: Expr, lookup: Lookup, dialect: Dialect): unknown {
  const run = (e: Expr): unknown => evaluate(e, lookup, dialect);
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'name':
      return lookup(expr.name);
    case 'member':
      return readProperty(run(expr.object), run(expr.property));
    case 'method': {
      const [object, args] = [run(expr.object), expr.args.map(run)];
      return located(expr.at, () => dialect.built(callMethod(object, expr.method, args)));
    }
    case 'filter': {
      const [input, args] = [run(expr.input), expr.args.map(run)];
      return located(expr.at, () => dialect.built(dialect.applyFilter(expr.filter, input, args)));
    }
    case 'test': {
      const [input, args] = [run(expr.input), expr.args.map(run)];
      const passed = located(expr.at, () => applyTest(expr.test, input, args));
      return expr.negated ? !passed : passed;
    }
    case 'call': {
      const args = expr.args.map(run);
      return located(expr.at, () => callFunction(expr.callee, args));
    }
    case 'unary':
      return UNARY_OPERATORS[expr.op](run(expr.operand));
    case 'conditional':
      if (run(expr.test)) return run(expr.then);
      return expr.otherwise ? run(expr.otherwise) : dialect.coercion.noElse;
    case 'array':
      return expr.items.map(run);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of expr.entries) out[entry.key] = run(entry.value);
      return out;
    }
    case 'binary': {
      // and/or short-circuit, and return an operand as JavaScript and nunjucks do.
      if (expr.op === 'and') {
        const left = run(expr.left);
        return left ? run(expr.right) : left;
      }
      if (expr.op === 'or') {
        const left = run(expr.left);
        return left ? left : run(expr.right);
      }
      const [left, right, op] = [run(expr.left), run(expr.right), expr.op];
      return located(expr.at, () => {
        const value = BINARY_OPERATORS[op](left, right, dialect.coercion);
        return TEXT_BUILDING.has(op) ? dialect.built(value) : value;
      });
    }
  }
}

/** An own data property of plain data; anything else (prototype, missing) reads as undefined. */
export function readProperty(object: unknown, property: unknown): unknown {
  if (object === undefined || object === null) return undefined;
  const key = typeof property === 'number' ? property : String(property);
  if (typeof key === 'string' && FORBIDDEN_PROPERTIES.has(key)) return undefined;
  if (typeof object === 'string' || Array.isArray(object)) {
    if (key === 'length') return object.length;
    const index = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    return Number.isInteger(index) ? object[index] : undefined;
  }
  if (typeof object !== 'object') return undefined;
  if (!Object.hasOwn(object, key)) return undefined;
  const descriptor = Object.getOwnPropertyDescriptor(object, key);
  return descriptor && 'value' in descriptor && typeof descriptor.value !== 'function' ? descriptor.value : undefined;
}
