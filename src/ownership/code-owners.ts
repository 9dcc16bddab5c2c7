// Parses a repository's CODEOWNERS file the way GitHub documents it, and answers who owns a path.
// GitHub's rules: one `pattern owner...` per line, `#` starts a comment, the LAST matching line
// wins (a line with no owners un-owns what it matches), patterns follow gitignore except that
// `!` negation and `[ ]` ranges are not supported (such lines are skipped, as GitHub skips lines
// with invalid syntax), a pattern with a leading or middle `/` is anchored at the repository root,
// and `docs/*` matches the files directly in docs/ but not deeper. Pure: no I/O.

/** One owner as written: a GitHub team, a GitHub user or an email address. */
export type CodeOwner =
  | { kind: 'team'; org: string; slug: string; text: string }
  | { kind: 'user'; login: string; text: string }
  | { kind: 'email'; email: string; text: string };

export interface CodeOwnersRule {
  line: number;
  pattern: string;
  owners: CodeOwner[];
  matches: (path: string) => boolean;
}

interface CodeOwnersProblem {
  line: number;
  message: string;
}

export interface CodeOwnersFile {
  rules: CodeOwnersRule[];
  problems: CodeOwnersProblem[];
}

/** GitHub refuses CODEOWNERS files over 3 MB; the same bound keeps parsing short. */
const MAX_CODE_OWNERS_BYTES = 3 * 1024 * 1024;

const TEAM = /^@([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)$/;
const USER = /^@([A-Za-z0-9][A-Za-z0-9-]*)$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export function parseCodeOwners(text: string): CodeOwnersFile {
  const rules: CodeOwnersRule[] = [];
  const problems: CodeOwnersProblem[] = [];
  const lines = text.slice(0, MAX_CODE_OWNERS_BYTES).split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw).trim();
    if (!content) return;
    const fields = splitFields(content);
    const pattern = fields[0];
    if (pattern.startsWith('!')) {
      problems.push({ line, message: `"${pattern}": GitHub does not support negated patterns; the line is skipped` });
      return;
    }
    if (/[[\]]/.test(pattern.replace(/\\./g, ''))) {
      problems.push({ line, message: `"${pattern}": GitHub does not support [ ] ranges; the line is skipped` });
      return;
    }
    const owners: CodeOwner[] = [];
    for (const text of fields.slice(1)) {
      const owner = readOwner(text);
      if (owner) owners.push(owner);
      else problems.push({ line, message: `"${text}" is not a @user, @org/team or email address` });
    }
    rules.push({ line, pattern, owners, matches: compilePattern(pattern) });
  });
  return { rules, problems };
}

/** The rule that decides a path's owners (the last that matches), or undefined. */
export function ruleFor(file: CodeOwnersFile, path: string): CodeOwnersRule | undefined {
  const clean = path.replace(/^\/+/, '');
  for (let i = file.rules.length - 1; i >= 0; i -= 1) if (file.rules[i].matches(clean)) return file.rules[i];
  return undefined;
}

function readOwner(text: string): CodeOwner | undefined {
  const team = TEAM.exec(text);
  if (team) return { kind: 'team', org: team[1], slug: team[2].toLowerCase(), text };
  const user = USER.exec(text);
  if (user) return { kind: 'user', login: user[1], text };
  if (EMAIL.test(text)) return { kind: 'email', email: text.toLowerCase(), text };
  return undefined;
}

/** A `#` starts a comment unless escaped (`\#`); a pattern may begin with `\#` to mean a literal #. */
function stripComment(line: string): string {
  for (let i = 0; i < line.length; i += 1) {
    if (line[i] === '\\') i += 1;
    else if (line[i] === '#') return line.slice(0, i);
  }
  return line;
}

/** Splits on unescaped whitespace (`\ ` keeps a space in a pattern). */
function splitFields(content: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < content.length; i += 1) {
    const c = content[i];
    if (c === '\\' && i + 1 < content.length) {
      current += c + content[i + 1];
      i += 1;
    } else if (/\s/.test(c)) {
      if (current) fields.push(current);
      current = '';
    } else current += c;
  }
  if (current) fields.push(current);
  return fields;
}

function compilePattern(pattern: string): (path: string) => boolean {
  let body = pattern;
  const directoryOnly = body.endsWith('/');
  if (directoryOnly) body = body.replace(/\/+$/, '');
  const leadingSlash = body.startsWith('/');
  if (leadingSlash) body = body.replace(/^\/+/, '');
  // gitignore: a slash at the start or in the middle anchors the pattern at the root.
  const anchored = leadingSlash || body.includes('/');
  // GitHub: `docs/*` owns docs/a.md but not docs/b/c.md; other patterns also own what is inside.
  const onlyDirectChildren = /(^|\/)\*$/.test(body) && !body.endsWith('**');
  let source = '';
  const segments = body.split('/');
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    source += segment.replace(/\\(.)|(\*)|(\?)|([.+^${}()|\\/])/g, (_m, escaped, star, question, special) => {
      if (escaped !== undefined) return escaped.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      if (star) return '[^/]*';
      if (question) return '[^/]';
      return `\\${special}`;
    });
    if (!last) source += '/';
  });
  const prefix = anchored ? '^' : '^(?:.*/)?';
  const suffix = directoryOnly ? '/.*$' : onlyDirectChildren ? '$' : '(?:/.*)?$';
  if (body === '*' || body === '**') return () => true;
  const regex = new RegExp(prefix + source + suffix);
  return (path) => regex.test(path);
}
