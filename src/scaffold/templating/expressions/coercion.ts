// How values turn into text and numbers: the one thing in which template.yaml's `${{ }}` and the
// skeleton dialect differ. Backstage evaluates both through nunjucks, whose JavaScript
// conversions the skeletons must match byte for byte; template.yaml's expressions keep
// Callboard's readable text (a list joins with commas, an object reads as JSON) and a `+` that
// only adds numbers. The conversions are written out for plain data, so no value's own
// methods (a `toString` key in the data) are ever called.

export interface Coercion {
  /** How a value reads inside a text (`~`, `+` on texts). */
  text(value: unknown): string;
  /** Whether `+` adds its operands as numbers; otherwise it joins them as text. */
  adds(left: unknown, right: unknown): boolean;
  /** The text `in` looks for in a text or among an object's keys; undefined finds nothing. */
  key(item: unknown): string | undefined;
  /** What `in` answers for a value that is not a list, text or object. */
  notAContainer(container: unknown): boolean;
  /** What `a if b` gives when b is false and there is no else. */
  noElse: unknown;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `'' + value` for plain data: lists join with commas (empty for null), objects read "[object Object]". */
export function jsString(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (Array.isArray(value))
    return value.map((item) => (item === undefined || item === null ? '' : jsString(item))).join(',');
  if (typeof value === 'object') return '[object Object]';
  return String(value);
}

/** What `${{ value }}` writes in a skeleton: nothing for undefined and null, else the value as JavaScript prints it. */
export function outputText(value: unknown): string {
  return value === undefined || value === null ? '' : jsString(value);
}

/** The primitive JavaScript would compare or add: lists and objects become their text. */
export function primitive(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? jsString(value) : value;
}

/** JavaScript's `Number(value)` for plain data. */
export function toNumber(value: unknown): number {
  return Number(primitive(value));
}

/** How a value reads when template.yaml places it in a text: lists join with commas, objects become JSON. */
export function stringify(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(stringify).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** template.yaml's `${{ }}`: a whole-text expression keeps its value, so nothing is forced into a type. */
export const KEEP_VALUES: Coercion = {
  text: stringify,
  adds: (left, right) => typeof left === 'number' && typeof right === 'number',
  key: (item) => (typeof item === 'string' ? item : undefined),
  notAContainer: () => false,
  noElse: undefined,
};

/** Skeletons: nunjucks compiles expressions to JavaScript, so its conversions are JavaScript's. */
export const NUNJUCKS: Coercion = {
  text: jsString,
  adds: (left, right) => typeof primitive(left) !== 'string' && typeof primitive(right) !== 'string',
  key: jsString,
  notAContainer: (container) => {
    throw new TypeError(`"in" needs a list, text or object to search, not ${jsString(container)}`);
  },
  // nunjucks compiles `a if b` without else to `b ? a : ""`.
  noElse: '',
};
