// Finds what a pasted message names, for "Who owns this?": GitHub URLs (a repository, a file at a
// line, a pull request, an Actions run), `org/repo`, stack-trace file paths in JavaScript, Python,
// Java and Go forms, entity refs and names, PagerDuty service URLs. Pure and bounded: hostile
// input (a 40k-character message, 500 URLs, binary) is cut to fixed budgets, every pattern is
// linear, and the answer says when it stopped reading, so the caller can say so.

export type ThingNamed =
  | { kind: 'repository'; owner: string; repo: string; text: string }
  | { kind: 'file'; owner: string; repo: string; path: string; line?: number; text: string }
  | { kind: 'pull-request'; owner: string; repo: string; number: number; text: string }
  | { kind: 'actions-run'; owner: string; repo: string; runId: string; text: string }
  | { kind: 'stack-frame'; language: 'javascript' | 'python' | 'java' | 'go'; path: string; line: number; text: string }
  | { kind: 'pagerduty-service'; host: string; serviceId: string; text: string }
  | { kind: 'entity-ref'; ref: string; text: string }
  | { kind: 'word'; word: string; text: string };

export interface ThingsNamed {
  things: ThingNamed[];
  /** The message was longer than what is read: the answer should say only the start was read. */
  truncated: boolean;
  /** Characters read. */
  read: number;
}

/** What is read of a message: long enough for a 50-frame trace of any language, short enough to stay well under 50 ms. */
export const MAX_MESSAGE_CHARS = 16_000;
/** URLs looked at: a message with more is a list, and the first ones are what it is about. */
export const MAX_URLS = 60;
/** Things handed on: each becomes lookups in the catalog. */
export const MAX_THINGS = 80;
/** Candidate entity names (each an exact-name lookup in memory). */
const MAX_WORDS = 200;

const URL = /https?:\/\/[^\s<>|"'`()[\]{}]{1,2000}/g;
const GITHUB_PATH = /^\/([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{1,100})(\/.*)?$/;
// Stack frames; each pattern is anchored on a literal and has bounded, non-nested repetition.
const JS_FRAME =
  /\bat (?:[^\s()]{1,300} )?\(?((?:(?:webpack|file):\/\/\/?)?(?:[A-Za-z]:)?[^\s():]{1,400}\.(?:[cm]?[jt]sx?|vue|svelte)):(\d{1,7})(?::\d{1,7})?\)?/g;
const PYTHON_FRAME = /File "([^"\n]{1,400}\.py)", line (\d{1,7})/g;
const JAVA_FRAME =
  /\bat ([A-Za-z_$][\w$]{0,100}(?:\.[A-Za-z_$<][\w$<>]{0,100}){1,30})\(([\w$]{1,200}\.(?:java|kt|scala|groovy)):(\d{1,7})\)/g;
const GO_FRAME = /(?:^|\s)((?:\/|\.\/)?[\w.@+-]{1,200}(?:\/[\w.@+-]{1,200}){0,40}\.go):(\d{1,7})\b/gm;
// `org/repo` standing as a word of its own: a `.` after it only as the end of a sentence, so a Go
// qualified identifier (`net/http.HandlerFunc.ServeHTTP`, `net/http.(*Server).Serve`) is not one.
const SLUG =
  /(?:^|[\s(,;])([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9._-]{0,99}[A-Za-z0-9_-])(?=$|[\s),;:]|[.!?]+(?:$|[\s),;]))/g;
/** A Go package and the exported name it qualifies (`http.HandlerFunc`): lower-case package names are Go's convention. */
const GO_QUALIFIED = /^[a-z][a-z0-9_]*\.[A-Z]/;
const ENTITY_REF =
  /\b(component|api|resource|system|domain|group|user|template|location):(?:([a-z0-9][a-z0-9._-]{0,62})\/)?([a-z0-9][a-z0-9._-]{0,62})\b/gi;
const WORD = /[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+){0,8}/g;
/** The JVM's and its common frameworks' own packages: frames nobody in the organisation owns. */
const JVM_LIBRARIES =
  /^(?:java|javax|jdk|sun|com\.sun|kotlin|kotlinx|scala|org\.springframework|org\.apache|org\.hibernate|io\.netty|reactor)\./;
export const PAGERDUTY_HOST = /(^|\.)pagerduty\.com$/;
/** A PagerDuty service page's path: the service directory (today's) or /services (older links). */
export const PAGERDUTY_SERVICE = /^\/(?:service-directory|services)\/(P[A-Z0-9]{5,7})\b/;

