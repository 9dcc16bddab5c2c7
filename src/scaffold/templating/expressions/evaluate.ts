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
import { TemplateError } from './template-error.js';
import { applyTest } from './tests.js';

export interface Dialect {
  coercion: Coercion;
  applyFilter(name: string, input: unknown, args: unknown[]): unknown;
  /** Sees every value a filter, a method, `~` or `+` builds: skeletons bound a text's size here. */
  built(value: unknown): unknown;
}

/** A variable's value by name: template.yaml reads its scope, skeletons their frames. */
type Lookup = (name: string) => unknown;

export function evaluate(expr: Expr, lookup: Lookup, dialect: Dialect): unknown {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'name':
      return lookup(expr.name);
    case 'member':
      return readProperty(evaluate(expr.object, lookup, dialect), evaluate(expr.property, lookup, dialect));
    case 'unary':
      return UNARY_OPERATORS[expr.op](evaluate(expr.operand, lookup, dialect));
    case 'conditional':
      if (evaluate(expr.test, lookup, dialect)) return evaluate(expr.then, lookup, dialect);
      return expr.otherwise ? evaluate(expr.otherwise, lookup, dialect) : dialect.coercion.noElse;
    case 'array':
      return expr.items.map((item) => evaluate(item, lookup, dialect));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of expr.entries) out[entry.key] = evaluate(entry.value, lookup, dialect);
      return out;
    }
    default:
      return operate(expr, lookup, dialect);
  }
}

/** The nodes that run something that can fail: each keeps its position for the error. */
type Operation = Extract<Expr, { type: 'method' | 'filter' | 'test' | 'call' | 'binary' }>;

/**
 * Runs an operation; what it throws is said at its line and column. An operand's own error
 * already carries its nearer position, which TemplateError.from keeps.
 */
function operate(expr: Operation, lookup: Lookup, dialect: Dialect): unknown {
  const run = (e: Expr): unknown => evaluate(e, lookup, dialect);
  try {
    switch (expr.type) {
      case 'method':
        return dialect.built(callMethod(run(expr.object), expr.method, expr.args.map(run)));
      case 'filter':
        return dialect.built(dialect.applyFilter(expr.filter, run(expr.input), expr.args.map(run)));
      case 'test': {
        const passed = applyTest(expr.test, run(expr.input), expr.args.map(run));
        return expr.negated ? !passed : passed;
      }
      case 'call':
        return callFunction(expr.callee, expr.args.map(run));
      case 'binary': {
        // and/or short-circuit, and return an operand as JavaScript and nunjucks do.
        const left = run(expr.left);
        if (expr.op === 'and') return left ? run(expr.right) : left;
        if (expr.op === 'or') return left ? left : run(expr.right);
        const value = BINARY_OPERATORS[expr.op](left, run(expr.right), dialect.coercion);
        return TEXT_BUILDING.has(expr.op) ? dialect.built(value) : value;
      }
    }
  } catch (error) {
    throw TemplateError.from(error, expr.at);
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
