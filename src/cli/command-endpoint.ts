// The running `start`'s door for the other CLI commands. While `start` holds the embedded
// database's folder, `sync`, `ask`, `status`, `locations`, `forget` and `validate --catalog` send their work here and
// it runs in this process, on this store: one writer, and the server sees every change at once.
// Only requests from this machine that show the token from the folder's lock file get in.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { readJsonBody } from '../http-body.js';
import type { Logger } from '../log.js';
import type { SlackApp } from '../slack/index.js';
import { runGitHubSyncCommand } from './github.js';
import type { Callboard } from './open-callboard.js';
import { COMMAND_PATH } from './server-client.js';
import { runFolderSync, type Output } from './sync-command.js';
import { runForget, runLocations } from './locations-command.js';

const MAX_BODY_BYTES = 256 * 1024;
/** An empty line now and then keeps a long sync's connection from looking idle. */
const KEEPALIVE_MS = 20_000;

/** What a command asks for, as the client sends it. */
export type CommandRequest =
  | { command: 'sync'; dirs: string[] }
  | { command: 'sync-github' }
  | { command: 'ask'; text: string }
  | { command: 'known-refs'; refs: string[] }
  | { command: 'locations' }
  | { command: 'forget'; key: string; configured: string[] };

interface CommandEndpointOptions {
  callboard: Callboard;
  slack: () => SlackApp | undefined;
  /** The token announced in the lock file; undefined until `start` serves. */
  token: () => string | undefined;
  logger: Logger;
}

const NO_PROGRESS = { update() {}, stop() {} };

export function commandRoute(options: CommandEndpointOptions): CustomRoute {
  return {
    path: COMMAND_PATH,
    method: 'POST',
    handler: (req, res) => {
      handle(req, res, options).catch((error: unknown) => {
        options.logger.error({ err: error }, 'a CLI command sent to the server failed');
        if (!res.headersSent) sendJson(res, 500, { error: 'the command failed; see the server log' });
        else res.end();
      });
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: CommandEndpointOptions): Promise<void> {
  const address = req.socket.remoteAddress ?? '';
  if (!/^(127\.|::1$|::ffff:127\.)/.test(address)) {
    return sendJson(res, 403, { error: 'commands are taken from this machine only' });
  }
  const token = options.token();
  if (!token) return sendJson(res, 503, { error: 'the server is still starting' });
  if (!sameSecret(req.headers.authorization ?? '', `Bearer ${token}`)) {
    return sendJson(res, 401, { error: 'wrong or missing token' });
  }
  let request: CommandRequest;
  try {
    request = parseRequest(await readJsonBody(req, MAX_BODY_BYTES));
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : 'bad request' });
  }
  const { callboard, logger } = options;
  if (request.command === 'known-refs') {
    const found = await callboard.stores.catalog.entitySummaries(request.refs);
    return sendJson(res, 200, { known: found.map((e) => e.ref) });
  }

  // The command's lines go out as they come, one JSON object a line, then its exit code.
  res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
  const keepalive = setInterval(() => res.write('\n'), KEEPALIVE_MS);
  const output: Output = {
    out: (line) => res.write(`${JSON.stringify({ out: line })}\n`),
    err: (line) => res.write(`${JSON.stringify({ err: line })}\n`),
  };
  let exit = 1;
  try {
    exit = await run(request, callboard, options.slack(), logger, output);
  } catch (error) {
    logger.error({ err: error }, 'a CLI command sent to the server failed');
    output.err(`callboard: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearInterval(keepalive);
    res.end(`${JSON.stringify({ exit })}\n`);
  }
}

async function run(
  request: Exclude<CommandRequest, { command: 'known-refs' }>,
  callboard: Callboard,
  slack: SlackApp | undefined,
  logger: Logger,
  output: Output,
): Promise<number> {
  switch (request.command) {
    case 'sync':
      return runFolderSync(callboard.stores.catalog, request.dirs, output, {
        progress: NO_PROGRESS,
        maxFileBytes: callboard.config.catalogMaxFileBytes,
      });
    case 'sync-github':
      return runGitHubSyncCommand(callboard, logger, output, NO_PROGRESS);
    case 'locations':
      return runLocations(callboard.stores.catalog, output);
    case 'forget':
      return runForget(callboard.stores.catalog, request.key, request.configured, output);
    case 'ask': {
      if (!slack) throw new Error('the server is still starting');
      const answer = await slack.ask(request.text);
      output.out(answer.text || '(no answer)');
      return 0;
    }
  }
}

function parseRequest(body: unknown): CommandRequest {
  const request = (body ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) => Array.isArray(value) && value.every((v) => typeof v === 'string');
  switch (request.command) {
    case 'sync':
      if (strings(request.dirs)) return { command: 'sync', dirs: request.dirs as string[] };
      break;
    case 'sync-github':
      return { command: 'sync-github' };
    case 'ask':
      if (typeof request.text === 'string' && request.text.trim()) return { command: 'ask', text: request.text };
      break;
    case 'known-refs':
      if (strings(request.refs)) return { command: 'known-refs', refs: request.refs as string[] };
      break;
    case 'locations':
      return { command: 'locations' };
    case 'forget':
      if (typeof request.key === 'string' && strings(request.configured))
        return { command: 'forget', key: request.key, configured: request.configured as string[] };
      break;
  }
  throw new Error(
    'send {"command": "sync", "dirs": [...]}, {"command": "sync-github"}, ' +
      '{"command": "ask", "text": "..."}, {"command": "locations"}, ' +
      '{"command": "forget", "key": "...", "configured": [...]} or {"command": "known-refs", "refs": [...]}',
  );
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}
