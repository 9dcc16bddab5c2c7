// Keeps the catalog in step with the organisation: a full sync at start and on an interval (by
// one replica at a time), and single-repository increments as webhooks arrive. It has the GitHub
// source read, hands the snapshots to syncSnapshots for the catalog store, and keeps
// repositories' CODEOWNERS in their store; the search index follows the store's change log.
// A run with any read that failed is 'partial' (what it could not read is kept) and is tried
// again sooner, with a growing delay; a run stops reading once GitHub has failed too many
// requests or its time is up, so the sync lock is never held for long while GitHub is down.
import type { CatalogRules } from '../../catalog/catalog-rules.js';
import { silentLogger, type Logger } from '../../log.js';
import type { LocationSnapshot } from '../../sources/types.js';
import type { CodeOwnersOptions } from '../../sources/github/code-owners-reader.js';
import type { DiscoveryReport, GitHubSource, KnownFiles } from '../../sources/github/github-source.js';
import {
  organisationLocationKey,
  repositoryKeyPrefix,
  repositoryLocationKey,
} from '../../sources/github/location-keys.js';
import { planForEvent, type WebhookPlan } from './webhook-events.js';
import type { CatalogStore, LocationState } from '../../store/index.js';
import type { RepositoryCodeOwners } from '../../github-records.js';
import type { CodeOwnersStore } from '../../store/code-owners-store.js';
import { addInto, emptySummary, syncSnapshots, type SyncSummary } from '../sync-snapshots.js';

/** 'partial': some read failed and what it would have read is kept; 'failed': the run could not go on. */
export type SyncRunStatus = 'succeeded' | 'partial' | 'failed';

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
  summary: SyncSummary;
  /** The figures recorded with the run. */
  stats: Record<string, number>;
  error?: string;
}

