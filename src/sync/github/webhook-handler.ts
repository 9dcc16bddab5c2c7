// POST /github/webhook: verifies GitHub's signature with @octokit/webhooks and hands the event to
// the runner. A bad or missing signature gets 401 and changes nothing. The answer (202) goes out
// as soon as the delivery is verified and planned; the reading and writing follow.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Webhooks } from '@octokit/webhooks';
import { readBody } from '../../http-body.js';
import { silentLogger, type Logger } from '../../log.js';
import type { FactsPlan } from '../../sources/github/facts-events.js';
import type { GitHubSync } from './github-sync-runner.js';

export interface WebhookHandlerOptions {
  secret: string;
  sync: GitHubSync;
  /** Scorecards' GitHub facts: a delivery about protection, checks, alerts or a push refreshes its repository's. */
  facts?: { handleEvent(event: string, payload: Record<string, unknown>): FactsPlan };
  /** Default /github/webhook. */
  path?: string;
  logger?: Logger;
}

/** GitHub caps webhook payloads at 25 MB. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

/** Answers the request when it is for the webhook path (true), or leaves it alone (false). */
export type NodeRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export function createGitHubWebhookHandler(options: WebhookHandlerOptions): NodeRequestHandler {
  if (!options.secret) throw new Error('GITHUB_WEBHOOK_SECRET is needed to accept GitHub webhooks');
  const webhooks = new Webhooks({ secret: options.secret });
  const path = options.path ?? '/github/webhook';
  const logger = options.logger ?? silentLogger;

  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return false;
    if (req.method !== 'POST') {
      reply(res, 405, { error: 'GitHub webhooks are POSTed' }, { allow: 'POST' });
      return true;
    }
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      reply(res, 413, { error: error instanceof Error ? error.message : 'payload too large' });
      return true;
    }
    const signature = header(req, 'x-hub-signature-256');
    const event = header(req, 'x-github-event');
    const delivery = header(req, 'x-github-delivery');
    if (!signature || !(await verify(webhooks, body, signature))) {
      logger.warn({ event, delivery }, 'GitHub webhook refused: the signature does not match');
      reply(res, 401, { error: 'signature does not match' });
      return true;
    }
    let payload: Record<string, unknown>;
    try {
      // A hook may be set to send application/x-www-form-urlencoded: `payload=<json>`.
      const json = header(req, 'content-type')?.startsWith('application/x-www-form-urlencoded')
        ? (new URLSearchParams(body).get('payload') ?? '')
        : body;
      payload = JSON.parse(json) as Record<string, unknown>;
    } catch {
      reply(res, 400, { error: 'the payload is not JSON' });
      return true;
    }
    if (!event) {
      reply(res, 400, { error: 'x-github-event is missing' });
      return true;
    }
    if (event === 'ping') {
      reply(res, 200, { ok: true });
      return true;
    }
    try {
      const plan = await options.sync.handleEvent(event, payload);
      const facts = options.facts?.handleEvent(event, payload);
      const factsRead = facts?.kind === 'repository' ? [facts.repository] : facts?.kind === 'organisation' ? ['*'] : [];
      logger.info(
        {
          event,
          delivery,
          read: plan.read,
          gone: plan.gone,
          organisation: plan.organisation,
          ignored: plan.ignoredBecause,
          facts: factsRead,
        },
        'GitHub webhook accepted',
      );
      reply(res, 202, {
        accepted: true,
        read: plan.read,
        gone: plan.gone,
        organisation: plan.organisation,
        ...(factsRead.length ? { facts: factsRead } : {}),
        ...(plan.ignoredBecause ? { ignored: plan.ignoredBecause } : {}),
      });
    } catch (error) {
      logger.error({ event, delivery, err: error }, 'GitHub webhook failed');
      reply(res, 500, { error: 'the event could not be handled' });
    }
    return true;
  };
}

async function verify(webhooks: Webhooks, body: string, signature: string): Promise<boolean> {
  try {
    return await webhooks.verify(body, signature);
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
