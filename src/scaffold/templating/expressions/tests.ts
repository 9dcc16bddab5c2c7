// The tests `x is <test>` may name: nunjucks' built-in tests, pure functions of plain data.
// Each behaves as nunjucks' own (node_modules/nunjucks/src/tests.js), so a skeleton renders the same.

type Test = (value: unknown, args: unknown[]) => boolean;

function isPlainObject(value: unknown): boolean {
  return Object.prototype.toString.call(value) === '[object Object]';
}

const TESTS: Record<string, Test> = {
  defined: (v) => v !== undefined,
  undefined: (v) => v === undefined,
  none: (v) => v === null,
  null: (v) => v === null,
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  odd: (v) => (v as number) % 2 === 1,
  even: (v) => (v as number) % 2 === 0,
  divisibleby: (v, [n]) => (v as number) % (n as number) === 0,
  equalto: (v, [other]) => v === other,
  eq: (v, [other]) => v === other,
  sameas: (v, [other]) => v === other,
  ne: (v, [other]) => v !== other,
  ge: (v, [other]) => (v as number) >= (other as number),
  gt: (v, [other]) => (v as number) > (other as number),
  greaterthan: (v, [other]) => (v as number) > (other as number),
  le: (v, [other]) => (v as number) <= (other as number),
  lt: (v, [other]) => (v as number) < (other as number),
  lessthan: (v, [other]) => (v as number) < (other as number),
  lower: (v) => typeof v === 'string' && v.toLowerCase() === v,
  upper: (v) => typeof v === 'string' && v.toUpperCase() === v,
  truthy: (v) => Boolean(v),
  falsy: (v) => !v,
  iterable: (v) => typeof v === 'string' || Array.isArray(v),
  mapping: (v) => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) && isPlainObject(v),
  callable: () => false,
  escaped: () => false,
};

export const KNOWN_TESTS = new Set(Object.keys(TESTS));

export function applyTest(name: string, value: unknown, args: unknown[]): boolean {
  if (!Object.hasOwn(TESTS, name)) throw new TypeError(`there is no test named "${name}"`);
  return TESTS[name](value, args);
}
