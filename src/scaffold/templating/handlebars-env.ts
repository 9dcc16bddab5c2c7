// The one Handlebars environment skeletons are rendered with: strict (a missing value is an
// error, not an empty string), only the helpers below (none reads a file, the environment or
// the network), no partials or decorators, and no path that leads to a prototype.
import Handlebars from 'handlebars';
import { FORBIDDEN_PROPERTIES } from './expressions/ast.js';

export class SkeletonRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SkeletonRenderError';
  }
}

type HelperArgs = unknown[];

/** Handlebars passes its options object last; these helpers only want the values. */
function valuesOf(args: HelperArgs): unknown[] {
  return args.slice(0, -1);
}

function text(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const HELPERS: Record<string, (...args: HelperArgs) => unknown> = {
  eq: (...args) => {
    const [a, b] = valuesOf(args);
    return a === b;
  },
  ne: (...args) => {
    const [a, b] = valuesOf(args);
    return a !== b;
  },
  and: (...args) => valuesOf(args).every(Boolean),
  or: (...args) => valuesOf(args).some(Boolean),
  not: (...args) => !valuesOf(args)[0],
  includes: (...args) => {
    const [list, item] = valuesOf(args);
    return Array.isArray(list)
      ? list.includes(item)
      : typeof list === 'string' && typeof item === 'string' && list.includes(item);
  },
  lower: (...args) => text(valuesOf(args)[0]).toLowerCase(),
  upper: (...args) => text(valuesOf(args)[0]).toUpperCase(),
  replace: (...args) => {
    const [s, from, to] = valuesOf(args);
    return text(s).replaceAll(text(from), () => text(to));
  },
  join: (...args) => {
    const [list, separator] = valuesOf(args);
    return Array.isArray(list) ? list.map(text).join(typeof separator === 'string' ? separator : ', ') : text(list);
  },
  /**
   * `{{when values.publish 'release.yml'}}`: the text when the value is set, else nothing. A file
   * name cannot hold `{{/if}}` (it has a '/'), and a name that renders empty leaves the file out.
   */
  when: (...args) => {
    const [condition, then, otherwise] = valuesOf(args);
    return condition ? text(then) : text(otherwise);
  },
  /** JSON of a value: a safe way to put any value into YAML or JSON (`name: {{json values.name}}`). */
  json: (...args) => JSON.stringify(valuesOf(args)[0] ?? null),
  /** `{{{{raw}}}}...{{{{/raw}}}}` keeps its content as written (e.g. GitHub Actions' `${{ }}`). */
  raw: (...args) => (args[args.length - 1] as { fn: () => string }).fn(),
};

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]));
/** Built-ins that look values up by computed name or write to the console. */
const REFUSED_HELPERS = new Set(['lookup', 'log', 'helperMissing', 'blockHelperMissing']);

const environment = Handlebars.create();
for (const name of REFUSED_HELPERS) environment.unregisterHelper(name);
for (const [name, helper] of Object.entries(HELPERS)) environment.registerHelper(name, helper);

interface AstNode {
  type?: string;
  original?: unknown;
  parts?: unknown[];
  loc?: { start: { line: number } };
  path?: AstNode;
  [key: string]: unknown;
}

/** Walks the template's syntax tree before it ever runs, refusing what could escape the values. */
function checkTree(node: unknown, where: string): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const child of node) checkTree(child, where);
    return;
  }
  const n = node as AstNode;
  const line = n.loc ? ` (line ${n.loc.start.line})` : '';
  if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement') {
    throw new SkeletonRenderError(`${where}${line}: partials ({{> ...}}) are not supported in skeletons`);
  }
  if (n.type === 'Decorator' || n.type === 'DecoratorBlock') {
    throw new SkeletonRenderError(`${where}${line}: decorators ({{* ...}}) are not supported in skeletons`);
  }
  if (n.type === 'PathExpression') {
    for (const part of n.parts ?? []) {
      if (typeof part === 'string' && FORBIDDEN_PROPERTIES.has(part)) {
        throw new SkeletonRenderError(
          `${where}${line}: "${String(n.original)}" reads "${part}", which is not a template value`,
        );
      }
    }
  }
  if (
    (n.type === 'MustacheStatement' || n.type === 'BlockStatement' || n.type === 'SubExpression') &&
    n.path?.type === 'PathExpression'
  ) {
    const name = String(n.path.original);
    if (REFUSED_HELPERS.has(name))
      throw new SkeletonRenderError(`${where}${line}: the helper "${name}" is not available in skeletons`);
  }
  for (const [key, child] of Object.entries(n)) {
    if (key !== 'loc') checkTree(child, where);
  }
}

/** Rewords Handlebars' strict-mode and runtime errors for a template author. */
function describe(error: unknown, where: string): SkeletonRenderError {
  const message = error instanceof Error ? error.message : String(error);
  const missing = /^"(.+?)" not defined in .* - (\d+):(\d+)$/s.exec(message);
  if (missing) return new SkeletonRenderError(`${where} (line ${missing[2]}): "${missing[1]}" has no value`);
  const onPrimitive = /Cannot use 'in' operator to search for '(.+?)' in (.*)$/s.exec(message);
  if (onPrimitive)
    return new SkeletonRenderError(`${where}: "${onPrimitive[1]}" cannot be read from the value "${onPrimitive[2]}"`);
  return new SkeletonRenderError(`${where}: ${message.replace(/\s+/g, ' ').trim()}`);
}

const compiled = new Map<string, HandlebarsTemplateDelegate>();

/** Renders one skeleton text (a file's content or its path) with the template values. */
export function renderSkeletonText(source: string, context: Record<string, unknown>, where: string): string {
  let template = compiled.get(source);
  if (!template) {
    try {
      checkTree(environment.parse(source), where);
    } catch (error) {
      if (error instanceof SkeletonRenderError) throw error;
      throw describe(error, where);
    }
    template = environment.compile(source, {
      strict: true,
      knownHelpersOnly: true,
      knownHelpers: KNOWN_HELPERS,
      noEscape: true,
    });
    if (compiled.size > 2000) compiled.clear();
    compiled.set(source, template);
  }
  try {
    return template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  } catch (error) {
    throw describe(error, where);
  }
}
