// Who is on call for a catalog entity, from the providers its annotations (or its owner's, or the
// owner's parents') name. Each roster is cached per escalation policy / schedule for a minute per
// replica, and one request per key is in flight at a time (concurrent askers share it). An answer
// never waits on a provider longer than the budget: a slow or failing provider leaves the last
// known roster and its age, and says so. After a 429 the next request waits for Retry-After.
import type { Logger } from '../log.js';
import { ProviderError, RateLimitedError } from './provider-http.js';
import { SharedCache, type Cached } from './shared-cache.js';
import type { OnCallProvider, OnCallRoster, OnCallTarget } from './types.js';

/** An answer waits this long for a provider, leaving Slack's 3 s room for the rest. */
export const ON_CALL_BUDGET_MS = 1500;
const ROSTER_TTL_MS = 60_000;
/** A service's escalation policy or a team's schedules change rarely. */
const KEY_TTL_MS = 3600_000;
/** A request still running after the answer went out may finish, for the next asker, up to this. */
const REQUEST_TIMEOUT_MS = 10_000;

/** An entity that may carry on-call annotations: the subject, its owner, the owner's parents. */
export interface AnnotatedEntity {
  ref: string;
  /** How people know it: its title or name. */
  name: string;
  annotations: Record<string, string>;
}

export type OnCallState =
  /** Fetched within the last minute, or just now. */
  | 'live'
  /** The provider failed or was slow: the last known roster, `asOf` says how old. */
  | 'stale'
  /** The provider failed or was slow, and nothing is known yet. */
  | 'unavailable'
  /** The provider has no credentials here: only the link. */
  | 'off';

export interface OnCallAnswer {
  provider: { id: string; label: string; setting: string };
  target: OnCallTarget;
  /** The entity whose annotation named the target. */
  source: { ref: string; name: string };
  state: OnCallState;
  roster?: OnCallRoster;
  asOf?: Date;
  /** Why the answer is not live, in plain words (never a token or header). */
  problem?: string;
  link?: string;
}

export interface OnCallDirectoryOptions {
  providers: OnCallProvider[];
  logger: Logger;
  budgetMs?: number;
  rosterTtlMs?: number;
  requestTimeoutMs?: number;
  /** The clock for cache ages and shift times (tests move it). */
  now?: () => number;
  /** How a request waits out Retry-After (tests watch it). */
  wait?: (ms: number) => Promise<void>;
  /** Told of each request's outcome, by provider (for /metrics). */
  observe?: (provider: string, outcome: 'ok' | 'rate_limited' | 'failed') => void;
}

export class OnCallDirectory {
  private readonly keys: SharedCache<string>;
  private readonly rosters: SharedCache<OnCallRoster>;
  private readonly blockedUntil = new Map<string, number>();
  private readonly now: () => number;
  private readonly wait: (ms: number) => Promise<void>;
  readonly budgetMs: number;

  constructor(private readonly options: OnCallDirectoryOptions) {
    this.now = options.now ?? Date.now;
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.budgetMs = options.budgetMs ?? ON_CALL_BUDGET_MS;
    this.keys = new SharedCache(KEY_TTL_MS, this.now);
    this.rosters = new SharedCache(options.rosterTtlMs ?? ROSTER_TTL_MS, this.now);
  }

  /** Whether any provider has credentials here (live answers are possible at all). */
  get anyConfigured(): boolean {
    return this.options.providers.some((p) => p.configured);
  }

  /** The directory's clock: answers say "until" and "ago" by it. */
  currentTime(): Date {
    return new Date(this.now());
  }

  /** The targets of the first entity in the chain that names any (Backstage's plugins look the same way). */
  targets(
    chain: AnnotatedEntity[],
  ): Array<{ provider: OnCallProvider; target: OnCallTarget; source: AnnotatedEntity }> {
    for (const entity of chain) {
      const found = this.options.providers.flatMap((provider) =>
        provider.targets(entity.annotations).map((target) => ({ provider, target, source: entity })),
      );
      if (found.length) return found;
    }
    return [];
  }

