// The plumbing the fake on-call providers share: a local HTTP server that records every request
// (method, path, query, headers, JSON body), can hold requests unanswered (a provider that hangs)
// or answer the next ones with 429 and Retry-After, and closes without waiting on held requests.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body?: unknown;
}

export interface JsonAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type Route = (request: RecordedRequest) => JsonAnswer | Promise<JsonAnswer>;

export class FakeHttpServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests held unanswered while true; released (and answered) when set false again. */
  private holding = false;
  private held: Array<() => void> = [];
  private limited: Array<{ retryAfter: string; body: unknown }> = [];
  /** Milliseconds every answer waits (the bench's slow provider). */
  delayMs = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(route: Route): Promise<FakeHttpServer> {
    let fake: FakeHttpServer | undefined;
    const server = createServer((req, res) => {
      void fake!.handle(req, res, route);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeHttpServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  /** Stop answering (true) until told otherwise (false), when held requests are answered. */
  hang(on: boolean): void {
    this.holding = on;
    if (!on) for (const release of this.held.splice(0)) release();
  }

  /** The next request is answered 429 with this Retry-After (seconds) and body. */
  rateLimitNext(retryAfterSeconds: number, body: unknown): void {
    this.limited.push({ retryAfter: String(retryAfterSeconds), body });
  }

  requestsTo(path: string | RegExp): RecordedRequest[] {
    return this.requests.filter((r) => (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse, route: Route): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
    };
    this.requests.push(request);
    if (this.holding) await new Promise<void>((resolve) => this.held.push(resolve));
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    const limit = this.limited.shift();
    const answer = limit
      ? { status: 429, body: limit.body, headers: { 'Retry-After': limit.retryAfter } }
      : await route(request);
    if (res.destroyed) return;
    res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }
}
