// The one operator table of the expression language, for template.yaml and skeletons alike:
// each operator is written once, and asks the dialect's Coercion only where nunjucks'
// JavaScript conversions and template.yaml's kept values differ (text, `+`, `in`).
import type { BinaryOp } from './ast.js';
import { type Coercion, isPlainObject, primitive, toNumber } from './coercion.js';

type Binary = (left: unknown, right: unknown, coercion: Coercion) => unknown;

function contains(container: unknown, item: unknown, coercion: Coercion): boolean {
  if (Array.isArray(container)) return container.includes(item);
  const key = coercion.key(item);
  if (typeof container === 'string') return key !== undefined && container.includes(key);
  if (isPlainObject(container)) return key !== undefined && Object.hasOwn(container, key);
  return coercion.notAContainer(container);
}

/** Every binary operator but `and` and `or`, which short-circuit and so are the evaluator's. */
export const BINARY_OPERATORS: Record<Exclude<BinaryOp, 'and' | 'or'>, Binary> = {
  // Both languages compile == and != to JavaScript's loose (in)equality.
  // biome-ignore lint/suspicious/noDoubleEquals: the expression language's == is JavaScript's
  '==': (left, right) => left == right,
  '===': (left, right) => left === right,
  // biome-ignore lint/suspicious/noDoubleEquals: the expression language's != is JavaScript's
  '!=': (left, right) => left != right,
  '!==': (left, right) => left !== right,
  '<': (left, right) => (primitive(left) as number) < (primitive(right) as number),
  '>': (left, right) => (primitive(left) as number) > (primitive(right) as number),
  '<=': (left, right) => (primitive(left) as number) <= (primitive(right) as number),
  '>=': (left, right) => (primitive(left) as number) >= (primitive(right) as number),
  in: (left, right, coercion) => contains(right, left, coercion),
  'not in': (left, right, coercion) => !contains(right, left, coercion),
  '~': (left, right, coercion) => coercion.text(left) + coercion.text(right),
  '+': (left, right, coercion) =>
    coercion.adds(left, right) ? toNumber(left) + toNumber(right) : coercion.text(left) + coercion.text(right),
  '-': (left, right) => toNumber(left) - toNumber(right),
  '*': (left, right) => toNumber(left) * toNumber(right),
  '/': (left, right) => toNumber(left) / toNumber(right),
  '//': (left, right) => Math.floor(toNumber(left) / toNumber(right)),
  '**': (left, right) => toNumber(left) ** toNumber(right),
  '%': (left, right) => toNumber(left) % toNumber(right),
};

export const UNARY_OPERATORS: Record<'not' | '-' | '+', (operand: unknown) => unknown> = {
  not: (operand) => !operand,
  '-': (operand) => -toNumber(operand),
  '+': (operand) => toNumber(operand),
};

/** The operators that build texts, whose results a dialect may bound in size. */
export const TEXT_BUILDING = new Set<BinaryOp>(['~', '+']);
