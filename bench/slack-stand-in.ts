// The least of Slack a benchmark needs: a Web API that answers auth.test (Bolt checks the bot
// token once at start), and response_url endpoints that note when each answer arrived.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackStandIn {
  apiUrl: string;
  /** A fresh response_url and a promise of the time (performance.now()) its first post arrives. */
  responseUrl(): { url: string; arrived: Promise<number> };
  close(): Promise<void>;
}

export async function startSlackStandIn(): Promise<SlackStandIn> {
  const waiting = new Map<string, (at: number) => void>();
  let next = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = req.url ?? '';
      if (path.startsWith('/api/')) {
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
