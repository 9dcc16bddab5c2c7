// A local Slack for tests: the Web API methods Callboard (and Bolt) call, answered over real HTTP
// in Slack's wire format (form-encoded requests, `{ ok, error }` JSON answers, Bearer tokens,
// scopes), plus response_url endpoints. Everything it is asked is recorded for tests to read.
// Point @slack/web-api at `apiUrl` (Bolt: clientOptions.slackApiUrl, Callboard: SLACK_API_URL).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSlackSocket } from './fake-slack-socket.js';
import { METHODS, type Answer, type Args, type FakeSlackUser, type FakeWorkspace } from './fake-slack-methods.js';
import { blockProblems } from './slack-block-rules.js';

export interface FakeSlackOptions {
  botToken?: string;
  /** The app-level token Socket Mode connects with (apps.connections.open). */
  appToken?: string;
  /** Scopes granted to the bot token (default: every scope the fake knows). */
  scopes?: string[];
  users?: FakeSlackUser[];
  channels?: Array<{ id: string; name: string; isPrivate?: boolean }>;
  /** Slack user groups (usergroups.users.list): id -> member user ids. */
  userGroups?: Record<string, string[]>;
}

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  ok: boolean;
  error?: string;
  /** What the fake answered (without `ok`). */
  answer: Record<string, unknown>;
}

export interface RecordedResponse {
  /** The response_url's id (the last part of its path). */
  id: string;
  body: Record<string, unknown>;
  ok: boolean;
  error?: string;
}

export type { FakeSlackUser };
export { FAKE_SLACK_METHOD_SCOPES } from './fake-slack-methods.js';

export const FAKE_BOT_TOKEN = 'xoxb-fake-bot-token';
export const FAKE_APP_TOKEN = 'xapp-1-fake-app-token';

/** Fields @slack/web-api sends as JSON strings inside a form body. */
const JSON_FIELDS = ['blocks', 'attachments', 'view', 'metadata', 'unfurls'];

const ALL_SCOPES = [
  'commands',
  'chat:write',
  'users:read',
  'users:read.email',
  'channels:read',
  'groups:read',
  'usergroups:read',
  'im:write',
  'mpim:write',
  'links:write',
];

export class FakeSlack implements FakeWorkspace {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly botToken: string;
  readonly appToken: string;
  /** The Socket Mode side: what a connected app is sent, and how it acknowledged. */
  readonly socket = new FakeSlackSocket();
  readonly scopes: Set<string>;
  readonly users: FakeSlackUser[];
  readonly userGroups: Record<string, string[]>;
  private readonly channels: NonNullable<FakeSlackOptions['channels']>;
  private readonly views = new Map<string, { hash: string; view: Args }>();
  private readonly failures = new Map<string, Array<string | undefined>>();
  private readonly rateLimits = new Map<string, number[]>();
  private readonly gone = new Set<string>();
  private readonly directMessages = new Map<string, string>();
  private readonly holds = new Map<string, Array<Promise<void> | undefined>>();
  /** Methods of calls being held unanswered right now (see holdNext). */
  readonly heldCalls: string[] = [];
  private counter = 0;
  private base = '';

