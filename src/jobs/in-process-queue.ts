// The job queue on embedded PGlite: one process owns the database, so its jobs run here, with the
// same retries, backoff and once-per-key rule as pg-boss gives replicas on Postgres. Jobs waiting
// when the process stops are not kept: everything queued is derived from stored state (notices
// rows, the OnceLedger) and queued again when the process starts and its schedules tick.
import type { Logger } from '../log.js';
import {
  DEFAULT_RETRY,
  type JobHandler,
  type JobQueue,
  type RetryPolicy,
  retryDelayMs,
  type SendOptions,
} from './job-queue.js';

interface Definition {
  handler: JobHandler<object>;
  retry: RetryPolicy;
}

export class InProcessQueue implements JobQueue {
  readonly engine = 'in-process' as const;
  private readonly definitions = new Map<string, Definition>();
  /** name + key of each job waiting to start: a second send with the same key is dropped. */
  private readonly waitingKeys = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(private readonly logger?: Logger) {}

  async define<T extends object>(
    name: string,
    handler: JobHandler<T>,
    retry: Partial<RetryPolicy> = {},
  ): Promise<void> {
    this.definitions.set(name, { handler: handler as JobHandler<object>, retry: { ...DEFAULT_RETRY, ...retry } });
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<boolean> {
    if (this.stopped) return false;
    const waitingKey = options.key === undefined ? undefined : `${name}\u0000${options.key}`;
    if (waitingKey !== undefined) {
      if (this.waitingKeys.has(waitingKey)) return false;
      this.waitingKeys.add(waitingKey);
    }
    this.later((options.delaySeconds ?? 0) * 1000, () => {
      if (waitingKey !== undefined) this.waitingKeys.delete(waitingKey);
      this.attempt(name, data, 0);
    });
    return true;
  }

  async drain(): Promise<void> {
    while (this.timers.size || this.running.size) {
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Stops taking jobs and waits for running ones, at most `graceMs` (a hung job must not hold a shutdown). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waitingKeys.clear();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.running]),
      new Promise((resolve) => {
        grace = setTimeout(resolve, graceMs);
      }),
    ]);
    clearTimeout(grace);
    this.running.clear();
    this.wakeIdle();
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
      this.wakeIdle();
    }, ms);
    this.timers.add(timer);
  }

  private attempt(name: string, data: object, retriesSoFar: number): void {
    const definition = this.definitions.get(name);
    if (!definition) {
      this.logger?.error({ job: name }, 'a job was queued that no handler is defined for');
      return;
    }
    const run = definition
      .handler(data)
      .catch((error: unknown) => {
        const { retry } = definition;
        if (this.stopped || retriesSoFar >= retry.retryLimit) {
          this.logger?.error(
            { job: name, err: error, attempts: retriesSoFar + 1 },
            'a job failed and will not be retried',
          );
          return;
        }
        this.logger?.warn({ job: name, err: error, attempt: retriesSoFar + 1 }, 'a job failed; retrying');
        this.later(retryDelayMs(retry, retriesSoFar + 1), () => this.attempt(name, data, retriesSoFar + 1));
      })
      .finally(() => {
        this.running.delete(run);
        this.wakeIdle();
      });
    this.running.add(run);
  }

  private wakeIdle(): void {
    if (this.timers.size || this.running.size) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }
}