  /** Who is on call for the chain's first annotated entity, each provider answered within the budget. */
  async lookup(chain: AnnotatedEntity[]): Promise<OnCallAnswer[]> {
    return Promise.all(
      this.targets(chain).map(({ provider, target, source }) => this.answer(provider, target, source)),
    );
  }

  private async answer(provider: OnCallProvider, target: OnCallTarget, source: AnnotatedEntity): Promise<OnCallAnswer> {
    const base = {
      provider: { id: provider.id, label: provider.label, setting: provider.setting },
      target,
      source: { ref: source.ref, name: source.name },
      link: provider.link(target),
    };
    if (!provider.configured) return { ...base, state: 'off' };
    const outcome = await within(
      this.fetchRoster(provider, target).then(
        (cached) => ({ cached }),
        (error: unknown) => ({ error }),
      ),
      this.budgetMs,
    );
    if (outcome && 'cached' in outcome) {
      return {
        ...base,
        state: 'live',
        roster: outcome.cached.value,
        asOf: new Date(outcome.cached.at),
        link: base.link ?? outcome.cached.value.url,
      };
    }
    const problem = outcome
      ? describeFailure(provider, outcome.error)
      : `${provider.label} did not answer within ${(this.budgetMs / 1000).toLocaleString('en')} s`;
    if (outcome)
      this.options.logger.warn({ provider: provider.id, target: target.kind, problem }, 'on-call provider failed');
    const last = this.lastKnown(provider, target);
    return last
      ? {
          ...base,
          state: 'stale',
          roster: last.value,
          asOf: new Date(last.at),
          problem,
          link: base.link ?? last.value.url,
        }
      : { ...base, state: 'unavailable', problem };
  }

  private async fetchRoster(provider: OnCallProvider, target: OnCallTarget): Promise<Cached<OnCallRoster>> {
    const { value: key } = await this.keys.get(targetKey(target), () =>
      this.call(provider, (signal) => provider.rosterKey(target, signal)),
    );
    return this.rosters.get(`${provider.id}:${key}`, () =>
      this.call(provider, (signal) => provider.roster(key, new Date(this.now()), signal)),
    );
  }

  private lastKnown(provider: OnCallProvider, target: OnCallTarget): Cached<OnCallRoster> | undefined {
    const key = this.keys.lastKnown(targetKey(target))?.value;
    return key === undefined ? undefined : this.rosters.lastKnown(`${provider.id}:${key}`);
  }

  /** One request to a provider: after a 429, not before its Retry-After; never longer than the timeout. */
  private async call<T>(provider: OnCallProvider, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const until = this.blockedUntil.get(provider.id);
    if (until !== undefined && until > this.now()) {
      await this.wait(until - this.now());
      // Waited out: whoever comes next goes straight on (unless a newer 429 came meanwhile).
      if (this.blockedUntil.get(provider.id) === until) this.blockedUntil.delete(provider.id);
    }
    try {
      const answer = await request(AbortSignal.timeout(this.options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS));
      this.options.observe?.(provider.id, 'ok');
      return answer;
    } catch (error) {
      const limited = error instanceof RateLimitedError;
      if (limited) this.blockedUntil.set(provider.id, this.now() + error.retryAfterMs);
      this.options.observe?.(provider.id, limited ? 'rate_limited' : 'failed');
      throw error;
    }
  }
}

function targetKey(target: OnCallTarget): string {
  return `${target.provider}:${target.kind}:${target.value}`;
}

function describeFailure(provider: OnCallProvider, error: unknown): string {
  // A provider's own errors are worded for people and carry no secrets; anything else is a bug here.
  return error instanceof ProviderError ? error.message : `${provider.label} sent an answer Callboard could not read`;
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