  private constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    this.botToken = options.botToken ?? FAKE_BOT_TOKEN;
    this.appToken = options.appToken ?? FAKE_APP_TOKEN;
    this.scopes = new Set(options.scopes ?? ALL_SCOPES);
    this.users = options.users ?? [];
    this.userGroups = options.userGroups ?? {};
    this.channels = options.channels ?? [];
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      void fake!.handle(req, res);
    });
    fake = new FakeSlack(server, options);
    server.on('upgrade', (req, socket) => {
      if (new URL(req.url ?? '/', 'http://fake').pathname === '/link') fake!.socket.upgrade(req, socket);
      else socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** Slack's Web API base, with its trailing slash as @slack/web-api expects. */
  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** A fresh response_url, as Slack puts in each slash command and interaction. */
  responseUrl(): string {
    return `${this.base}/response/${++this.counter}`;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(url: string): RecordedResponse[] {
    const id = url.slice(url.lastIndexOf('/') + 1);
    return this.responses.filter((r) => r.id === id);
  }

  /** Makes the next call of `method` fail with Slack's `error` code (`after`: that many calls answer first). */
  failNext(method: string, error: string, options: { after?: number } = {}): void {
    const passing = Array.from({ length: options.after ?? 0 }, () => undefined);
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...passing, error]);
  }

  /**
   * Answers the next call of `method` as Slack does when over a rate limit: HTTP 429 with a
   * Retry-After header (seconds) and `{ ok: false, error: 'ratelimited' }`. Nothing is done.
   */
  rateLimitNext(method: string, retryAfterSeconds: number): void {
    this.rateLimits.set(method, [...(this.rateLimits.get(method) ?? []), retryAfterSeconds]);
  }

  /** Deletes a channel: posting to it answers channel_not_found from now on. */
  removeChannel(id: string): void {
    this.gone.add(id);
  }

  /**
   * Holds the next call of `method` unanswered until the returned function is called: Slack
   * being slow, which keeps an answer in flight for as long as a test needs.
   */
  holdNext(method: string, options: { after?: number } = {}): () => void {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // `after`: that many calls go through first (a replica that dies on its second post).
    const passing = Array.from({ length: options.after ?? 0 }, () => undefined);
    this.holds.set(method, [...(this.holds.get(method) ?? []), ...passing, held]);
    return release;
  }

  /** Resolves with `probe()`'s first truthy value (the app answers after its ack). */
  async waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`fake Slack: gave up waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** @internal */ socketUrl(): string {
    return `${this.base.replace(/^http/, 'ws')}/link?ticket=${++this.counter}`;
  }

  close(): Promise<void> {
    this.socket.close();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  // --- the wire --------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.base).pathname;
    const raw = await readBody(req);
    if (req.method === 'POST' && path.startsWith('/api/'))
      return this.apiCall(path.slice('/api/'.length), req, raw, res);
    if (req.method === 'POST' && path.startsWith('/response/'))
      return this.responsePost(path.slice('/response/'.length), raw, res);
    res.writeHead(404).end();
  }

  private async apiCall(method: string, req: IncomingMessage, raw: string, res: ServerResponse): Promise<void> {
    const held = this.holds.get(method)?.shift();
    if (held) {
      this.heldCalls.push(method);
      await held;
      this.heldCalls.splice(this.heldCalls.indexOf(method), 1);
    }
    const args = parseArgs(raw, req.headers['content-type'] ?? '');
    const retryAfter = this.rateLimits.get(method)?.shift();
    if (retryAfter !== undefined) {
      delete args.token;
      this.calls.push({ method, args, ok: false, error: 'ratelimited', answer: { retryAfter } });
      res.writeHead(429, { 'Content-Type': 'application/json', 'Retry-After': String(retryAfter) });
      res.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const token =
      /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ??
      (typeof args.token === 'string' ? args.token : undefined);
    delete args.token;
    const spec = METHODS[method];
    let answer: Answer;
    if (!spec) answer = { error: 'unknown_method' };
    else if (!token) answer = { error: 'not_authed' };
    else if (token !== (spec.appToken ? this.appToken : this.botToken))
      answer = { error: spec.appToken && token === this.botToken ? 'not_allowed_token_type' : 'invalid_auth' };
    else if (spec.scope && !this.scopes.has(spec.scope))
      answer = { error: 'missing_scope', needed: spec.scope, provided: [...this.scopes].join(',') };
    else {
      const injected = this.failures.get(method)?.shift();
      answer = injected ? { error: injected } : spec.answer(args, this);
    }
    const error = typeof answer.error === 'string' ? answer.error : undefined;
    this.calls.push({ method, args, ok: !error, error, answer: answer as Args });
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-OAuth-Scopes': [...this.scopes].join(',') });
    res.end(
      JSON.stringify(
        error
          ? { ok: false, ...answer, ...(answer.detail ? { response_metadata: { messages: answer.detail } } : {}) }
          : { ok: true, ...answer },
      ),
    );
  }

  private responsePost(id: string, raw: string, res: ServerResponse): void {
    let body: Args;
    try {
      body = JSON.parse(raw) as Args;
    } catch {
      this.responses.push({ id, body: { raw }, ok: false, error: 'invalid_payload' });
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('invalid_payload');
      return;
    }
    const problems = blockProblems(body.blocks, 'message');
    const error = problems.length
      ? 'invalid_blocks'
      : body.delete_original || body.text !== undefined || body.blocks !== undefined
        ? undefined
        : 'no_text';
    this.responses.push({ id, body, ok: !error, error: error && [error, ...problems].join(': ') });
    if (error) res.writeHead(error === 'no_text' ? 404 : 400, { 'Content-Type': 'text/plain' }).end(error);
    else res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
  }

  // --- what the methods answer -------------------------------------------------------------

  /** @internal */ userById(id: unknown): FakeSlackUser | undefined {
    return this.users.find((u) => u.id === id);
  }

  /** @internal */ userByEmail(email: unknown): FakeSlackUser | undefined {
    return typeof email === 'string'
      ? this.users.find((u) => u.email?.toLowerCase() === email.toLowerCase())
      : undefined;
  }

  /** @internal */ channel(id: unknown): NonNullable<FakeSlackOptions['channels']>[number] | undefined {
    return this.channels.find((c) => c.id === id);
  }

  /** @internal */ storeView(view: Args, id?: string): Args {
    const viewId = id ?? `V${String(++this.counter).padStart(8, '0')}`;
    const hash = `${Date.now()}.${++this.counter}`;
    this.views.set(viewId, { hash, view });
    return { ...view, id: viewId, hash };
  }

  /** @internal */ viewHash(id: string): string | undefined {
    return this.views.get(id)?.hash;
  }

  /** @internal */ directMessage(users: string[]): string {
    const key = [...users].sort().join(',');
    let id = this.directMessages.get(key);
    if (!id) {
      id = `${users.length === 1 ? 'D' : 'G'}${String(this.directMessages.size + 1).padStart(8, '0')}`;
      this.directMessages.set(key, id);
    }
    return id;
  }

  /** @internal */ isGone(channel: string): boolean {
    return this.gone.has(channel);
  }

  /** @internal */ ts(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.counter).padStart(6, '0')}`;
  }
}

function parseArgs(raw: string, contentType: string): Args {
  if (contentType.includes('application/json')) {
    try {
      return JSON.parse(raw) as Args;
    } catch {
      return {};
    }
  }
  const args: Args = Object.fromEntries(new URLSearchParams(raw));
  for (const field of JSON_FIELDS) {
    if (typeof args[field] === 'string') {
      try {
        args[field] = JSON.parse(args[field] as string);
      } catch {
        // Slack answers a malformed JSON field with invalid_arguments; the block check will.
      }
    }
  }
  return args;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
