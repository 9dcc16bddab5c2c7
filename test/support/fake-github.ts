// A local GitHub for tests and benchmarks: octokit talks to it through `baseUrl` over real HTTP.
// It serves the REST and GraphQL endpoints Callboard reads from an in-memory organisation, can
// answer slowly, with 5xx, or with primary and secondary rate limits, and counts every request.
// Both are held to GitHub's published descriptions: GraphQL to its schema, REST requests to its
// OpenAPI description (an unknown route is 404, a body it refuses 422, whatever the routes say).
//
//   const github = await startFakeGitHub({ org: 'acme' });
//   github.org.addRepository({ name: 'api', files: { 'catalog-info.yaml': '...' } });
//   new Octokit({ auth: github.token, baseUrl: github.url });
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { FakeOrganisation } from './fake-github/organisation.js';
import { answerGraphQL, type GraphQLBody } from './fake-github/graphql-endpoint.js';
import { notFound, restRoutes, route, type RestResponse, type RestRoute } from './fake-github/rest-routes.js';
import { Failures, type FailureEffect, type FailureRule, type RequestInfo } from './fake-github/failures.js';
import { RateLimits, type Resource } from './fake-github/rate-limits.js';
import { newInstallationToken, verifyAppJwt, type FakeApp } from './fake-github/app-auth.js';
import { WebhookPayloads } from './fake-github/webhooks.js';
import { loadDescription, refuseAgainstSpec, type GitHubDescription } from './fake-github/rest-spec.js';
import { githubSchema } from './fake-github/graphql-schema.js';

export { FakeOrganisation, gitBlobOid } from './fake-github/organisation.js';
export type {
  FakeRepository,
  FakeTeam,
  FakeUser,
  RepositorySpec,
  TeamSpec,
  UserSpec,
} from './fake-github/organisation.js';
export type { FailureRule, FailureEffect, RequestInfo } from './fake-github/failures.js';
export { deliverWebhook, signWebhook, type Delivery } from './fake-github/webhooks.js';
export {
  addAlert,
  protectBranch,
  setHeadChecks,
  type FakeCheckState,
  type FakeSeverity,
} from './fake-github/repository-health.js';
export { generateAppKeyPair, type FakeApp } from './fake-github/app-auth.js';
export {
  generateOrganisation,
  componentYaml,
  SHARED_REPO,
  type GeneratedOrg,
  type GeneratedOrgSpec,
} from './fake-github/generate-org.js';

export interface FakeGitHubOptions {
  /** The organisation, or its login for an empty one. */
  org?: FakeOrganisation | string;
  /** Personal access tokens the fake accepts (default: one, `ghp_fake`). */
  tokens?: string[];
  /** A GitHub App whose JWTs may buy installation tokens. */
  app?: FakeApp;
  /** Added before every response, to behave like a network away (default 0). */
  latencyMs?: number;
  /** Browser base for html urls (default https://github.com). */
  htmlBase?: string;
  /** Hourly budgets: REST requests (`core`) and GraphQL points. */
  limits?: { core?: number; graphql?: number };
  /** The REST description requests are held to: api.github.com (default), or ghec for an Enterprise Cloud org. */
  description?: GitHubDescription;
}

export interface RecordedRequest {
  method: string;
  path: string;
  kind: 'rest' | 'graphql' | 'auth';
  /** For REST, the route as GitHub's docs name it, e.g. `GET /repos/{owner}/{repo}`. */
  route?: string;
  status: number;
  /** GraphQL points charged. */
  points: number;
  /** What failure injection did to it, if anything. */
  injected?: string;
  /** The token the request was sent with (to check which credentials a step used). */
  token?: string;
  graphql?: { operationName?: string; variables: Record<string, unknown>; query: string };
}

export interface FakeGitHubStats {
  /** REST requests answered (any status), not counting /rate_limit or app token exchanges. */
  rest: number;
  /** GraphQL requests answered (any status). */
  graphql: number;
  /** GraphQL points charged. */
  graphqlPoints: number;
  /** Requests answered with an injected failure or a rate limit. */
  failed: number;
  rateLimited: number;
}

export class FakeGitHub {
  readonly org: FakeOrganisation;
  readonly tokens: Set<string>;
  readonly failures = new Failures();
  readonly rateLimits: RateLimits;
  readonly requests: RecordedRequest[] = [];
  latencyMs: number;
  readonly htmlBase: string;
  private webhookPayloads?: WebhookPayloads;
  private readonly extraRoutes: RestRoute[] = [];
  private routes: RestRoute[] = [];
  private server?: Server;
  private baseUrl = '';

