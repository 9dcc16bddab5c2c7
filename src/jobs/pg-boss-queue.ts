// The job queue on Postgres: pg-boss, which keeps jobs in tables of its own schema and hands each
// to one worker with SELECT … FOR UPDATE SKIP LOCKED, so any replica may take any job and a job
// outlives the process that queued it. Retries and exponential backoff are pg-boss's own; the
// once-per-key rule is its `short` queue policy (one waiting job per singleton key).
//
// pg-boss 10 is the last major that supports Node 20 (11 and 12 need Node 22); graphile-worker
// 0.16 would also run, but its cron has no time zones and its jobs are keyed through a
// PL/pgSQL API we would wrap anyway. pg-boss opens its own small pool through `pg`.
import { randomUUID } from 'node:crypto';
import type PgBossClass from 'pg-boss';
import type { Logger } from '../log.js';
import { DEFAULT_RETRY, type JobHandler, type JobQueue, type RetryPolicy, type SendOptions } from './job-queue.js';

interface PgBossQueueOptions {
  url: string;
  /** Postgres schema for pg-boss's tables (tests give each run its own). */
  schema: string;
  /** Workers per job name in this process. */
  concurrency?: number;
  /** How often an idle worker asks for work, in seconds (pg-boss's minimum is 0.5). */
  pollingIntervalSeconds?: number;
  logger?: Logger;
}

export class PgBossQueue implements JobQueue {
  readonly engine = 'pg-boss' as const;

  private constructor(
    private readonly boss: PgBossClass,
    private readonly options: PgBossQueueOptions,
  ) {}

  static async start(options: PgBossQueueOptions): Promise<PgBossQueue> {
    const { default: PgBoss } = await import('pg-boss');
    const boss = new PgBoss({
      connectionString: options.url,
      schema: options.schema,
      max: 4,
      application_name: 'callboard-jobs',
      // Callboard's schedules run through Schedules (src/jobs/schedules.ts) on the store's clock.
      schedule: false,
    });
    // pg-boss reports connection trouble as events; without a listener Node would crash on them.
    boss.on('error', (error) => options.logger?.error({ err: error }, 'job queue error'));
    await boss.start();
    return new PgBossQueue(boss, options);
  }

  async define<T extends object>(
    name: string,
    handler: JobHandler<T>,
    retry: Partial<RetryPolicy> = {},
  ): Promise<void> {
    const policy = { ...DEFAULT_RETRY, ...retry };
    const queue = {
      name,
      policy: 'short' as const,
      retryLimit: policy.retryLimit,
      retryDelay: policy.retryDelaySeconds,
      retryBackoff: policy.retryBackoff,
    };
    // Every replica defines the same queues at start; the second to do so updates nothing new.
    if (await this.boss.getQueue(name)) await this.boss.updateQueue(name, queue);
    else await this.boss.createQueue(name, queue).catch(async () => this.boss.updateQueue(name, queue));
    const workOptions = { batchSize: 1, pollingIntervalSeconds: this.options.pollingIntervalSeconds ?? 2 };
    for (let i = 0; i < (this.options.concurrency ?? 2); i++) {
      await this.boss.work<T>(name, workOptions, async ([job]) => {
        if (job) await handler(job.data);
      });
    }
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<boolean> {
    const id = await this.boss.send(name, data, {
      // Without a key each job gets its own, so unkeyed jobs never fold into one another.
      singletonKey: options.key ?? randomUUID(),
      startAfter: options.delaySeconds ? Math.ceil(options.delaySeconds) : undefined,
    });
    return id !== null;
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 });
  }

  /** Stops at once, abandoning running jobs as a crashed replica would (tests). */
  async crash(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: true, timeout: 1 });
  }
}
