// nunjucks' built-in filters as Backstage's skeletons see them (autoescape off), rewritten for
// plain data and checked against the real nunjucks in tests, plus Backstage's own filters
// (parseRepoUrl, parseEntityRef, pick, projectSlug). None calls a method of a value it is given.
import { FORBIDDEN_PROPERTIES } from '../expressions/ast.js';
import { applyFilter as applyBackstageFilter } from '../expressions/filters.js';
import { applyTest } from '../expressions/tests.js';
import { isPlainObject, jsString, outputText } from '../expressions/coercion.js';

type Filter = (input: unknown, args: unknown[]) => unknown;

/** nunjucks' `normalize`: null, undefined and false read as the default. */
function normalize(value: unknown, fallback: unknown): unknown {
  return value === null || value === undefined || value === false ? fallback : value;
}

function needText(filter: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`the filter "${filter}" needs a text, but got ${describe(value)}`);
}

function needList(filter: string, value: unknown): unknown[] | string {
  if (Array.isArray(value) || typeof value === 'string') return value;
  throw new TypeError(`the filter "${filter}" needs a list, but got ${describe(value)}`);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (undefined)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${jsString(value)}`;
}

function attribute(item: unknown, name: unknown): unknown {
  if (item === null || item === undefined || typeof item !== 'object') return undefined;
  const key = jsString(name);
  if (FORBIDDEN_PROPERTIES.has(key) || !Object.hasOwn(item, key)) return undefined;
  return (item as Record<string, unknown>)[key];
}

function capitalize(value: unknown): string {
  const lower = needText('capitalize', normalize(value, '')).toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function replace(input: unknown, [from, to, maxCount]: unknown[]): unknown {
  let old = from;
  if (typeof old === 'number') old = String(old);
  else if (typeof old !== 'string') return input;
  const str = typeof input === 'number' ? String(input) : input;
  if (typeof str !== 'string') return input;
  const replacement = jsString(to);
  if (old === '') return replacement + str.split('').join(replacement) + replacement;
  const limit = maxCount === undefined ? -1 : Number(maxCount);
  let next = str.indexOf(old as string);
  if (limit === 0 || next === -1) return str;
  let out = '';
  let pos = 0;
  let count = 0;
  while (next > -1 && (limit === -1 || count < limit)) {
    out += str.substring(pos, next) + replacement;
    pos = next + (old as string).length;
    count++;
    next = str.indexOf(old as string, pos);
  }
  if (pos < str.length) out += str.substring(pos);
  return out;
}

function compareForSort(a: unknown, b: unknown, reversed: boolean): number {
  if ((a as number) < (b as number)) return reversed ? 1 : -1;
  if ((a as number) > (b as number)) return reversed ? -1 : 1;
  return 0;
}

function sort(input: unknown, [reversed, caseSensitive, attr]: unknown[]): unknown[] {
  const list = [...needList('sort', input)];
  return list.sort((a, b) => {
    let x = attr ? attribute(a, attr) : a;
    let y = attr ? attribute(b, attr) : b;
    if (!caseSensitive && typeof x === 'string' && typeof y === 'string') {
      x = x.toLowerCase();
      y = y.toLowerCase();
    }
    return compareForSort(x, y, Boolean(reversed));
  });
}

function htmlEscape(text: string): string {
  return text.replace(
    /[&"'<>\\]/g,
    (c) => ({ '&': '&amp;', '"': '&quot;', "'": '&#39;', '<': '&lt;', '>': '&gt;', '\\': '&#92;' })[c]!,
  );
}

const FILTERS: Record<string, Filter> = {
  abs: (v) => Math.abs(v as number),
  batch: (input, [size, fill]) => {
    const list = needList('batch', input);
    const out: unknown[][] = [];
    let row: unknown[] = [];
    for (let i = 0; i < list.length; i++) {
      if (i % (size as number) === 0 && row.length) {
        out.push(row);
        row = [];
      }
      row.push(list[i]);
    }
    if (row.length) {
      if (fill) for (let i = row.length; i < (size as number); i++) row.push(fill);
      out.push(row);
    }
    return out;
  },
  capitalize: (v) => capitalize(v),
  center: (input, [width]) => {
    const str = needText('center', normalize(input, ''));
    const w = (width as number) || 80;
    if (str.length >= w) return str;
    const spaces = w - str.length;
    return ' '.repeat(Math.max(0, spaces / 2 - (spaces % 2))) + str + ' '.repeat(Math.max(0, spaces / 2));
  },
  default: (value, [fallback, orFalsy]) => (orFalsy ? value || fallback : value !== undefined ? value : fallback),
  dictsort: (input, [caseSensitive, by]) => {
    if (!isPlainObject(input)) throw new TypeError('the filter "dictsort" needs an object');
    const index = by === undefined || by === 'key' ? 0 : by === 'value' ? 1 : -1;
    if (index === -1) throw new TypeError('dictsort sorts by "key" or "value"');
    return Object.entries(input).sort((p, q) => {
      let a = p[index];
      let b = q[index];
      if (!caseSensitive) {
        if (typeof a === 'string') a = a.toUpperCase();
        if (typeof b === 'string') b = b.toUpperCase();
      }
      return (a as number) > (b as number) ? 1 : a === b ? 0 : -1;
    });
  },
  dump: (input, [spaces]) => JSON.stringify(input, null, spaces as number | undefined),
  escape: (input) => htmlEscape(outputText(input)),
  first: (input) => needList('first', input)[0],
  float: (input, [fallback]) => {
    const n = Number.parseFloat(jsString(input));
    return Number.isNaN(n) ? fallback : n;
  },
  forceescape: (input) => htmlEscape(outputText(input)),
  indent: (input, [width, first]) => {
    const str = needText('indent', normalize(input, ''));
    if (str === '') return '';
    const pad = ' '.repeat((width as number) || 4);
    return str
      .split('\n')
      .map((line, i) => (i === 0 && !first ? line : pad + line))
      .join('\n');
  },
  int: (input, [fallback, base]) => {
    const n = Number.parseInt(jsString(input), base === undefined ? 10 : (base as number));
    return Number.isNaN(n) ? fallback : n;
  },
  join: (input, [separator, attr]) => {
    if (!Array.isArray(input)) throw new TypeError(`the filter "join" needs a list, but got ${describe(input)}`);
    const list = attr ? input.map((item) => attribute(item, attr)) : input;
    return list
      .map((item) => (item === undefined || item === null ? '' : jsString(item)))
      .join(separator ? jsString(separator) : '');
  },
  last: (input) => {
    const list = needList('last', input);
    return list[list.length - 1];
  },
  length: (input) => {
    const value = normalize(input, '');
    if (isPlainObject(value)) return Object.keys(value).length;
    return typeof value === 'string' || Array.isArray(value) ? value.length : undefined;
  },
  list: (input) => {
    if (typeof input === 'string') return input.split('');
    if (Array.isArray(input)) return input;
    if (isPlainObject(input)) return Object.entries(input).map(([key, value]) => ({ key, value }));
    throw new TypeError('the filter "list" needs a text, list or object');
  },
  lower: (input) => needText('lower', normalize(input, '')).toLowerCase(),
  nl2br: (input) =>
    input === null || input === undefined ? '' : needText('nl2br', input).replace(/\r\n|\n/g, '<br />\n'),
  reject: (input, [test, arg]) =>
    needListArray('reject', input).filter(
      (item) => !applyTest(test === undefined ? 'truthy' : String(test), item, [arg]),
    ),
  rejectattr: (input, [attr]) => needListArray('rejectattr', input).filter((item) => !attribute(item, attr)),
  replace,
  reverse: (input) => {
    if (typeof input === 'string') return input.split('').reverse().join('');
    return [...needList('reverse', input)].reverse();
  },
  round: (input, [precision, method]) => {
    const factor = 10 ** ((precision as number) || 0);
    const rounder = method === 'ceil' ? Math.ceil : method === 'floor' ? Math.floor : Math.round;
    return rounder((input as number) * factor) / factor;
  },
  safe: (input) => outputText(input),
  select: (input, [test, arg]) =>
    needListArray('select', input).filter((item) =>
      applyTest(test === undefined ? 'truthy' : String(test), item, [arg]),
    ),
  selectattr: (input, [attr]) => needListArray('selectattr', input).filter((item) => Boolean(attribute(item, attr))),
  slice: (input, [slices, fill]) => {
    const list = needList('slice', input);
    const count = slices as number;
    const size = Math.floor(list.length / count);
    const extra = list.length % count;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < count; i++) {
      const start = offset + i * size;
      if (i < extra) offset++;
      const part = [...list.slice(start, offset + (i + 1) * size)];
      if (fill && i >= extra) part.push(fill);
      out.push(part);
    }
    return out;
  },
  sort,
  string: (input) => {
    if (input === undefined || input === null)
      throw new TypeError(`the filter "string" cannot convert ${describe(input)}`);
    return jsString(input);
  },
  striptags: (input, [keepLines]) => {
    const str = needText('striptags', normalize(input, ''));
    const trimmed = str.replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->/gi, '').trim();
    if (keepLines) {
      return trimmed
        .replace(/^ +| +$/gm, '')
        .replace(/ +/g, ' ')
        .replace(/(\r\n)/g, '\n')
        .replace(/\n\n\n+/g, '\n\n');
    }
    return trimmed.replace(/\s+/gi, ' ');
  },
  sum: (input, [attr, start]) => {
    const list = needListArray('sum', input);
    const values = attr ? list.map((item) => attribute(item, attr)) : list;
    return (
      (start === undefined ? 0 : (start as number)) + (values.reduce((a: number, b) => a + (b as number), 0) as number)
    );
  },
  title: (input) =>
    needText('title', normalize(input, ''))
      .split(' ')
      .map((word) => capitalize(word))
      .join(' '),
  trim: (input) => needText('trim', input).replace(/^\s*|\s*$/g, ''),
  truncate: (input, [length, killWords, end]) => {
    let str = needText('truncate', normalize(input, ''));
    const max = (length as number) || 255;
    if (str.length <= max) return str;
    if (killWords) {
      str = str.substring(0, max);
    } else {
      let at = str.lastIndexOf(' ', max);
      if (at === -1) at = max;
      str = str.substring(0, at);
    }
    return str + (end !== undefined && end !== null ? jsString(end) : '...');
  },
  upper: (input) => needText('upper', normalize(input, '')).toUpperCase(),
  urlencode: (input) => {
    if (typeof input === 'string') return encodeURIComponent(input);
    const pairs = Array.isArray(input) ? (input as unknown[][]) : isPlainObject(input) ? Object.entries(input) : [];
    return pairs.map(([k, v]) => `${encodeURIComponent(jsString(k))}=${encodeURIComponent(jsString(v))}`).join('&');
  },
  wordcount: (input) => {
    const str = needText('wordcount', normalize(input, ''));
    return str ? (str.match(/\w+/g)?.length ?? null) : null;
  },
};
FILTERS.d = FILTERS.default;
FILTERS.e = FILTERS.escape;

function needListArray(filter: string, value: unknown): unknown[] {
  const list = needList(filter, value);
  return typeof list === 'string' ? list.split('') : list;
}

/** Backstage's scaffolder filters, shared with template.yaml's expressions. */
const BACKSTAGE_FILTERS = new Set(['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug']);

export function applyNunjucksFilter(name: string, input: unknown, args: unknown[]): unknown {
  if (BACKSTAGE_FILTERS.has(name)) return applyBackstageFilter(name, input, args);
  if (!Object.hasOwn(FILTERS, name)) throw new TypeError(`there is no filter named "${name}"`);
  return FILTERS[name](input, args);
}
