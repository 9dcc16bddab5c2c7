// GitHub's primary rate limits as the fake keeps them: one budget per resource (REST `core`,
// `graphql` points) that resets on the hour, and a forced exhaustion tests can trigger.

export type Resource = 'core' | 'graphql';

export interface Budget {
  limit: number;
  used: number;
  /** Epoch milliseconds, a whole second, when the budget refills. */
  resetAt: number;
  /** While set and in the future, the budget counts as exhausted (an injected rate limit). */
  exhaustedUntil?: number;
}

const HOUR = 3600_000;

export class RateLimits {
  private readonly budgets: Record<Resource, Budget>;

  constructor(limits: { core?: number; graphql?: number } = {}) {
    const resetAt = wholeSecond(Date.now() + HOUR);
    this.budgets = {
      core: { limit: limits.core ?? 5000, used: 0, resetAt },
      graphql: { limit: limits.graphql ?? 5000, used: 0, resetAt },
    };
  }

  get(resource: Resource): Budget {
    const budget = this.budgets[resource];
    const now = Date.now();
    if (budget.exhaustedUntil !== undefined && budget.exhaustedUntil <= now) {
      budget.exhaustedUntil = undefined;
      budget.used = 0;
      budget.resetAt = wholeSecond(now + HOUR);
    }
    if (budget.resetAt <= now) {
      budget.used = 0;
      budget.resetAt = wholeSecond(now + HOUR);
    }
    return budget;
  }

  remaining(resource: Resource): number {
    const budget = this.get(resource);
    if (budget.exhaustedUntil !== undefined) return 0;
    return Math.max(0, budget.limit - budget.used);
  }

  /** Charges `amount`; false (and nothing charged) when the budget cannot pay it. */
  charge(resource: Resource, amount: number): boolean {
    if (this.remaining(resource) < amount) return false;
    this.get(resource).used += amount;
    return true;
  }

  /** Empties the budget until `seconds` from now (rounded up to GitHub's whole-second reset). */
  exhaust(resource: Resource, seconds: number): void {
    const budget = this.get(resource);
    budget.exhaustedUntil = wholeSecond(Date.now() + seconds * 1000);
    budget.resetAt = budget.exhaustedUntil;
  }

  headers(resource: Resource): Record<string, string> {
    const budget = this.get(resource);
    return {
      'x-ratelimit-limit': String(budget.limit),
      'x-ratelimit-remaining': String(this.remaining(resource)),
      'x-ratelimit-reset': String(Math.floor(budget.resetAt / 1000)),
      'x-ratelimit-used': String(budget.exhaustedUntil !== undefined ? budget.limit : budget.used),
      'x-ratelimit-resource': resource,
    };
  }

  snapshot(resource: Resource) {
    const budget = this.get(resource);
    return {
      limit: budget.limit,
      used: budget.exhaustedUntil !== undefined ? budget.limit : budget.used,
      remaining: this.remaining(resource),
      reset: Math.floor(budget.resetAt / 1000),
    };
  }
}

function wholeSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
