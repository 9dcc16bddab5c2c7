// Characters a JavaScript string may hold but Postgres refuses in text and jsonb: NUL (U+0000)
// and UTF-16 surrogates without their pair. One such character in one entity must not make the
// database refuse its whole location, so the catalog finds them before anything is written.
import { childPath } from './field-path.js';
import { isPlainObject } from './formats.js';
import type { EntityProblem } from './problem.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is one of the characters Postgres refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** `text` with every character Postgres refuses replaced by U+FFFD, the replacement character. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, '\uFFFD');
}

function describeCharacter(text: string): string {
  const found = UNSTORABLE.exec(text)![0];
  if (found === '\u0000') return 'a NUL character (U+0000)';
  return `an unpaired UTF-16 surrogate (U+${found.charCodeAt(0).toString(16).toUpperCase()})`;
}

/** A problem for the first key or string of `value` that Postgres could not store; none when all can be. */
export function unstorableTextProblem(value: unknown, path = ''): EntityProblem | undefined {
  if (typeof value === 'string') {
    if (!UNSTORABLE.test(value)) return undefined;
    const field = storableText(path) || undefined;
    const what = `${field ?? 'The document'} contains ${describeCharacter(value)}`;
    return { field, message: `${what}, which the catalog cannot store: remove it` };
  }
  const entries: Array<[string | number, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [index, item])
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, child] of entries) {
    if (typeof key === 'string' && UNSTORABLE.test(key)) {
      const field = storableText(childPath(path, key));
      const what = `The key ${field} contains ${describeCharacter(key)}`;
      return { field, message: `${what}, which the catalog cannot store: remove it` };
    }
    const problem = unstorableTextProblem(child, childPath(path, key));
    if (problem) return problem;
  }
  return undefined;
}