export interface GitHubSyncOptions {
  source: GitHubSource;
  /** The catalog the snapshots are applied to. */
  catalog: CatalogStore;
  /** Where repositories' CODEOWNERS files are kept; without it they are not read. */
  codeOwners?: CodeOwnersStore;
  /** Which kinds a repository's files may declare (CATALOG_RULES; default Backstage's). */
  rules?: CatalogRules;
  /** Catalog files larger than this are refused with a problem (CATALOG_MAX_FILE_MB). */
  maxFileBytes?: number;
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
  /** Counts each write's start and end; `lastWrite` holds the count when one of a location last started or ended. */
  private writeMarks = 0;
  private readonly lastWrite = new Map<string, number>();

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
    const outcome = await this.options.catalog.exclusively(`github-sync:${this.source.org}`, () =>
      this.fullSync(onProgress),
    );
    if (outcome.ran) return outcome.value;
    this.logger.info('another replica is syncing GitHub; this one skips this round');
    return { status: 'skipped', summary: emptySummary(), stats: {} };
  }

  private async fullSync(onProgress?: (progress: FullSyncProgress) => void): Promise<FullSyncResult> {
    const { catalog, codeOwners, source } = this.options;
    const started = Date.now();
    const usageBefore = source.connection.counters.read();
    let runId: number | undefined;
    const summary = emptySummary();
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
      addInto(summary, await this.applySnapshots(current));
      locationsApplied += current.length;
      onProgress?.({ phase: 'repositories', repositoriesSeen: seen, repositoriesTotal: total, locationsApplied });
    };
    try {
      runId = await catalog.startSyncRun('github');
      const known = await this.knownFiles();
      const owners = codeOwners
        ? {
            known: await codeOwners.known(repositoryKeyPrefix(source.org)),
            onChange: ({ changed, removed }: { changed: RepositoryCodeOwners[]; removed: string[] }) =>
              codeOwners.save(changed, removed),
          }
        : undefined;
      const report = await source.discover(known, {
        onSnapshots: apply,
        overBudget,
        codeOwners: owners,
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
      await catalog.finishSyncRun(runId, { status, stats, error });
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
        await catalog.finishSyncRun(runId, { status: 'failed', stats, error: message }).catch(() => {});
      this.logger.error({ err: error }, 'GitHub sync failed');
      return { status: 'failed', runId, summary, stats, error: message };
    }
  }

  /** What the store holds of the organisation's locations: every repository's files and the teams'. */
  private async knownFiles(): Promise<KnownFiles> {
    const org = this.source.org;
    const organisationKey = organisationLocationKey(org);
    const [repositories, organisation] = await Promise.all([
      this.options.catalog.knownFileShasByPrefix(repositoryKeyPrefix(org)),
      this.options.catalog.locationStates([organisationKey]),
    ]);
    return new Map([...repositories, ...knownFilesOf(organisation)]);
  }

  /**
   * Applies snapshots to the catalog, marking their locations as the write starts and ends: a
   * state read before the end mark (storedStates) may miss what was written.
   */
  private async applySnapshots(
    snapshots: LocationSnapshot[],
    stored?: ReadonlyMap<string, LocationState>,
  ): Promise<SyncSummary> {
    const { catalog, rules, maxFileBytes } = this.options;
    const mark = () => {
      this.writeMarks += 1;
      for (const s of snapshots) this.lastWrite.set(s.key, this.writeMarks);
    };
    mark();
    try {
      return await syncSnapshots(catalog, snapshots, { rules, maxFileBytes, stored });
    } finally {
      mark();
    }
  }

  // --- webhooks -----------------------------------------------------------------------

  /** Acts on a verified delivery in the background; `idle()` resolves once it is applied. */
  handleEvent(event: string, payload: Record<string, unknown>): Promise<WebhookPlan> {
    const receivedAt = Date.now();
    // What planning reads of the store is handed on to applying, so a push reads its location once.
    const stored: PlanningRead = { states: new Map(), marksBefore: this.writeMarks };
    const planned = planForEvent(event, payload, {
      org: this.source.org,
      catalogPath: this.source.options.catalogPath,
      branch: this.source.options.branch,
      knownPaths: async (repo) => {
        const key = repositoryLocationKey(this.source.org, repo);
        const state = (await this.options.catalog.locationStates([key])).get(key)!;
        stored.states.set(key, state);
        return new Set(state.files.keys());
      },
      dependents: (owner, repo, branch, paths) => this.source.dependents(owner, repo, branch, paths),
      ...(this.options.codeOwners ? { codeOwners: { has: (repo) => this.hasCodeOwners(repo) } } : {}),
    });
    this.queue = this.queue.then(async () => {
      try {
        await this.applyPlan(await planned, receivedAt, stored);
      } catch (error) {
        this.logger.error({ event, err: error }, 'GitHub webhook could not be applied');
      }
    });
    return planned;
  }

  private async applyPlan(plan: WebhookPlan, receivedAt: number, planning: PlanningRead): Promise<void> {
    const { source } = this.options;
    const org = source.org;
    // Deliveries arrive in any order, and late: a `deleted` may describe a repository created again
    // since. So no event is taken at its word: each repository it names is read as GitHub has it
    // now (one request), and only GitHub's answer (not found, renamed, moved, left out) removes.
    const refreshOwners = new Set(plan.codeOwners ?? []);
    const named = [...new Set([...plan.gone, ...plan.read, ...refreshOwners])];
    // A burst of team events reads the organisation once: a read begun after an event covers it.
    const readOrganisation = plan.organisation && this.organisationReadStartedAt <= receivedAt;
    const keys = named.map((name) => repositoryLocationKey(org, name));
    if (readOrganisation) keys.push(organisationLocationKey(org));
    const stored = await this.storedStates(keys, planning);
    const snapshots: LocationSnapshot[] = [];
    for (const name of named) {
      const key = repositoryLocationKey(org, name);
      const state = stored.get(key)!;
      // A repository said to be gone that the catalog does not hold: nothing to remove, nothing to ask.
      if (!plan.read.includes(name) && !refreshOwners.has(name) && !state.held) continue;
      // The same one request answers the repository's CODEOWNERS file; its file list is one tree read.
      const owners = refreshOwners.has(name) ? await this.codeOwnersFor(key) : undefined;
      const snapshot = await source.readRepository(name, knownFilesOf(new Map([[key, state]])), owners);
      if (snapshot) snapshots.push(snapshot);
    }
    if (readOrganisation) {
      this.organisationReadStartedAt = Date.now();
      const snapshot = await source.readOrganisation(knownFilesOf(stored));
      if (snapshot) snapshots.push(snapshot);
    }
    if (!snapshots.length) return;
    const now = Date.now();
    for (const s of snapshots) this.writtenByWebhook.set(s.key, now);
    const summary = await this.applySnapshots(snapshots, stored);
    this.logger.info({ ...summary, keys: snapshots.map((s) => s.key) }, 'GitHub webhook applied');
  }

  /** Whether a CODEOWNERS file is stored for the organisation's repository `repo`. */
  private async hasCodeOwners(repo: string): Promise<boolean> {
    const key = repositoryLocationKey(this.source.org, repo);
    return (await this.options.codeOwners?.known(key))?.has(key) ?? false;
  }

  /** What the source needs to read one repository's CODEOWNERS again and store what changed. */
  private async codeOwnersFor(key: string): Promise<CodeOwnersOptions | undefined> {
    const { codeOwners } = this.options;
    if (!codeOwners) return undefined;
    return {
      known: await codeOwners.known(key),
      onChange: ({ changed, removed }) => codeOwners.save(changed, removed),
    };
  }

  /**
   * The store's state of `keys`: what planning read, unless a write of that location was under
   * way or began since (a full sync, an earlier delivery), and one read for the rest.
   */
  private async storedStates(keys: string[], planning: PlanningRead): Promise<Map<string, LocationState>> {
    const states = new Map<string, LocationState>();
    for (const [key, state] of planning.states)
      if ((this.lastWrite.get(key) ?? 0) <= planning.marksBefore) states.set(key, state);
    const unread = keys.filter((key) => !states.has(key));
    if (unread.length)
      for (const [key, state] of await this.options.catalog.locationStates(unread)) states.set(key, state);
    return states;
  }
}

/** What planning a delivery read of the store, and the write marks there were before it read. */
interface PlanningRead {
  states: Map<string, LocationState>;
  marksBefore: number;
}

/** The store's files as the GitHub source takes them: blob oids by path, for the locations it holds. */
function knownFilesOf(states: ReadonlyMap<string, LocationState>): KnownFiles {
  const known = new Map<string, Map<string, string>>();
  for (const [key, state] of states)
    if (state.held) known.set(key, new Map([...state.files].map(([path, file]) => [path, file.sha])));
  return known;
}

function runStats(report: DiscoveryReport, summary: SyncSummary, organisationFailed: boolean): Record<string, number> {
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
