// Picks the job queue for the database Callboard opened: pg-boss beside Postgres (its tables in a
// schema of their own), the in-process queue beside embedded PGlite.
import type { Logger } from '../log.js';
import { InProcessQueue } from './in-process-queue.js';
import type { JobQueue } from './job-queue.js';
import { PgBossQueue } from './pg-boss-queue.js';

export interface JobQueueOptions {
  /** Postgres connection string; absent: the in-process queue. */
  databaseUrl?: string;
  /** pg-boss's schema (default `callboard_jobs`). */
  schema?: string;
  pollingIntervalSeconds?: number;
  logger?: Logger;
}

export async function openJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  if (!options.databaseUrl) return new InProcessQueue(options.logger);
  return PgBossQueue.start({
    url: options.databaseUrl,
    schema: options.schema ?? 'callboard_jobs',
    pollingIntervalSeconds: options.pollingIntervalSeconds,
    logger: options.logger,
  });
}
