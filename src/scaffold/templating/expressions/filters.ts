// The filters expressions may apply (`${{ parameters.repoUrl | parseRepoUrl }}`): Backstage's
// scaffolder filters and the nunjucks built-ins templates use most. All are pure.
import { parseEntityRef } from '../../../catalog/refs.js';
import { parseRepoUrl, projectSlug } from '../../repo-url.js';
import { FORBIDDEN_PROPERTIES } from './ast.js';
import { stringify } from './coercion.js';

type Filter = (input: unknown, args: unknown[]) => unknown;

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : stringify(value);
}

function plainCopy(value: object): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const FILTERS: Record<string, Filter> = {
  parseRepoUrl: (input) => plainCopy(parseRepoUrl(input)),
  projectSlug: (input) => projectSlug(input),
  parseEntityRef: (input, [defaults]) => {
    const d = (defaults && typeof defaults === 'object' ? defaults : {}) as {
      defaultKind?: unknown;
      defaultNamespace?: unknown;
    };
    return plainCopy(
      parseEntityRef(input as string, {
        defaultKind: typeof d.defaultKind === 'string' ? d.defaultKind : undefined,
        defaultNamespace: typeof d.defaultNamespace === 'string' ? d.defaultNamespace : undefined,
      }),
    );
  },
  pick: (input, [key]) => {
    if (input === null || typeof input !== 'object' || typeof key !== 'string' || FORBIDDEN_PROPERTIES.has(key))
      return undefined;
    return Object.hasOwn(input, key) ? (input as Record<string, unknown>)[key] : undefined;
  },
  dump: (input) => JSON.stringify(input ?? null),
  lower: (input) => asText(input).toLowerCase(),
  upper: (input) => asText(input).toUpperCase(),
  capitalize: (input) => {
    const s = asText(input);
    return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
  },
  title: (input) => asText(input).replace(/\b\w/g, (c) => c.toUpperCase()),
  trim: (input) => asText(input).trim(),
  replace: (input, [from, to]) => asText(input).replaceAll(asText(from), () => asText(to)),
  join: (input, [separator]) =>
    Array.isArray(input) ? input.map(stringify).join(separator === undefined ? '' : asText(separator)) : asText(input),
  default: (input, [fallback, orFalsy]) =>
    (orFalsy ? !input : input === undefined || input === null) ? fallback : input,
  length: (input) =>
    typeof input === 'string' || Array.isArray(input)
      ? input.length
      : input && typeof input === 'object'
        ? Object.keys(input).length
        : 0,
  first: (input) => (typeof input === 'string' || Array.isArray(input) ? input[0] : undefined),
  last: (input) => (typeof input === 'string' || Array.isArray(input) ? input[input.length - 1] : undefined),
  string: (input) => asText(input),
  int: (input) => {
    const n = Number.parseInt(asText(input), 10);
    return Number.isNaN(n) ? 0 : n;
  },
  float: (input) => {
    const n = Number.parseFloat(asText(input));
    return Number.isNaN(n) ? 0 : n;
  },
  urlencode: (input) => encodeURIComponent(asText(input)),
  reverse: (input) => (Array.isArray(input) ? [...input].reverse() : [...asText(input)].reverse().join('')),
  sort: (input) => (Array.isArray(input) ? [...input].sort() : input),
  slugify: (input) =>
    asText(input)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, ''),
};

export const KNOWN_FILTERS = new Set(Object.keys(FILTERS));

export function applyFilter(name: string, input: unknown, args: unknown[]): unknown {
  if (!Object.hasOwn(FILTERS, name)) throw new TypeError(`there is no filter named "${name}"`);
  return FILTERS[name](input, args);
}
