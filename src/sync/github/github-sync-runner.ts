// Keeps the catalog in step with the organisation: a full sync at start and on an interval (by
// one replica at a time), and single-repository increments as webhooks arrive. The catalog side
// (store and sync) is handed in as a SyncTarget, so this file depends on no higher layer.
// A run with any read that failed is 'partial' (what it could not read is kept) and is tried
// again sooner, with a growing delay; a run stops reading once GitHub has failed too many
// requests or its time is up, so the sync lock is never held for long while GitHub is down.
import { silentLogger, type Logger } from '../../log.js';
import type { LocationSnapshot } from '../../sources/types.js';
import type { CodeOwnersChange, KnownCodeOwners } from '../../sources/github/code-owners-reader.js';
import type { DiscoveryReport, GitHubSource, KnownFiles } from '../../sources/github/github-source.js';
import {
  organisationLocationKey,
  repositoryKeyPrefix,
  repositoryLocationKey,
} from '../../sources/github/location-keys.js';
import { planForEvent, type WebhookPlan } from '../../sources/github/webhook-events.js';

/** 'partial': some read failed and what it would have read is kept; 'failed': the run could not go on. */
export type SyncRunStatus = 'succeeded' | 'partial' | 'failed';

/** Counts sync reports after applying snapshots (added, updated, removed, problems, ...). */
export type ApplySummary = Record<string, number>;

/** What the runner needs of the catalog. `storeSyncTarget` makes one from a CatalogStore. */
export interface SyncTarget {
  /** Stored file blob oids of every location whose key starts with `prefix`. */
  knownFiles(prefix: string): Promise<Map<string, Map<string, string>>>;
  /** One location's stored file blob oids; undefined when the store has no such location. */
  locationFiles(key: string): Promise<Map<string, string> | undefined>;
  /** Applies snapshots, one transaction per location. */
  apply(snapshots: LocationSnapshot[]): Promise<ApplySummary>;
  startRun(source: string): Promise<number>;
  finishRun(
    id: number,
    outcome: { status: SyncRunStatus; stats: Record<string, number>; error?: string },
  ): Promise<void>;
  /**
   * Runs `work` while holding a lock no other replica can hold (a Postgres advisory lock);
   * resolves `{ ran: false }` at once when another replica holds it.
   */
  exclusively?<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** Where repositories' CODEOWNERS files are kept, when the catalog keeps them. */
  codeOwners?: {
    known(prefix: string): Promise<Map<string, KnownCodeOwners>>;
    save(change: CodeOwnersChange): Promise<void>;
  };
}

export interface FullSyncProgress {
  phase: 'repositories' | 'organisation' | 'done';
  repositoriesSeen: number;
  /** Repositories in the organisation, once the first page told. */
  repositoriesTotal?: number;
  /** Locations written so far. */
  locationsApplied: number;
}

export interface FullSyncResult {
  /** 'skipped': another replica is syncing. */
  status: SyncRunStatus | 'skipped';
  runId?: number;
  report?: DiscoveryReport;
  /** Sum of what applying the snapshots changed. */
  summary: ApplySummary;
  /** The figures recorded with the run. */
  stats: Record<string, number>;
  error?: string;
}

export interface GitHubSyncOptions {
  source: GitHubSource;
  target: SyncTarget;
  /** Minutes between full syncs (default 30). */
  intervalMinutes?: number;
  /** After a partial or failed run, the next one comes this much sooner, doubling each time up to the interval (default 60 s). */
  retryBaseMs?: number;
  /** The longest a full sync reads before it ends partial (default 10 minutes). */
  maxRunMs?: number;
  /** The longest stop() waits for a sync under way (default 5 s, half the shutdown deadline). */
  stopWaitMs?: number;
  /** Failed GitHub requests (after their retries) a full sync tolerates before it ends partial (default 50). */
  maxFailedRequests?: number;
  logger?: Logger;
}

