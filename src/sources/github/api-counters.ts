// What a sync spent of GitHub's budgets: every HTTP request (retries included), by kind, and the
// GraphQL points GitHub reported. A sync run records a copy of these.

export interface ApiUsage {
  restRequests: number;
  graphqlQueries: number;
  graphqlPoints: number;
  /** Times a rate limit made the client wait for the reset. */
  rateLimitWaits: number;
  /** Requests that failed (5xx, timeout, network) and were retried or given up. */
  failedRequests: number;
}

export function emptyUsage(): ApiUsage {
  return { restRequests: 0, graphqlQueries: 0, graphqlPoints: 0, rateLimitWaits: 0, failedRequests: 0 };
}

export class ApiCounters {
  private usage = emptyUsage();

  add(field: keyof ApiUsage, amount = 1): void {
    this.usage[field] += amount;
  }

  /** A copy of the counts so far. */
  read(): ApiUsage {
    return { ...this.usage };
  }

  /** What was spent since `before` (a previous `read()`). */
  since(before: ApiUsage): ApiUsage {
    const now = this.read();
    const out = emptyUsage();
    for (const key of Object.keys(out) as (keyof ApiUsage)[]) out[key] = now[key] - before[key];
    return out;
  }
}
