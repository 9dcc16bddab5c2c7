// How nunjucks turns values into text and combines them: JavaScript's own conversions, written
// out for plain data so that no value's methods are ever called.

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

/** What `${{ value }}` writes: nothing for undefined and null, else the value as JavaScript prints it. */
export function outputText(value: unknown): string {
  return value === undefined || value === null ? '' : jsString(value);
}

/** The primitive JavaScript would compare or add: lists and objects become their text. */
export function primitive(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? jsString(value) : value;
}

/** JavaScript's `+`: text when either side is text (after conversion), otherwise a sum. */
export function jsAdd(left: unknown, right: unknown): unknown {
  const a = primitive(left);
  const b = primitive(right);
  if (typeof a === 'string' || typeof b === 'string') return jsString(a) + jsString(b);
  return Number(a) + Number(b);
}

export function jsNumber(value: unknown): number {
  return Number(primitive(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
