// A response_url for requests that do not come from Slack: a loopback HTTP endpoint that keeps
// what the app posts to it, so that local requests take the very same respond() path as Slack's.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class ResponseCatcher {
  private server?: Promise<Server>;
  private readonly received = new Map<string, unknown[]>();
  private next = 0;

  /** A fresh response_url and the list its posts will be added to. */
  async open(): Promise<{ url: string; posts: unknown[]; done: () => void }> {
    this.server ??= this.listen();
    const server = await this.server;
    const id = String(++this.next);
    const posts: unknown[] = [];
    this.received.set(id, posts);
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}/respond/${id}`, posts, done: () => this.received.delete(id) };
  }

  async close(): Promise<void> {
    const pending = this.server;
    this.server = undefined;
    if (!pending) return;
    const server = await pending;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(): Promise<Server> {
    const server = createServer((req, res) => {
      const id = /^\/respond\/(\d+)$/.exec(req.url ?? '')?.[1];
      const posts = id ? this.received.get(id) : undefined;
      if (req.method !== 'POST' || !posts) {
        res.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          posts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
        } catch {
          res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_payload');
        }
      });
    });
    // Never keeps `callboard ask` alive after its answer.
    server.unref();
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve(server));
    });
  }
}
