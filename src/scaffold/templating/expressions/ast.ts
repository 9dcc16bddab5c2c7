// The parsed form of an expression, in template.yaml's `${{ }}` and in skeletons alike: plain data,
// evaluated by evaluate.ts. `at` is an operation's offset in its text, for error messages.
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
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; at: number }
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

/** The sub-expressions of a node, in the order they are written. */
function children(expr: Expr): Expr[] {
  switch (expr.type) {
    case 'member':
      return [expr.object, expr.property];
    case 'method':
      return [expr.object, ...expr.args];
    case 'filter':
    case 'test':
      return [expr.input, ...expr.args];
    case 'call':
      return expr.args;
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'conditional':
      return expr.otherwise ? [expr.test, expr.then, expr.otherwise] : [expr.test, expr.then];
    case 'array':
      return expr.items;
    case 'object':
      return expr.entries.map((e) => e.value);
    default:
      return [];
  }
}

/** Visits every node of an expression, parents before children. */
export function walk(expr: Expr, visit: (node: Expr) => void): void {
  visit(expr);
  for (const child of children(expr)) walk(child, visit);
}
