// Keeps every entity's scores current: re-scores the entities a catalog change touched (read from
// the store's change log, as search does), the entities another source says changed (rescore),
// and everything when the scorecard files change. The daily re-score of everything is a job on
// the job queue (daily-rescore.ts). Each change run is claimed in the database first, so with
// several replicas hearing the same change, one of them scores it.
import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import type { CatalogStore, ScorecardStore } from '../store/index.js';
import { RuleEvaluator } from './evaluate-rules.js';
import { gatherExtraFacts, type FactSource } from './fact-sources.js';
import type { LoadedScorecards } from './load-scorecards.js';
import { scoreEntities } from './score-entities.js';
import type { Scorecard, ScorecardProblem } from './types.js';

interface ScoringServiceOptions {
  catalog: Pick<CatalogStore, 'catalogChangesSince' | 'onCatalogChange'>;
  store: ScorecardStore;
  loaded: LoadedScorecards;
  /** Facts from GitHub and on-call, when those sources are configured (more with addFactSource). */
  factSources?: FactSource[];
  logger: Logger;
  /** Told how long each run took and how many entities it scored (for /metrics and the bench). */
  onScored?: (run: ScoredRun) => void;
  now?: () => Date;
}

/** What a run told onScored: its size and where its time went. */
export interface ScoredRun {
  kind: 'full' | 'changes';
  entities: number;
  seconds: number;
  /**
   * A full run's time by part: wall-clock seconds, this process's CPU seconds (on a shared
   * machine the wall clock also counts waiting for a core), and the longest page.
   */
  parts?: Record<RunPart, RunPartTime>;
}

/** The parts of a full run: reading a page, scoring it (facts from every source, rules, levels), writing it. */
export type RunPart = 'read' | 'score' | 'write';

export interface RunPartTime {
  seconds: number;
  cpuSeconds: number;
  /** The longest page of this part, wall clock. */
  longestMs: number;
}

export interface ScoringRun {
  /** Entity-scorecard pairs scored. */
  scored: number;
  /** Of them, those whose level or failing checks changed. */
  changed: number;
}

export class ScoringService {
  private readonly evaluator = new RuleEvaluator();
  private running: Promise<void> | undefined;
  private again = false;
  private readonly stops: Array<() => void | Promise<void>> = [];
  private readonly factSources: FactSource[];
  private starting: Promise<unknown> | undefined;
  private stopping = false;

  constructor(private readonly options: ScoringServiceOptions) {
    this.factSources = [...(options.factSources ?? [])];
  }

  /** A source of facts from outside the catalog (GitHub, on-call), asked before every run. */
  addFactSource(source: FactSource): void {
    this.factSources.push(source);
  }

  get scorecards(): readonly Scorecard[] {
    return this.options.loaded.scorecards;
  }

  /** Scorecard files that could not be used: the others score without them. */
  get problems(): readonly ScorecardProblem[] {
    return this.options.loaded.problems;
  }

  /**
   * Scores every entity now and stores what changed, a page of the catalog at a time (read,
   * scored, written), so memory and each pause stay those of a page. Not claimed: the CLI, the
   * daily job (claimed by its schedule) and tests ask for it.
   */
  async scoreAll(): Promise<ScoringRun> {
    const started = performance.now();
    const run: ScoringRun = { scored: 0, changed: 0 };
    let entities = 0;
    const now = this.now();
    const parts: Record<RunPart, RunPartTime> = {
      read: { seconds: 0, cpuSeconds: 0, longestMs: 0 },
      score: { seconds: 0, cpuSeconds: 0, longestMs: 0 },
      write: { seconds: 0, cpuSeconds: 0, longestMs: 0 },
    };
    let partStart = performance.now();
    let partCpu = process.cpuUsage();
    const partDone = (part: RunPart) => {
      const took = performance.now() - partStart;
      const cpu = process.cpuUsage(partCpu);
      parts[part].seconds += took / 1000;
      parts[part].cpuSeconds += (cpu.user + cpu.system) / 1e6;
      parts[part].longestMs = Math.max(parts[part].longestMs, took);
      partStart = performance.now();
      partCpu = process.cpuUsage();
    };
    for await (const page of this.options.store.scoringPages()) {
      partDone('read');
      // Stopping mid-run leaves the pages written so far (each is whole) and says the run did not finish.
      if (this.stopping) throw new Error('scoring stopped before the run finished');
      const extraFacts = await gatherExtraFacts(this.factSources, page.inputs);
      const scored = await scoreEntities(page.inputs, this.scorecards, this.evaluator, extraFacts);
      partDone('score');
      const saved = await this.options.store.saveScores(scored, { after: page.after, upTo: page.upTo }, now);
      partDone('write');
      entities += page.inputs.length;
      run.scored += scored.length;
      run.changed += saved.moved;
    }
    this.options.onScored?.({ kind: 'full', entities, seconds: (performance.now() - started) / 1000, parts });
    return run;
  }