  constructor(private readonly options: FakeGitHubOptions = {}) {
    this.org = options.org instanceof FakeOrganisation ? options.org : new FakeOrganisation(options.org ?? 'acme');
    this.tokens = new Set(options.tokens ?? ['ghp_fake']);
    this.latencyMs = options.latencyMs ?? 0;
    this.htmlBase = options.htmlBase ?? 'https://github.com';
    this.rateLimits = new RateLimits(options.limits);
  }

  /** Webhook payload builders for this organisation (after `start()`). */
  get payloads(): WebhookPayloads {
    if (!this.webhookPayloads) throw new Error('fake GitHub: start() it first');
    return this.webhookPayloads;
  }

  /** github.com-style API base: REST at /, GraphQL at /graphql. */
  get url(): string {
    return this.baseUrl;
  }

  /** GitHub Enterprise Server-style base: REST at /api/v3, GraphQL at /api/graphql. */
  get enterpriseUrl(): string {
    return `${this.baseUrl}/api/v3`;
  }

  /** The first accepted personal access token. */
  get token(): string {
    return [...this.tokens][0];
  }

  async start(): Promise<this> {
    // GitHub's descriptions are read before the first request, not during it: a first answer that
    // took a second longer would upset the tests of timeouts and the benchmark's figures.
    await githubSchema();
    loadDescription(this.options.description);
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ message: `fake GitHub failed: ${error instanceof Error ? error.message : String(error)}` }),
        );
      });
    });
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    const bases = { api: this.baseUrl, html: this.htmlBase };
    this.webhookPayloads = new WebhookPayloads(this.org, bases);
    this.routes = restRoutes(this.org, bases);
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Adds a REST route (answered before the built-in ones), e.g. for an endpoint a test needs. */
  addRoute(name: string, handle: RestRoute['handle']): void {
    this.extraRoutes.push(route(name, handle));
  }

  /** Adds a failure rule; returns its id for `failures.remove(id)`. */
  inject(rule: FailureRule): number {
    return this.failures.add(rule);
  }

  /** Makes the `after`+1-th next request of `kind` hit a rate limit (once). */
  rateLimitOnce(
    kind: 'rest' | 'graphql',
    type: 'primary' | 'secondary' = 'primary',
    options: { after?: number; seconds?: number } = {},
  ): number {
    const effect: FailureEffect =
      type === 'primary'
        ? { rateLimit: 'primary', resetSeconds: options.seconds ?? 1 }
        : { rateLimit: 'secondary', retryAfterSeconds: options.seconds ?? 1 };
    return this.failures.add({ kind, after: options.after ?? 0, times: 1, effect });
  }

  stats(): FakeGitHubStats {
    const counted = this.requests.filter((r) => r.kind !== 'auth' && r.path !== '/rate_limit');
    return {
      rest: counted.filter((r) => r.kind === 'rest').length,
      graphql: counted.filter((r) => r.kind === 'graphql').length,
      graphqlPoints: counted.reduce((sum, r) => sum + r.points, 0),
      failed: counted.filter((r) => r.injected).length,
      rateLimited: counted.filter((r) => r.injected?.startsWith('rate limit')).length,
    };
  }

  /** Forgets the recorded requests (budgets and failure rules stay). */
  resetStats(): void {
    this.requests.length = 0;
  }

  // --- request handling ---------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    let path = url.pathname;
    if (path === '/api/graphql') path = '/graphql';
    else if (path.startsWith('/api/v3/')) path = path.slice('/api/v3'.length);
    const raw = await readBody(req);
    const isGraphQL = path === '/graphql' && method === 'POST';
    const isAuth = /^\/app\/installations\/[^/]+\/access_tokens$/.test(path);
    const kind: RecordedRequest['kind'] = isAuth ? 'auth' : isGraphQL ? 'graphql' : 'rest';
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      await this.reply(
        res,
        { method, path, kind, status: 400, points: 0 },
        { status: 400, body: { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' } },
      );
      return;
    }
    const info: RequestInfo = { method, path, kind };
    if (isGraphQL) {
      const g = (body ?? {}) as GraphQLBody;
      info.graphql = {
        query: typeof g.query === 'string' ? g.query : '',
        variables: (g.variables && typeof g.variables === 'object' ? g.variables : {}) as Record<string, unknown>,
        operationName: typeof g.operationName === 'string' ? g.operationName : operationNameOf(g.query),
      };
    }
    const token = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const record: RecordedRequest = { method, path, kind, status: 0, points: 0, graphql: info.graphql, token };
    const resource: Resource = isGraphQL ? 'graphql' : 'core';

    if (isAuth) {
      await this.reply(res, record, this.installationToken(req, path));
      return;
    }
    const login = this.authenticate(req);
    if (login === undefined) {
      const bad = req.headers.authorization ? 'Bad credentials' : 'Requires authentication';
      await this.reply(res, record, {
        status: 401,
        body: { message: bad, documentation_url: 'https://docs.github.com/rest' },
      });
      return;
    }
    if (method === 'GET' && path === '/rate_limit') {
      const core = this.rateLimits.snapshot('core');
      const graphql = this.rateLimits.snapshot('graphql');
      await this.reply(res, record, { status: 200, body: { resources: { core, graphql }, rate: core } }, 'core');
      return;
    }

    let extraDelay = 0;
    let cutShort = false;
    for (const effect of this.failures.effectsFor(info)) {
      if ('cutShort' in effect) {
        cutShort = true;
        record.injected = 'cut short';
      } else if ('delayMs' in effect) extraDelay += effect.delayMs;
      else if ('holdUntil' in effect) {
        effect.onHeld?.(info);
        await effect.holdUntil.catch(() => undefined);
      } else if ('status' in effect) {
        record.injected = `status ${effect.status}`;
        await this.reply(res, record, gatewayError(effect.status), resource, extraDelay);
        return;
      } else if (effect.rateLimit === 'secondary') {
        record.injected = 'rate limit (secondary)';
        await this.reply(
          res,
          record,
          {
            status: 403,
            headers: { 'retry-after': String(effect.retryAfterSeconds ?? 1) },
            body: {
              message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
              documentation_url:
                'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
            },
          },
          resource,
          extraDelay,
        );
        return;
      } else {
        this.rateLimits.exhaust(resource, effect.resetSeconds ?? 1);
      }
    }

    if (isGraphQL) {
      const outcome = await answerGraphQL((body ?? {}) as GraphQLBody, {
        org: this.org,
        htmlBase: this.htmlBase,
        rateLimits: this.rateLimits,
        login,
        cutShort,
      });
      record.points = outcome.points;
      if (outcome.rateLimited) record.injected = 'rate limit (primary)';
      await this.reply(res, record, { status: outcome.status, body: outcome.body }, 'graphql', extraDelay);
      return;
    }

    if (!this.rateLimits.charge('core', 1)) {
      record.injected = 'rate limit (primary)';
      await this.reply(
        res,
        record,
        {
          status: 403,
          body: {
            message: `API rate limit exceeded for user ID ${login}. If you reach out to GitHub Support for help, please include the request ID.`,
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
        },
        'core',
        extraDelay,
      );
      return;
    }
    // GitHub's own description decides what exists and which bodies are valid, not the routes below.
    const refused = refuseAgainstSpec(method, path, body, this.options.description);
    if (refused) {
      await this.reply(res, record, refused, 'core', extraDelay);
      return;
    }
    const query = url.searchParams;
    for (const candidate of [...this.extraRoutes, ...this.routes]) {
      if (candidate.method !== method) continue;
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
      record.route = candidate.name;
      await this.reply(res, record, candidate.handle({ method, path, query, params, body }), 'core', extraDelay);
      return;
    }
    await this.reply(res, record, notFound(), 'core', extraDelay);
  }

  /** The login behind the request's token, or undefined when it is missing or unknown. */
  private authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization ?? '';
    const match = /^(?:token|bearer)\s+(\S+)$/i.exec(header);
    if (!match) return undefined;
    return this.tokens.has(match[1]) ? 'fake-user' : undefined;
  }

  private installationToken(req: IncomingMessage, path: string): RestResponse {
    const app = this.options.app;
    const jwt = /^bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!app || !jwt) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
    const refused = verifyAppJwt(jwt, app);
    if (refused) return { status: 401, body: { message: refused } };
    const installationId = path.split('/')[3];
    if (installationId !== String(app.installationId)) return notFound();
    const token = newInstallationToken();
    this.tokens.add(token);
    return {
      status: 201,
      body: {
        token,
        expires_at: new Date(Date.now() + 3600_000).toISOString(),
        permissions: { metadata: 'read', contents: 'read', members: 'read' },
        repository_selection: 'all',
      },
    };
  }

  private async reply(
    res: ServerResponse,
    record: RecordedRequest,
    response: RestResponse,
    resource?: Resource,
    extraDelay = 0,
  ): Promise<void> {
    const delay = this.latencyMs + extraDelay;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    record.status = response.status;
    this.requests.push(record);
    if (res.destroyed) return;
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-github-request-id': randomUUID(),
      'x-github-media-type': 'github.v3; format=json',
      ...(resource ? this.rateLimits.headers(resource) : {}),
      ...(response.headers ?? {}),
    };
    res.writeHead(response.status, headers);
    res.end(response.body === undefined ? '' : JSON.stringify(response.body));
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  return new FakeGitHub(options).start();
}

function gatewayError(status: number): RestResponse {
  const text: Record<number, string> = {
    500: 'Internal Server Error',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  return { status, body: { message: `Server Error: ${text[status] ?? 'Error'}` } };
}

function operationNameOf(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined;
  return /^\s*query\s+(\w+)/.exec(query)?.[1];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
