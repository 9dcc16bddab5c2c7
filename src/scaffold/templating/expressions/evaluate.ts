// Evaluates a parsed expression against plain data (parameters, step outputs). There is no
// eval and no Function: only own data properties are read, and only the filters and methods
// in filters.ts and methods.ts run.
import { type Expr, FORBIDDEN_PROPERTIES } from './ast.js';
import { applyFilter, stringify } from './filters.js';
import { callFunction } from './globals.js';
import { callMethod } from './methods.js';
import { applyTest } from './tests.js';

export type Scope = Record<string, unknown>;

export function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'name':
      return Object.hasOwn(scope, expr.name) ? scope[expr.name] : undefined;
    case 'member':
      return readProperty(evaluate(expr.object, scope), evaluate(expr.property, scope));
    case 'method':
      return callMethod(
        evaluate(expr.object, scope),
        expr.method,
        expr.args.map((a) => evaluate(a, scope)),
      );
    case 'filter':
      return applyFilter(
        expr.filter,
        evaluate(expr.input, scope),
        expr.args.map((a) => evaluate(a, scope)),
      );
    case 'test': {
      const passed = applyTest(
        expr.test,
        evaluate(expr.input, scope),
        expr.args.map((a) => evaluate(a, scope)),
      );
      return expr.negated ? !passed : passed;
    }
    case 'call':
      return callFunction(
        expr.callee,
        expr.args.map((a) => evaluate(a, scope)),
      );
    case 'unary': {
      const value = evaluate(expr.operand, scope);
      return expr.op === 'not' ? !value : expr.op === '-' ? -Number(value) : Number(value);
    }
    case 'conditional':
      if (evaluate(expr.test, scope)) return evaluate(expr.then, scope);
      return expr.otherwise ? evaluate(expr.otherwise, scope) : undefined;
    case 'array':
      return expr.items.map((item) => evaluate(item, scope));
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const entry of expr.entries) out[entry.key] = evaluate(entry.value, scope);
      return out;
    }
    case 'binary':
      return evaluateBinary(expr, scope);
  }
}

function evaluateBinary(expr: Extract<Expr, { type: 'binary' }>, scope: Scope): unknown {
  // and/or short-circuit, and return an operand as JavaScript and nunjucks do.
  if (expr.op === 'and') {
    const left = evaluate(expr.left, scope);
    return left ? evaluate(expr.right, scope) : left;
  }
  if (expr.op === 'or') {
    const left = evaluate(expr.left, scope);
    return left ? left : evaluate(expr.right, scope);
  }
  const left = evaluate(expr.left, scope);
  const right = evaluate(expr.right, scope);
  switch (expr.op) {
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: the expression language's == is JavaScript's loose equality
      return left == right;
    case '===':
      return left === right;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: the expression language's != is JavaScript's loose inequality
      return left != right;
    case '!==':
      return left !== right;
    case '<':
      return (left as number) < (right as number);
    case '>':
      return (left as number) > (right as number);
    case '<=':
      return (left as number) <= (right as number);
    case '>=':
      return (left as number) >= (right as number);
    case 'in':
      return contains(right, left);
    case 'not in':
      return !contains(right, left);
    case '~':
      return stringify(left) + stringify(right);
    case '+':
      return typeof left === 'number' && typeof right === 'number' ? left + right : stringify(left) + stringify(right);
    case '-':
      return Number(left) - Number(right);
    case '*':
      return Number(left) * Number(right);
    case '/':
      return Number(left) / Number(right);
    case '//':
      return Math.floor(Number(left) / Number(right));
    case '**':
      return Number(left) ** Number(right);
    case '%':
      return Number(left) % Number(right);
  }
}

function contains(container: unknown, item: unknown): boolean {
  if (Array.isArray(container)) return container.includes(item);
  if (typeof container === 'string') return typeof item === 'string' && container.includes(item);
  if (container && typeof container === 'object' && typeof item === 'string') return Object.hasOwn(container, item);
  return false;
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
