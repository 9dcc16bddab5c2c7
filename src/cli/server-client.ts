// Sends a CLI command's work to the running `start` that holds the embedded database, and prints
// its lines as they come. A server that does not answer is said so, in one line, with what to do.
import type { CommandRequest } from './command-endpoint.js';
import type { LockHolder } from './data-dir-lock.js';
import type { Output } from './sync-command.js';

/** Where the running server takes CLI commands (local requests carrying the lock's token only). */
export const COMMAND_PATH = '/callboard/command';

/** The holder's server cannot take the command; the message says why and what to do. */
export class ServerUnavailableError extends Error {
  constructor(holder: LockHolder, dataDir: string, why: string) {
    super(
      `\`callboard start\` (pid ${holder.pid}) holds ${dataDir} but ${why}; ` +
        `wait for it, or stop it (kill ${holder.pid}) and run this again`,
    );
    this.name = 'ServerUnavailableError';
  }
}

/** A holder that serves: `start`, once it listens. */
export type Served = LockHolder & { port: number; token: string };

export function isServing(holder: LockHolder): holder is Served {
  return holder.port !== undefined && holder.token !== undefined;
}

/** A server that has not begun to answer by then is stuck (or stopped): say so rather than hang. */
const ANSWER_TIMEOUT_MS = 15_000;
/** The server sends at least an empty line every 20 s while it works; silence this long means it is gone. */
const SILENCE_TIMEOUT_MS = 90_000;

async function post(holder: Served, dataDir: string, request: CommandRequest, idle: Idle): Promise<Response> {
  let response: Response;
  idle.arm(ANSWER_TIMEOUT_MS);
  try {
    response = await fetch(`http://127.0.0.1:${holder.port}${COMMAND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${holder.token}` },
      body: JSON.stringify(request),
      signal: idle.signal,
    });
  } catch {
    idle.disarm();
    throw new ServerUnavailableError(holder, dataDir, `does not answer on port ${holder.port}`);
  }
  if (!response.ok) {
    idle.disarm();
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    const why = body.error ?? `HTTP ${response.status}`;
    throw new ServerUnavailableError(holder, dataDir, `refused the command (${why})`);
  }
  return response;
}

/** Aborts a request that has been silent too long. */
class Idle {
  private readonly controller = new AbortController();
  private timer?: NodeJS.Timeout;
  readonly signal = this.controller.signal;
  arm(ms: number): void {
    this.disarm();
    this.timer = setTimeout(() => this.controller.abort(), ms);
  }
  disarm(): void {
    clearTimeout(this.timer);
  }
}

/** Runs `request` in the server, printing its lines; resolves to its exit code. */
export async function runInServer(
  holder: Served,
  dataDir: string,
  request: CommandRequest,
  output: Output,
): Promise<number> {
  const idle = new Idle();
  const response = await post(holder, dataDir, request, idle);
  let exit: number | undefined;
  let pending = '';
  const take = (line: string) => {
    if (!line.trim()) return;
    const message = JSON.parse(line) as { out?: string; err?: string; exit?: number };
    if (message.out !== undefined) output.out(message.out);
    if (message.err !== undefined) output.err(message.err);
    if (message.exit !== undefined) exit = message.exit;
  };
  const decoder = new TextDecoder();
  try {
    idle.arm(SILENCE_TIMEOUT_MS);
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      idle.arm(SILENCE_TIMEOUT_MS);
      pending += decoder.decode(chunk, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop()!;
      lines.forEach(take);
    }
    take(pending);
  } catch {
    // The connection broke or fell silent: the exit code never came, said below.
  } finally {
    idle.disarm();
  }
  if (exit === undefined) {
    output.err(
      'callboard: the server stopped answering before the command finished; ' +
        'what it wrote is kept, run the command again to see the rest',
    );
    return 1;
  }
  return exit;
}

/** Which of `refs` the server's catalog holds. */
export async function knownRefsInServer(holder: Served, dataDir: string, refs: string[]): Promise<Set<string>> {
  const idle = new Idle();
  const response = await post(holder, dataDir, { command: 'known-refs', refs }, idle);
  try {
    const body = (await response.json()) as { known?: string[] };
    return new Set(body.known ?? []);
  } catch {
    throw new ServerUnavailableError(holder, dataDir, 'stopped answering');
  } finally {
    idle.disarm();
  }
}
