// The few string and list methods an expression may call (`parameters.name.split('/')[1]` is
// common in Backstage templates). Each is pure; arguments are checked so that none can build
// a huge value or reach a function.

type Method = (self: unknown, args: unknown[]) => unknown;

const MAX_PAD = 10_000;

function text(value: unknown, position: string): string {
  if (typeof value !== 'string') throw new TypeError(`${position} must be a text`);
  return value;
}

function optionalInt(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new TypeError('the position must be a whole number');
  return value;
}

function padLength(value: unknown): number {
  const length = optionalInt(value) ?? 0;
  if (length > MAX_PAD) throw new TypeError(`padding is limited to ${MAX_PAD} characters`);
  return length;
}

const STRING_METHODS: Record<string, Method> = {
  toLowerCase: (s) => (s as string).toLowerCase(),
  toUpperCase: (s) => (s as string).toUpperCase(),
  trim: (s) => (s as string).trim(),
  trimStart: (s) => (s as string).trimStart(),
  trimEnd: (s) => (s as string).trimEnd(),
  split: (s, [sep, limit]) => (s as string).split(text(sep, 'the separator'), optionalInt(limit)),
  replace: (s, [from, to]) =>
    (s as string).replace(text(from, 'the text to replace'), () => text(to, 'the replacement')),
  replaceAll: (s, [from, to]) =>
    (s as string).replaceAll(text(from, 'the text to replace'), () => text(to, 'the replacement')),
  startsWith: (s, [prefix]) => (s as string).startsWith(text(prefix, 'the prefix')),
  endsWith: (s, [suffix]) => (s as string).endsWith(text(suffix, 'the suffix')),
  includes: (s, [part]) => (s as string).includes(text(part, 'the text to look for')),
  indexOf: (s, [part]) => (s as string).indexOf(text(part, 'the text to look for')),
  slice: (s, [start, end]) => (s as string).slice(optionalInt(start), optionalInt(end)),
  substring: (s, [start, end]) => (s as string).substring(optionalInt(start) ?? 0, optionalInt(end)),
  charAt: (s, [index]) => (s as string).charAt(optionalInt(index) ?? 0),
  padStart: (s, [length, fill]) =>
    (s as string).padStart(padLength(length), fill === undefined ? ' ' : text(fill, 'the fill')),
  padEnd: (s, [length, fill]) =>
    (s as string).padEnd(padLength(length), fill === undefined ? ' ' : text(fill, 'the fill')),
};

const LIST_METHODS: Record<string, Method> = {
  join: (a, [sep]) => (a as unknown[]).join(sep === undefined ? ',' : text(sep, 'the separator')),
  includes: (a, [item]) => (a as unknown[]).includes(item),
  indexOf: (a, [item]) => (a as unknown[]).indexOf(item),
  slice: (a, [start, end]) => (a as unknown[]).slice(optionalInt(start), optionalInt(end)),
  concat: (a, [other]) => (a as unknown[]).concat(Array.isArray(other) ? other : [other]),
};

export const ALLOWED_METHODS = new Set([...Object.keys(STRING_METHODS), ...Object.keys(LIST_METHODS)]);

export function callMethod(self: unknown, name: string, args: unknown[]): unknown {
  const table = typeof self === 'string' ? STRING_METHODS : Array.isArray(self) ? LIST_METHODS : undefined;
  if (self === undefined || self === null) return undefined;
  const method = table && Object.hasOwn(table, name) ? table[name] : undefined;
  if (!method) {
    const what = typeof self === 'string' ? 'a text' : Array.isArray(self) ? 'a list' : `a ${typeof self}`;
    throw new TypeError(`"${name}()" cannot be called on ${what}`);
  }
  return method(self, args);
}
