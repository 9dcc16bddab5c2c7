// The least of Slack a benchmark needs: a Web API that answers auth.test (Bolt checks the bot
// token once at start), and response_url endpoints that note when each answer arrived; `onApi` hears
// each Web API call (its method and when it arrived), for answers posted with chat.postMessage.
import { createHmac } from 'node:crypto';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackStandIn {
  apiUrl: string;
  /** A fresh response_url and a promise of the time (performance.now()) its first post arrives. */
  responseUrl(): { url: string; arrived: Promise<number> };
  close(): Promise<void>;
}

export async function startSlackStandIn(onApi?: (method: string, at: number) => void): Promise<SlackStandIn> {
  const waiting = new Map<string, (at: number) => void>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.startsWith('/api/')) {
        onApi?.(path.slice('/api/'.length).split('?')[0], performance.now());
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, team_id: 'T0BENCH', user_id: 'U0BOT', bot_id: 'B0BOT' }));
        return;
      }
      const id = path.startsWith('/response/') ? path.slice('/response/'.length) : undefined;
      const arrived = id ? waiting.get(id) : undefined;
      if (arrived) {
        waiting.delete(id!);
        arrived(performance.now());
      }
      res.writeHead(arrived ? 200 : 404).end(arrived ? 'ok' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${base}/api`,
    responseUrl() {
      const id = String(++next);
      return { url: `${base}/response/${id}`, arrived: new Promise((resolve) => waiting.set(id, resolve)) };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface SentCommand {
  status: number;
  /** The acknowledgement's body. */
  answer: string;
  /** performance.now() when the request was sent, and when its acknowledgement arrived. */
  started: number;
  acked: number;
  /** When the answer posted to the response_url arrived (for an acknowledgement without one). */
  arrived: Promise<number>;
}

/** Sends a slash command to `url` signed as Slack signs it, with a response_url on `standIn`. */
export async function sendSlashCommand(
  url: string,
  standIn: SlackStandIn,
  signingSecret: string,
  command: string,
  text: string,
): Promise<SentCommand> {
  const response = standIn.responseUrl();
  const body = new URLSearchParams({
    token: 'unused',
    team_id: 'T0BENCH',
    team_domain: 'bench',
    channel_id: 'C0BENCH',
    channel_name: 'bench',
    user_id: 'U0BENCH',
    user_name: 'bench',
    command,
    text,
    api_app_id: 'A0BENCH',
    is_enterprise_install: 'false',
    response_url: response.url,
    trigger_id: '1.2.3',
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const started = performance.now();
  const reply = await post(url, body, {
    'Content-Type': 'application/x-www-form-urlencoded',
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': signature,
  });
  return { status: reply.status, answer: reply.body, started, acked: performance.now(), arrived: response.arrived };
}

/**
 * Connections kept open between requests, as Slack's own client keeps them: a figure is the
 * app's answer, not a TCP handshake. node:http rather than fetch: in the same process as the app,
 * fetch's own work (undici's streams and promises) was a share of each figure.
 */
const keepAlive = new Agent({ keepAlive: true });

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', agent: keepAlive, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}
