// One authenticated octokit for the organisation: a personal access token or a GitHub App
// installation, any API base (github.com, GitHub Enterprise Server, a test server), the retry
// and throttling plugins set so that rate limits pause the work until the reset, never fail it.
import { App, Octokit } from 'octokit';
import Bottleneck from 'bottleneck';
import type { GitHubAppAuth } from '../../config.js';
import { silentLogger, type Logger } from '../../log.js';
import { ApiCounters } from './api-counters.js';

export interface GitHubConnectionOptions {
  org: string;
  token?: string;
  app?: GitHubAppAuth;
  /** API base; default https://api.github.com. A GHES base ends in /api/v3. */
  apiUrl?: string;
  logger?: Logger;
  /** Per HTTP attempt (default 30 s). A GraphQL call may ask for less. */
  requestTimeoutMs?: number;
  /** Retries of a failed REST request (5xx, timeout), default 3. */
  retries?: number;
  /** First retry delay; later ones grow quadratically, as the retry plugin does (default 1000 ms). */
  retryBaseMs?: number;
  /** GraphQL requests in flight at once (default 4). */
  graphqlConcurrency?: number;
  /** Told of every HTTP attempt's outcome, with the rate limit GitHub reported (for /metrics). */
  observe?: (call: GitHubCallOutcome) => void;
}

export interface GitHubCallOutcome {
  ok: boolean;
  /** From x-ratelimit-resource and x-ratelimit-remaining, when GitHub sent them. */
  rateLimit?: { resource: string; remaining: number };
}

interface GraphQLCallOptions {
  /** Abort an attempt after this long (a listing page that is too large). */
  timeoutMs?: number;
  /** Retries of 5xx/timeouts by the retry plugin; 0 when the caller retries itself. */
  retries?: number;
}

export interface GitHubConnection {
  readonly org: string;
  readonly octokit: Octokit;
  readonly counters: ApiCounters;
  /**
   * Runs a query. Partial answers (some aliases NOT_FOUND) come back as data with `errors`
   * beside it; anything else that failed throws.
   */
  graphql<T>(
    query: string,
    variables?: Record<string, unknown>,
    options?: GraphQLCallOptions,
  ): Promise<GraphQLAnswer<T>>;
}

export interface GraphQLAnswer<T> {
  data: T;
  errors: { type?: string; path?: (string | number)[]; message: string }[];
}

/** Carries a per-call timeout from a GraphQL call down to the fetch of each attempt. */
const TIMEOUT_HEADER = 'x-callboard-timeout-ms';

export async function createGitHubConnection(options: GitHubConnectionOptions): Promise<GitHubConnection> {
  if (!options.token && !options.app) throw new Error('GitHub needs a token or a GitHub App to connect');
  const logger = options.logger ?? silentLogger;
  const counters = new ApiCounters();
  const defaultTimeout = options.requestTimeoutMs ?? 30_000;

  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const headers = new Headers(init?.headers);
    const timeout = Number(headers.get(TIMEOUT_HEADER)) || defaultTimeout;
    headers.delete(TIMEOUT_HEADER);
    const signals = [AbortSignal.timeout(timeout), ...(init?.signal ? [init.signal] : [])];
    if (/\/app\/installations\/[^/]+\/access_tokens$/.test(url.pathname)) {
      // Buying an installation token is not spending the organisation's API budget.
    } else if (url.pathname.endsWith('/graphql')) counters.add('graphqlQueries');
    else counters.add('restRequests');
    try {
      const response = await fetch(input, { ...init, headers, signal: AbortSignal.any(signals) });
      if (response.status >= 500) counters.add('failedRequests');
      const remaining = response.headers.get('x-ratelimit-remaining');
      options.observe?.({
        ok: response.ok,
        rateLimit:
          remaining === null
            ? undefined
            : { resource: response.headers.get('x-ratelimit-resource') ?? 'core', remaining: Number(remaining) },
      });
      return response;
    } catch (error) {
      counters.add('failedRequests');
      options.observe?.({ ok: false });
      throw error;
    }
  };

  const rateLimitHandler =
    (kind: 'primary' | 'secondary') => (retryAfter: number, request: { method: string; url: string }) => {
      counters.add('rateLimitWaits');
      logger.warn(
        { kind, retryAfterSeconds: retryAfter, method: request.method, url: request.url },
        'GitHub rate limit: waiting for the reset',
      );
      return true;
    };

  const ConfiguredOctokit = Octokit.defaults({
    baseUrl: options.apiUrl ?? 'https://api.github.com',
    request: { fetch: countingFetch },
    retry: { retries: options.retries ?? 3, retryAfterBaseValue: options.retryBaseMs ?? 1000 },
    throttle: {
      onRateLimit: rateLimitHandler('primary'),
      onSecondaryRateLimit: rateLimitHandler('secondary'),
      // octokit spaces GraphQL calls a second apart, as it would mutations; reads may overlap.
      write: new Bottleneck.Group({ maxConcurrent: options.graphqlConcurrency ?? 4, minTime: 0 }),
    },
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
  });

  let octokit: Octokit;
  if (options.app) {
    const app = new App({ appId: options.app.appId, privateKey: options.app.privateKey, Octokit: ConfiguredOctokit });
    octokit = (await app.getInstallationOctokit(Number(options.app.installationId))) as Octokit;
  } else {
    octokit = new ConfiguredOctokit({ auth: options.token });
  }

  return {
    org: options.org,
    octokit,
    counters,
    async graphql<T>(query: string, variables: Record<string, unknown> = {}, call: GraphQLCallOptions = {}) {
      const request = { retries: call.retries ?? options.retries ?? 3 };
      const headers = call.timeoutMs ? { [TIMEOUT_HEADER]: String(call.timeoutMs) } : {};
      let data: T;
      let errors: GraphQLAnswer<T>['errors'] = [];
      try {
        data = await octokit.graphql<T>(query, { ...variables, request, headers });
      } catch (error) {
        if (!isPartialAnswer(error)) throw error;
        data = error.data as T;
        errors = error.errors;
      }
      const cost = (data as { rateLimit?: { cost?: number } } | null)?.rateLimit?.cost;
      if (typeof cost === 'number') counters.add('graphqlPoints', cost);
      return { data, errors };
    },
  };
}

/**
 * octokit's GraphqlResponseError when GitHub still answered with data (e.g. one alias NOT_FOUND):
 * an error carrying both `data` and GraphQL's `errors` list (told by its shape; the class lives in
 * @octokit/graphql, which Callboard does not depend on directly).
 */
function isPartialAnswer(error: unknown): error is { data: unknown; errors: GraphQLAnswer<unknown>['errors'] } {
  if (!(error instanceof Error)) return false;
  const e = error as Error & { data?: unknown; errors?: unknown };
  return !!e.data && Array.isArray(e.errors);
}
