// Backstage's $text / $json / $yaml placeholders: a mapping with exactly one such key is
// replaced by what its target holds. Reading is the caller's job (this module does no I/O).
import type { ExpansionBudget } from './expansion-budget.js';
import { childPath } from './field-path.js';
import { isPlainObject } from './formats.js';
import type { EntityProblem } from './problem.js';

export type PlaceholderKind = '$text' | '$json' | '$yaml';

/**
 * Returns the value to put in place of the placeholder: the text for `$text`, the parsed data
 * for `$json` and `$yaml`. `target` is as written (a relative path or an absolute URL); `file`
 * is the catalog file it was written in. Throw when the target cannot be read.
 */
export type PlaceholderResolver = (kind: PlaceholderKind, target: string, file: string) => unknown;

export interface PlaceholderContext {
  file: string;
  /** The file's browsable URL: a relative target becomes a URL beside it when it cannot be read. */
  url?: string;
  resolve?: PlaceholderResolver;
  /** What the file may still grow by: every substituted value is charged to it. */
  budget?: ExpansionBudget;
}

const PLACEHOLDER_KINDS: readonly string[] = ['$text', '$json', '$yaml'];

function isAbsoluteUrl(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(target);
}

/** What to keep when the target cannot be read here: its URL, so a reader can still follow it. */
function unreadTarget(target: string, context: PlaceholderContext): string {
  if (isAbsoluteUrl(target) || !context.url) return target;
  try {
    return new URL(target, context.url).href;
  } catch {
    return target;
  }
}

/**
 * The target was read but would take the file over its expansion budget: a problem whatever the
 * target looks like (a URL too), never a link left in place.
 */
class PlaceholderRefusedError extends Error {}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function substitute(
  kind: PlaceholderKind,
  target: unknown,
  path: string,
  context: PlaceholderContext,
  problems: EntityProblem[],
): unknown {
  if (typeof target !== 'string') {
    problems.push({ field: path, message: `${path}: ${kind} needs a string, a relative path or an absolute URL` });
    return undefined;
  }
  if (/^file:/i.test(target)) {
    // A file: URL names a path on whichever machine reads the catalog: never read, never kept.
    const advice = 'write a path relative to the catalog file';
    const message = `${path}: ${kind} ${target} is a file: URL, which is never read (${advice})`;
    problems.push({ field: path, message });
    return undefined;
  }
  if (!context.resolve) return unreadTarget(target, context);
  try {
    const value = context.resolve(kind, target, context.file);
    if (value === undefined) throw new Error('nothing was read');
    const refused = context.budget?.charge(value);
    if (refused) throw new PlaceholderRefusedError(refused);
    return value;
  } catch (error) {
    // A remote target that cannot be fetched stays a link; a file beside the catalog file that
    // cannot be read is a mistake in the catalog, as it is in Backstage.
    if (isAbsoluteUrl(target) && !(error instanceof PlaceholderRefusedError)) return target;
    problems.push({ field: path, message: `${path}: could not read ${kind} ${target}: ${reasonOf(error)}` });
    return undefined;
  }
}

function walk(value: unknown, path: string, context: PlaceholderContext, problems: EntityProblem[]): unknown {
  if (Array.isArray(value)) return value.map((item, index) => walk(item, childPath(path, index), context, problems));
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.some((key) => key.startsWith('$'))) {
    // Only a lone, known placeholder key is substituted. Anything else with a `$` key (a JSON
    // Schema `$ref` in template parameters, say) is left exactly as written.
    if (keys.length === 1 && PLACEHOLDER_KINDS.includes(keys[0])) {
      return substitute(keys[0] as PlaceholderKind, value[keys[0]], path, context, problems);
    }
    return value;
  }
  return Object.fromEntries(keys.map((key) => [key, walk(value[key], childPath(path, key), context, problems)]));
}

/** The document with its placeholders substituted, and a problem for each that could not be. */
export function substitutePlaceholders(
  document: unknown,
  context: PlaceholderContext,
): { value: unknown; problems: EntityProblem[] } {
  const problems: EntityProblem[] = [];
  const value = walk(document, '', context, problems);
  return { value, problems };
}
