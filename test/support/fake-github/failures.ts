// Failure injection: rules that make chosen requests slow, fail with a gateway error, or hit a
// primary or secondary rate limit. Deterministic (every n-th match), so tests can reason about it.

export interface RequestInfo {
  method: string;
  /** The path without the GHES prefix or query string, e.g. /repos/acme/api/git/trees/main */
  path: string;
  kind: 'rest' | 'graphql' | 'auth';
  graphql?: {
    query: string;
    variables: Record<string, unknown>;
    operationName?: string;
  };
}

export type FailureEffect =
  | { status: 500 | 502 | 503 | 504 }
  /** Answer (normally) only after this extra delay: a slow page, or a client timeout. */
  | { delayMs: number }
  /** Answer (normally) only once `until` settles; `onHeld` hears that the request is waiting. */
  | { holdUntil: Promise<unknown>; onHeld?: (request: RequestInfo) => void }
  /** Exhaust the resource's budget until `resetSeconds` from now (x-ratelimit-remaining: 0). */
  | { rateLimit: 'primary'; resetSeconds?: number }
  /** 403 "secondary rate limit" with retry-after. */
  | { rateLimit: 'secondary'; retryAfterSeconds?: number }
  /** GraphQL: every connection in the answer says `hasNextPage: false`, as a listing cut short would (totalCount stays true). */
  | { cutShort: true };

export interface FailureRule {
  kind?: 'rest' | 'graphql';
  /** Matches the path (string: exact prefix; RegExp: test). */
  path?: string | RegExp;
  when?: (request: RequestInfo) => boolean;
  /** Fire on every n-th matching request (default 1: every one). */
  every?: number;
  /** Let this many matching requests through before the first firing. */
  after?: number;
  /** Fire at most this many times (default: no limit). */
  times?: number;
  effect: FailureEffect;
}

interface ActiveRule extends FailureRule {
  id: number;
  matched: number;
  fired: number;
}

export class Failures {
  private rules: ActiveRule[] = [];
  private nextId = 1;

  add(rule: FailureRule): number {
    const id = this.nextId++;
    this.rules.push({ ...rule, id, matched: 0, fired: 0 });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  /** How often each rule fired, by id. */
  firedCount(id: number): number {
    return this.rules.find((r) => r.id === id)?.fired ?? 0;
  }

  /** The effects that apply to this request (each rule counts the request once). */
  effectsFor(request: RequestInfo): FailureEffect[] {
    const effects: FailureEffect[] = [];
    for (const rule of this.rules) {
      if (!matches(rule, request)) continue;
      rule.matched += 1;
      const position = rule.matched - (rule.after ?? 0);
      if (position <= 0) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (position % (rule.every ?? 1) !== 0) continue;
      rule.fired += 1;
      effects.push(rule.effect);
    }
    return effects;
  }
}

function matches(rule: FailureRule, request: RequestInfo): boolean {
  if (request.kind === 'auth') return false;
  if (rule.kind && rule.kind !== request.kind) return false;
  if (typeof rule.path === 'string' && !request.path.startsWith(rule.path)) return false;
  if (rule.path instanceof RegExp && !rule.path.test(request.path)) return false;
  return rule.when ? rule.when(request) : true;
}