/** Reads a message's text (its own, its attachments' and its blocks', joined by the caller). */
export function thingsNamed(message: string): ThingsNamed {
  const truncated = message.length > MAX_MESSAGE_CHARS;
  // Slack wraps links as <url|label>: keep the url, drop the brackets and label.
  const text = message
    .slice(0, MAX_MESSAGE_CHARS)
    .replace(/<((?:https?|mailto):[^|>\s]{1,2000})(?:\|[^>]{0,500})?>/g, ' $1 ');
  const things: ThingNamed[] = [];
  const seen = new Set<string>();
  const add = (key: string, thing: ThingNamed) => {
    if (things.length >= MAX_THINGS || seen.has(key)) return;
    seen.add(key);
    things.push(thing);
  };

  let urls = 0;
  for (const match of text.matchAll(URL)) {
    if (++urls > MAX_URLS) break;
    readUrl(match[0].replace(/[.,;:!?]+$/, ''), add);
  }
  const withoutUrls = text.replace(URL, ' ');
  for (const m of withoutUrls.matchAll(JS_FRAME)) frame(add, 'javascript', m[1], m[2], m[0]);
  for (const m of withoutUrls.matchAll(PYTHON_FRAME)) frame(add, 'python', m[1], m[2], m[0]);
  for (const m of withoutUrls.matchAll(JAVA_FRAME))
    if (!JVM_LIBRARIES.test(m[1])) frame(add, 'java', javaPath(m[1], m[2]), m[3], m[0]);
  for (const m of withoutUrls.matchAll(GO_FRAME)) frame(add, 'go', m[1], m[2], m[0].trim());
  for (const m of withoutUrls.matchAll(ENTITY_REF)) {
    const ref = `${m[1].toLowerCase()}:${(m[2] ?? 'default').toLowerCase()}/${m[3].toLowerCase()}`;
    add(`ref ${ref}`, { kind: 'entity-ref', ref, text: m[0] });
  }
  for (const m of withoutUrls.matchAll(SLUG)) {
    if (/\.\w{1,5}$/.test(m[2]) && !/\.git$/.test(m[2])) continue; // a file path, not a repository
    if (GO_QUALIFIED.test(m[2])) continue; // `net/http.HandlerFunc` names Go code, not a repository
    const repo = m[2].replace(/\.git$/, '');
    add(`repo ${m[1].toLowerCase()}/${repo.toLowerCase()}`, {
      kind: 'repository',
      owner: m[1],
      repo,
      text: `${m[1]}/${m[2]}`,
    });
  }
  let words = 0;
  for (const m of withoutUrls.matchAll(WORD)) {
    const word = m[0].toLowerCase();
    if (word.length < 3 || word.length > 63 || STOP_WORDS.has(word)) continue;
    if (seen.has(`word ${word}`)) continue;
    if (++words > MAX_WORDS) break;
    add(`word ${word}`, { kind: 'word', word, text: m[0] });
  }
  return { things, truncated, read: text.length };
}

function readUrl(raw: string, add: (key: string, thing: ThingNamed) => void): void {
  let url: URL;
  try {
    url = new globalThis.URL(raw);
  } catch {
    return;
  }
  const host = url.hostname.toLowerCase();
  if (PAGERDUTY_HOST.test(host)) {
    const service = PAGERDUTY_SERVICE.exec(url.pathname);
    if (service) add(`pd ${service[1]}`, { kind: 'pagerduty-service', host, serviceId: service[1], text: raw });
    return;
  }
  if (host !== 'github.com' && host !== 'www.github.com') return;
  const m = GITHUB_PATH.exec(url.pathname);
  if (!m) return;
  const owner = m[1];
  const repo = m[2].replace(/\.git$/, '');
  const rest = (m[3] ?? '').split('/').filter(Boolean);
  const key = `${owner.toLowerCase()}/${repo.toLowerCase()}`;
  if ((rest[0] === 'blob' || rest[0] === 'tree') && rest.length >= 3) {
    const path = decodePath(rest.slice(2).join('/'));
    const line = /^#L(\d{1,7})/.exec(url.hash)?.[1];
    add(`file ${key} ${path}`, {
      kind: 'file',
      owner,
      repo,
      path,
      ...(line ? { line: Number(line) } : {}),
      text: raw,
    });
    return;
  }
  if (rest[0] === 'pull' && /^\d{1,9}$/.test(rest[1] ?? '')) {
    add(`pr ${key} ${rest[1]}`, { kind: 'pull-request', owner, repo, number: Number(rest[1]), text: raw });
    return;
  }
  if (rest[0] === 'actions' && rest[1] === 'runs' && /^\d{1,20}$/.test(rest[2] ?? '')) {
    add(`run ${key} ${rest[2]}`, { kind: 'actions-run', owner, repo, runId: rest[2], text: raw });
    return;
  }
  add(`repo ${key}`, { kind: 'repository', owner, repo, text: raw });
}

function frame(
  add: (key: string, thing: ThingNamed) => void,
  language: 'javascript' | 'python' | 'java' | 'go',
  rawPath: string,
  line: string,
  text: string,
): void {
  const path = normalisePath(rawPath);
  if (!path || /(^|\/)node_modules\/|^node:|^internal\/|(^|\/)site-packages\/|^\/usr\/(local\/)?(lib|go)\//.test(path))
    return; // the runtime's or a dependency's own code is nobody's in this organisation
  add(`frame ${path}`, { kind: 'stack-frame', language, path, line: Number(line), text: text.slice(0, 300) });
}

/** A Java frame names a class, not a file: `com.acme.payments.Charge.run` + `Charge.java` → `com/acme/payments/Charge.java`. */
function javaPath(qualified: string, file: string): string {
  const parts = qualified.split('.');
  const packageParts: string[] = [];
  for (const part of parts) {
    if (/^[A-Z$<]/.test(part)) break;
    packageParts.push(part);
  }
  return [...packageParts, file].join('/');
}

function normalisePath(raw: string): string {
  let path = raw
    .replace(/\\/g, '/')
    .replace(/^file:\/\//, '')
    .replace(/^[A-Za-z]:\//, '/');
  path = path.replace(/^webpack:\/\/\/?(?:[^/]*\/)?/, '');
  return path.replace(/^(\.\/)+/, '');
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Words that are never worth an entity lookup, in the questions people paste. */
const STOP_WORDS = new Set(
  'the and for you who owns own owner this that what with from are was were has have had not but can will any all its our your their there here when where why how please thanks thank hey anyone know does did error exception traceback most recent call last line file http https www com org net'.split(
    ' ',
  ),
);
