// The jobs layer: a queue kept in the database (pg-boss on Postgres, in-process on PGlite),
// schedules with a time zone run once per occurrence, and the clock they all read.
export { type Clock, ManualClock, systemClock } from './clock.js';
export { InProcessQueue } from './in-process-queue.js';
export { DEFAULT_RETRY, type JobHandler, type JobQueue, type RetryPolicy, type SendOptions } from './job-queue.js';
export { type JobQueueOptions, openJobQueue } from './open-job-queue.js';
export { PgBossQueue } from './pg-boss-queue.js';
export { latestDue, occurrenceKey, type ScheduleSpec, Schedules, type SchedulesOptions } from './schedules.js';
