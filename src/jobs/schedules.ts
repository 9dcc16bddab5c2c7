// Cron-like schedules with a time zone, run through the job queue exactly once per occurrence
// across every replica. Each replica ticks (every 30 s); a tick finds each schedule's latest
// occurrence that is due and claims it in the OnceLedger, then queues its job. The occurrence
// is done when that job finishes. If the replica running it dies, its lease stops being renewed,
// runs out, and the next tick on any replica queues the job again: the job itself must therefore
// skip what it already did (the digest keeps one ledger key per team and week).
import { Cron } from 'croner';
import type { Logger } from '../log.js';
import type { OnceLedger } from '../store/once-ledger.js';
import type { Clock } from './clock.js';
import type { JobQueue, RetryPolicy } from './job-queue.js';

export interface ScheduleSpec<T extends object = object> {
  /** Unique name; the ledger keys are `schedule:<name>@<occurrence>`. */
  name: string;
  /** Five-field cron (croner syntax), e.g. `0 9 * * MON`. */
  cron: string;
  /** IANA time zone the cron is read in, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Runs once per occurrence, on one replica; `occurrence` is its ISO time. */
  run(occurrence: Date, data: T): Promise<void>;
  data?: T;
  /** An occurrence missed by longer than this (every replica down) is skipped. Default 6 hours. */
  catchUpMinutes?: number;
  retry?: Partial<RetryPolicy>;
}

export interface SchedulesOptions {
  queue: JobQueue;
  ledger: OnceLedger;
  clock: Clock;
  /** This replica's id, recorded on the claims it takes. */
  replicaId: string;
  /** How long a claim lasts without renewal: a dead replica's occurrence is retried after this. */
  leaseSeconds?: number;
  logger?: Logger;
}

interface Registered {
  spec: ScheduleSpec<object>;
  cron: Cron;
  job: string;
}

export class Schedules {
  private readonly registered = new Map<string, Registered>();
  private timer?: NodeJS.Timeout;
  private readonly leaseMs: number;

  constructor(private readonly options: SchedulesOptions) {
    this.leaseMs = (options.leaseSeconds ?? 300) * 1000;
  }

  /** Registers a schedule and the job that runs its occurrences (call on every replica). */
  async add<T extends object>(spec: ScheduleSpec<T>): Promise<void> {
    const cron = new Cron(spec.cron, { timezone: spec.timeZone, paused: true });
    const job = `schedule.${spec.name}`;
    this.registered.set(spec.name, { spec: spec as unknown as ScheduleSpec<object>, cron, job });
    await this.options.queue.define<{ occurrence: string; key: string }>(
      job,
      (data) => this.runOccurrence(spec as unknown as ScheduleSpec<object>, data),
      spec.retry,
    );
  }

  /** The next occurrence of a schedule after `after` (status, docs, tests). */
  nextOccurrence(name: string, after: Date = this.options.clock.now()): Date | undefined {
    return this.registered.get(name)?.cron.nextRun(after) ?? undefined;
  }

  /** Queues every due occurrence this replica can claim; returns the keys it queued. */
  async tick(): Promise<string[]> {
    const now = this.options.clock.now();
    const queued: string[] = [];
    for (const { spec, cron, job } of this.registered.values()) {
      const occurrence = latestDue(cron, now, (spec.catchUpMinutes ?? 360) * 60_000);
      if (!occurrence) continue;
      const key = occurrenceKey(spec.name, occurrence);
      const claimed = await this.options.ledger.claim(
        key,
        this.options.replicaId,
        now,
        new Date(now.getTime() + this.leaseMs),
      );
      if (!claimed) continue;
      try {
        await this.options.queue.send(job, { occurrence: occurrence.toISOString(), key }, { key });
        queued.push(key);
      } catch (error) {
        await this.options.ledger.release(key, this.options.replicaId);
        this.options.logger?.error({ err: error, schedule: spec.name }, 'could not queue a scheduled job');
      }
    }
    return queued;
  }

  /** Ticks every `seconds` until stop(). */
  start(seconds = 30): void {
    const run = () =>
      void this.tick().catch((error) => this.options.logger?.error({ err: error }, 'schedule tick failed'));
    run();
    this.timer = setInterval(run, seconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async runOccurrence(spec: ScheduleSpec<object>, data: { occurrence: string; key: string }): Promise<void> {
    const { ledger, clock, replicaId } = this.options;
    // Whoever runs it holds the claim from now on, renewing it while the work lasts.
    const now = clock.now();
    await ledger.takeOver(data.key, replicaId, new Date(now.getTime() + this.leaseMs));
    const renew = setInterval(
      () => void ledger.extend(data.key, replicaId, new Date(clock.now().getTime() + this.leaseMs)).catch(() => {}),
      Math.max(1000, this.leaseMs / 3),
    );
    renew.unref();
    try {
      await spec.run(new Date(data.occurrence), (spec.data ?? {}) as object);
      await ledger.done(data.key, undefined, clock.now());
    } finally {
      clearInterval(renew);
    }
  }
}

export function occurrenceKey(name: string, occurrence: Date): string {
  return `schedule:${name}@${occurrence.toISOString()}`;
}

/** The latest occurrence at or before `now` and no older than `windowMs`. */
export function latestDue(cron: Cron, now: Date, windowMs: number): Date | undefined {
  let latest: Date | undefined;
  let next = cron.nextRun(new Date(now.getTime() - windowMs - 1));
  while (next && next.getTime() <= now.getTime()) {
    latest = next;
    next = cron.nextRun(next);
  }
  return latest;
}
