// A database error in one line an operator can act on. drizzle wraps every failure in a
// DrizzleQueryError whose message is the SQL and its parameters ("Failed query: CREATE SCHEMA ...
// params: "); the cause it carries is what went wrong: a refused connection, an unknown role or
// database, a PGlite folder that cannot be read. Never the SQL, the parameters or the connection string.

interface ErrorLike {
  message?: string;
  code?: string;
  /** Set by postgres.js on errors the server sent: the server's message names no parameter. */
  severity?: string;
  address?: string;
  port?: number;
  hostname?: string;
  path?: string;
  cause?: unknown;
}

const PGLITE_DAMAGED = 'PGlite failed to initialize properly';

export function describeDbError(error: unknown): string {
  const chain = causes(error);
  for (const link of chain) {
    const described = describeLink(link);
    if (described) return redact(described);
  }
  const plain = [...chain].reverse().find((e) => e.message && !e.message.startsWith('Failed query'));
  return redact(firstLine(plain?.message ?? 'the database failed without saying why'));
}

/** The error and every cause under it, outermost first (a cycle of causes ends the walk). */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && current !== undefined && chain.length < 10 && !chain.includes(current as ErrorLike)) {
    chain.push(typeof current === 'object' ? (current as ErrorLike) : { message: String(current) });
    current = (current as ErrorLike).cause;
  }
  return chain;
}

function describeLink(e: ErrorLike): string | undefined {
  const where = e.address ? `${e.address}${e.port ? `:${e.port}` : ''}` : undefined;
  switch (e.code) {
    case 'ECONNREFUSED':
      return `connection refused on ${where ?? 'the database host'}`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `no such host: ${e.hostname ?? 'the database host'}`;
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
      return `no answer from ${where ?? 'the database host'} in time`;
    case 'ECONNRESET':
      return `the connection to ${where ?? 'the database'} was closed by the other side`;
    case 'EACCES':
    case 'EPERM':
      return `permission denied on ${e.path ?? 'the database folder'}`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${e.path ?? 'the database folder'} is not a folder`;
    case 'ENOENT':
      return `no such file or folder: ${e.path ?? 'the database folder'}`;
    default:
      break;
  }
  if (e.severity && e.message) return firstLine(e.message);
  if (e.message === PGLITE_DAMAGED) {
    return `the PGlite folder is damaged, or is not a PGlite folder (${PGLITE_DAMAGED})`;
  }
  return undefined;
}

function firstLine(text: string): string {
  return text.split('\n')[0].trim();
}

/** A connection string may carry a password. */
function redact(text: string): string {
  return text.replace(/postgres(ql)?:\/\/[^\s]+/g, 'postgres://[redacted]');
}