export class GitHubSync {
  private readonly logger: Logger;
  private running?: Promise<FullSyncResult>;
  private timer?: NodeJS.Timeout;
  private stopped = true;
  /** Set by stop(): a full sync under way ends after its current transaction. */
  private stopping = false;
  /** Webhook work, one delivery after another. */
  private queue: Promise<void> = Promise.resolve();
  /** When a webhook last wrote each location: a full sync that read it earlier must not undo that. */
  private readonly writtenByWebhook = new Map<string, number>();
  /** When the last organisation read began: events that arrived before it are covered by it. */
  private organisationReadStartedAt = 0;
  /** Partial or failed full syncs in a row: the next one is tried after a delay that doubles with each. */
  private failedRuns = 0;

  constructor(private readonly options: GitHubSyncOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get source(): GitHubSource {
    return this.options.source;
  }

  /** A full sync now, and then every interval until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    const loop = async () => {
      try {
        const result = await this.runFull();
        if (result.status === 'failed' || result.status === 'partial')
          this.logger.warn({ err: result.error, status: result.status }, 'GitHub sync did not read everything');
      } catch (error) {
        this.failedRuns += 1;
        this.logger.error({ err: error }, 'GitHub sync could not run');
      }
      if (!this.stopped) this.timer = setTimeout(loop, this.nextRunInMs());
    };
    void loop();
  }

  /** The interval; after partial or failed runs, a backoff that starts short and doubles up to it. */
  nextRunInMs(): number {
    const every = (this.options.intervalMinutes ?? 30) * 60_000;
    if (!this.failedRuns) return every;
    return Math.min(every, (this.options.retryBaseMs ?? 60_000) * 2 ** (this.failedRuns - 1));
  }

  /**
   * Stops the interval and waits for work in progress (a full sync ends after its current
   * transaction), but no longer than `stopWaitMs`: a read stuck on a GitHub that does not answer
   * must not keep the process past its shutdown deadline. Every transaction is whole, so leaving
   * one unfinished loses nothing; the next start marks such a run interrupted.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    let waited: NodeJS.Timeout | undefined;
    const enough = new Promise<void>((resolve) => {
      waited = setTimeout(resolve, this.options.stopWaitMs ?? 5_000);
      waited.unref();
    });
    await Promise.race([Promise.allSettled([this.running, this.queue]), enough]);
    clearTimeout(waited);
  }

  /** Resolves when no full sync and no webhook work is in progress. */
  async idle(): Promise<void> {
    for (;;) {
      const running = this.running;
      const queue = this.queue;
      await Promise.allSettled([running, queue]);
      if (running === this.running && queue === this.queue) return;
    }
  }

  /** Runs a full sync, or joins the one already running in this process. */
  runFull(options: { onProgress?: (progress: FullSyncProgress) => void } = {}): Promise<FullSyncResult> {
    this.running ??= this.fullSyncExclusively(options.onProgress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async fullSyncExclusively(onProgress?: (progress: FullSyncProgress) => void): Promise<FullSyncResult> {
    const { target } = this.options;
    if (!target.exclusively) return this.fullSync(onProgress);
    const outcome = await target.exclusively(`github-sync:${this.source.org}`, () => this.fullSync(onProgress));
    if (outcome.ran) return outcome.value;
    this.logger.info('another replica is syncing GitHub; this one skips this round');
    return { status: 'skipped', summary: {}, stats: {} };
  }

  private async fullSync(onProgress?: (progress: FullSyncProgress) => void): Promise<FullSyncResult> {
    const { target, source } = this.options;
    const started = Date.now();
    const usageBefore = source.connection.counters.read();
    let runId: number | undefined;
    const summary: ApplySummary = {};
    let locationsApplied = 0;
    let seen = 0;
    let total: number | undefined;
    const maxRunMs = this.options.maxRunMs ?? 10 * 60_000;
    const maxFailed = this.options.maxFailedRequests ?? 50;
    /** Why the run must stop reading now (time up, GitHub failing), or undefined. */
    const overBudget = (): string | undefined => {
      if (this.stopping) return 'stopped before it finished, as the process is shutting down';
      const failed = source.connection.counters.since(usageBefore).failedRequests ?? 0;
      if (failed >= maxFailed)
        return `GitHub failed ${failed} requests in this run; it stopped early and the next run picks up`;
      if (Date.now() - started >= maxRunMs)
        return `the run reached its ${Math.round(maxRunMs / 1000)} s limit; it stopped early and the next run picks up`;
      return undefined;
    };
    const apply = async (snapshots: LocationSnapshot[]) => {
      // Stopping (the process is shutting down): end between transactions, not after the whole
      // organisation; what was applied stays, the rest is read again by the next sync.
      if (this.stopping) throw new Error('stopped before it finished, as the process is shutting down');
      // A webhook wrote these after this sync began: its reading is the newer one.
      const current = snapshots.filter((s) => (this.writtenByWebhook.get(s.key) ?? 0) < started);
      addInto(summary, await target.apply(current));
      locationsApplied += current.length;
      onProgress?.({ phase: 'repositories', repositoriesSeen: seen, repositoriesTotal: total, locationsApplied });
    };
    try {
      runId = await target.startRun('github');
      const known = await this.knownFiles();
      const codeOwners = target.codeOwners
        ? { known: await target.codeOwners.known(repositoryKeyPrefix(source.org)), onChange: target.codeOwners.save }
        : undefined;
      const report = await source.discover(known, {
        onSnapshots: apply,
        overBudget,
        codeOwners,
        onProgress: (p) => {
          seen = p.repositoriesSeen;
          total = p.repositoriesTotal;
          onProgress?.({ phase: 'repositories', repositoriesSeen: seen, repositoriesTotal: total, locationsApplied });
        },
      });
      onProgress?.({ phase: 'organisation', repositoriesSeen: seen, repositoriesTotal: total, locationsApplied });
      if (this.stopping) throw new Error('stopped before it finished, as the process is shutting down');
      const stoppedEarly = overBudget();
      const organisation = stoppedEarly ? undefined : await source.readOrganisation(known);
      if (organisation) await apply([organisation]);
      const usage = source.connection.counters.since(usageBefore);
      const organisationFailed = organisation?.status === 'failed';
      const stats: Record<string, number> = {
        ...runStats(report, summary, organisationFailed),
        ...usage,
        durationMs: Date.now() - started,
      };
      const failedReads =
        (report.complete ? 0 : 1) + report.repositoriesFailed + (organisationFailed ? 1 : 0) + (stoppedEarly ? 1 : 0);
      stats.failedReads = failedReads;
      const status: SyncRunStatus = failedReads ? 'partial' : 'succeeded';
      const error =
        [
          report.error,
          organisationFailed ? organisation?.error : undefined,
          stoppedEarly && stoppedEarly !== report.error ? stoppedEarly : undefined,
        ]
          .filter(Boolean)
          .join('; ') ||
        (report.repositoriesFailed
          ? `${report.repositoriesFailed} repositories could not be read whole; what they had is kept`
          : undefined);
      this.failedRuns = status === 'succeeded' ? 0 : this.failedRuns + 1;
      await target.finishRun(runId, { status, stats, error });
      // Older webhook writes cannot be undone by later full syncs: forget them.
      for (const [key, at] of this.writtenByWebhook) if (at < started) this.writtenByWebhook.delete(key);
      onProgress?.({ phase: 'done', repositoriesSeen: seen, repositoriesTotal: total, locationsApplied });
      this.logger.info({ ...stats, status }, 'GitHub sync finished');
      return { status, runId, report, summary, stats, error };
    } catch (error) {
      this.failedRuns += 1;
      const message = error instanceof Error ? error.message : String(error);
      const stats = { ...summary, ...source.connection.counters.since(usageBefore), durationMs: Date.now() - started };
      if (runId !== undefined)
        await target.finishRun(runId, { status: 'failed', stats, error: message }).catch(() => {});
      this.logger.error({ err: error }, 'GitHub sync failed');
      return { status: 'failed', runId, summary, stats, error: message };
    }
  }

  private async knownFiles(): Promise<KnownFiles> {
    const org = this.source.org;
    const [repositories, organisation] = await Promise.all([
      this.options.target.knownFiles(repositoryKeyPrefix(org)),
      this.options.target.locationFiles(organisationLocationKey(org)),
    ]);
    if (organisation) repositories.set(organisationLocationKey(org), organisation);
    return repositories;
  }

  // --- webhooks -----------------------------------------------------------------------

  /** Acts on a verified delivery in the background; `idle()` resolves once it is applied. */
  handleEvent(event: string, payload: Record<string, unknown>): Promise<WebhookPlan> {
    const receivedAt = Date.now();
    const planned = planForEvent(event, payload, {
      org: this.source.org,
      catalogPath: this.source.options.catalogPath,
      branch: this.source.options.branch,
      knownPaths: async (repo) =>
        new Set((await this.options.target.locationFiles(repositoryLocationKey(this.source.org, repo)))?.keys() ?? []),
      dependents: (owner, repo, branch, paths) => this.source.dependents(owner, repo, branch, paths),
    });
    this.queue = this.queue.then(async () => {
      try {
        await this.applyPlan(await planned, receivedAt);
      } catch (error) {
        this.logger.error({ event, err: error }, 'GitHub webhook could not be applied');
      }
    });
    return planned;
  }

  private async applyPlan(plan: WebhookPlan, receivedAt: number): Promise<void> {
    const { source, target } = this.options;
    const org = source.org;
    const snapshots: LocationSnapshot[] = [];
    const knownOf = async (key: string): Promise<KnownFiles> => {
      const files = await target.locationFiles(key);
      return files ? new Map([[key, files]]) : new Map();
    };
    // Deliveries arrive in any order, and late: a `deleted` may describe a repository created again
    // since. So no event is taken at its word: each repository it names is read as GitHub has it
    // now (one request), and only GitHub's answer (not found, renamed, moved, left out) removes.
    const named = [...new Set([...plan.gone, ...plan.read])];
    for (const name of named) {
      const key = repositoryLocationKey(org, name);
      const known = await knownOf(key);
      // A repository said to be gone that the catalog does not hold: nothing to remove, nothing to ask.
      if (!plan.read.includes(name) && !known.size) continue;
      const snapshot = await source.readRepository(name, known);
      if (snapshot) snapshots.push(snapshot);
    }
    // A burst of team events reads the organisation once: a read begun after an event covers it.
    if (plan.organisation && this.organisationReadStartedAt <= receivedAt) {
      this.organisationReadStartedAt = Date.now();
      const snapshot = await source.readOrganisation(await knownOf(organisationLocationKey(org)));
      if (snapshot) snapshots.push(snapshot);
    }
    if (!snapshots.length) return;
    const now = Date.now();
    for (const s of snapshots) this.writtenByWebhook.set(s.key, now);
    const summary = await target.apply(snapshots);
    this.logger.info({ locations: snapshots.map((s) => s.key), ...summary }, 'GitHub webhook applied');
  }
}

function addInto(total: ApplySummary, part: ApplySummary): void {
  for (const [k, v] of Object.entries(part)) if (typeof v === 'number') total[k] = (total[k] ?? 0) + v;
}

function runStats(report: DiscoveryReport, summary: ApplySummary, organisationFailed: boolean): Record<string, number> {
  return {
    repositoriesSeen: report.repositoriesSeen,
    repositoriesIncluded: report.repositoriesIncluded,
    repositoriesChanged: report.repositoriesChanged,
    repositoriesFailed: report.repositoriesFailed,
    repositoriesGone: report.repositoriesGone,
    filesRead: report.filesRead,
    organisationFailed: organisationFailed ? 1 : 0,
    ...summary,
  };
}
