// The job queue every piece of background work goes through (notices, digests, and the scheduled
// work of other features such as scorecard re-scoring): one small interface, two engines. On
// Postgres it is pg-boss (jobs rows taken with SELECT … FOR UPDATE SKIP LOCKED, shared by every
// replica, surviving restarts); on embedded PGlite the same jobs run inside the one process.
//
// How to use it, e.g. for a nightly re-score:
//   await queue.define('scorecards.rescore', async (data) => rescore(data.entityRef), { retryLimit: 5 });
//   await queue.send('scorecards.rescore', { entityRef }, { key: entityRef });
//   schedules.add({ name: 'scorecards.nightly', cron: '0 3 * * *', timeZone: 'Europe/Berlin', job: 'scorecards.rescore-all' });

/** How a kind of job is retried when its handler throws. */
export interface RetryPolicy {
  /** Attempts after the first (default 3). */
  retryLimit: number;
  /** Seconds before the first retry (default 5). */
  retryDelaySeconds: number;
  /** Double the delay at each retry (default true). */
  retryBackoff: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { retryLimit: 3, retryDelaySeconds: 5, retryBackoff: true };

export interface SendOptions {
  /**
   * Once per key: while a job of this name with this key is waiting, sending another is a no-op
   * (false). Work that must never run twice, even after the first finished, also claims a key
   * in the OnceLedger (src/store/once-ledger.ts); Schedules does that for each occurrence.
   */
  key?: string;
  /** Seconds before the job may start (a batch waiting for its neighbours). */
  delaySeconds?: number;
}

export type JobHandler<T> = (data: T) => Promise<void>;

export interface JobQueue {
  readonly engine: 'pg-boss' | 'in-process';
  /** Registers the handler for jobs named `name` (every replica defines the same ones). */
  define<T extends object>(name: string, handler: JobHandler<T>, retry?: Partial<RetryPolicy>): Promise<void>;
  /** Queues a job; false when a waiting job already holds `options.key`. */
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<boolean>;
  /** Resolves once no job is waiting or running in this process's queue (tests, `notices --send`). */
  drain?(): Promise<void>;
  /** Stops taking jobs and waits for the running ones. */
  stop(): Promise<void>;
}

/** Delay before retry number `attempt` (1-based) under `policy`. */
export function retryDelayMs(policy: RetryPolicy, attempt: number): number {
  const base = policy.retryDelaySeconds * 1000;
  return policy.retryBackoff ? base * 2 ** (attempt - 1) : base;
}
