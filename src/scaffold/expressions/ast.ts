// The parsed form of a `${{ ... }}` expression: plain data, evaluated by evaluate.ts.

export type Expr =
  | { type: 'literal'; value: unknown }
  | { type: 'name'; name: string; at: number }
  | { type: 'member'; object: Expr; property: Expr; at: number }
  | { type: 'method'; object: Expr; method: string; args: Expr[]; at: number }
  | { type: 'filter'; input: Expr; filter: string; args: Expr[]; at: number }
  /** `x is defined`, `n is divisibleby(3)`, `x is not none`: one of the tests in tests.ts. */
  | { type: 'test'; input: Expr; test: string; args: Expr[]; negated: boolean; at: number }
  /** A call of one of the functions in globals.ts (`range(3)`); nothing else can be called. */
  | { type: 'call'; callee: string; args: Expr[]; at: number }
  | { type: 'unary'; op: 'not' | '-' | '+'; operand: Expr }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { type: 'conditional'; test: Expr; then: Expr; otherwise?: Expr }
  | { type: 'array'; items: Expr[] }
  | { type: 'object'; entries: Array<{ key: string; value: Expr }> };

export type BinaryOp =
  | 'and'
  | 'or'
  | '=='
  | '==='
  | '!='
  | '!=='
  | '<'
  | '>'
  | '<='
  | '>='
  | 'in'
  | 'not in'
  | '+'
  | '-'
  | '*'
  | '/'
  | '//'
  | '**'
  | '%'
  | '~';

/** Property names that lead to an object's prototype: never readable, whatever the object. */
export const FORBIDDEN_PROPERTIES = new Set([
  'constructor',
  '__proto__',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

/** Visits every node of an expression, parents before children. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  switch (expr.type) {
    case 'member':
      walk(expr.object, visit);
      walk(expr.property, visit);
      break;
    case 'method':
      walk(expr.object, visit);
      for (const a of expr.args) walk(a, visit);
      break;
    case 'filter':
      walk(expr.input, visit);
      for (const a of expr.args) walk(a, visit);
      break;
    case 'test':
      walk(expr.input, visit);
      for (const a of expr.args) walk(a, visit);
      break;
    case 'call':
      for (const a of expr.args) walk(a, visit);
      break;
    case 'unary':
      walk(expr.operand, visit);
      break;
    case 'binary':
      walk(expr.left, visit);
      walk(expr.right, visit);
      break;
    case 'conditional':
      walk(expr.test, visit);
      walk(expr.then, visit);
      if (expr.otherwise) walk(expr.otherwise, visit);
      break;
    case 'array':
      for (const i of expr.items) walk(i, visit);
      break;
    case 'object':
      for (const e of expr.entries) walk(e.value, visit);
      break;
    default:
      break;
  }
}