  /**
   * Re-scores `entityRefs` now, and what depends on them, leaving every other entity's stored
   * score alone: the API for sources that learn of a change the catalog does not see (a GitHub
   * webhook, an on-call change).
   */
  rescore(entityRefs: string[]): Promise<ScoringRun> {
    return this.scoreRefs(entityRefs);
  }

  /**
   * Scores `refs` and what depends on them: a Group's entities (its channel, its on-call, its
   * size are their facts), and a User's groups' entities.
   */
  async scoreRefs(refs: string[]): Promise<ScoringRun> {
    const started = performance.now();
    const { store } = this.options;
    const users = refs.filter((r) => r.startsWith('user:'));
    const owners = [
      ...refs.filter((r) => r.startsWith('group:') || r.startsWith('user:')),
      ...(await store.groupsOf(users)),
    ];
    const all = [...new Set([...refs, ...(await store.refsOwnedBy(owners))])];
    const inputs = await store.scoringInputs(all);
    const extraFacts = await gatherExtraFacts(this.factSources, inputs);
    const scored = await scoreEntities(inputs, this.scorecards, this.evaluator, extraFacts);
    const saved = await store.saveScores(scored, { refs: all }, this.now());
    this.options.onScored?.({
      kind: 'changes',
      entities: inputs.length,
      seconds: (performance.now() - started) / 1000,
    });
    return { scored: scored.length, changed: saved.moved };
  }

  /**
   * Scores what changed since the version last scored, if this replica wins the claim on it.
   * Calls while one runs are folded into one more run after it.
   */
  catchUp(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.catchUpOnce();
      } while (this.again);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async catchUpOnce(): Promise<void> {
    const { store, catalog } = this.options;
    const from = await store.scoredVersion();
    const listed = await catalog.catalogChangesSince(from);
    if (listed.version <= from) return;
    if (!(await store.claimVersions(from, listed.version))) return;
    try {
      if (listed.refs) await this.scoreRefs(listed.refs);
      else await this.scoreAll();
    } catch (error) {
      // Give the versions back so that this or another replica tries again.
      await store.claimVersions(listed.version, from).catch(() => false);
      throw error;
    }
  }

  /**
   * Scores everything once for this set of scorecard files, if no replica has: a new or edited
   * scorecard is scored when the first replica that reads it starts, not at the next daily run.
   */
  async scoreNewScorecards(): Promise<boolean> {
    const { store } = this.options;
    const key = `scorecards:${definitionsHash(this.scorecards)}`;
    if (!(await store.claimRun(key))) return false;
    try {
      await this.scoreAll();
      return true;
    } catch (error) {
      await store.releaseRun(key);
      throw error;
    }
  }

  /** Follows catalog changes (every replica's) until stop(). */
  async start(): Promise<void> {
    const { logger } = this.options;
    const report = (what: string) => (error: unknown) => logger.warn({ err: error }, `scorecards: ${what} failed`);
    const unlisten = await this.options.catalog.onCatalogChange(() => {
      this.catchUp().catch(report('scoring a catalog change'));
    });
    this.stops.push(unlisten);
    // A change made while no replica ran, and a first or changed set of scorecards.
    this.starting = this.catchUp()
      .then(() => this.scoreNewScorecards())
      .catch(report('scoring at start'));
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const stop of this.stops.splice(0)) await stop();
    await Promise.all([this.running?.catch(() => undefined), this.starting]);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }
}

/** Changes when a scorecard file's content does: a new or edited scorecard is scored the same day. */
function definitionsHash(scorecards: readonly Scorecard[]): string {
  const hash = createHash('sha256');
  for (const s of scorecards) hash.update(JSON.stringify({ ...s, file: undefined }));
  return hash.digest('hex').slice(0, 12);
}
