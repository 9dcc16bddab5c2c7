// Keeps every entity's scores current: re-scores the entities a catalog change touched (read from
// the store's change log, as search does), and everything once a day. Each run is claimed in the
// database first, so with several replicas hearing the same change, one of them scores it.
import { createHash } from 'node:crypto';
import type { Logger } from '../log.js';
import type { CatalogStore, ScorecardStore } from '../store/index.js';
import { RuleEvaluator } from './evaluate-rules.js';
import { gatherExtraFacts, type FactSource } from './fact-sources.js';
import type { LoadedScorecards } from './load-scorecards.js';
import { timerSchedule, type ScoringSchedule } from './schedule.js';
import { scoreEntities } from './score-entities.js';
import type { Scorecard, ScorecardProblem } from './types.js';

/** How often a replica asks whether today's full run has been done. */
const DAILY_CHECK_MS = 15 * 60_000;

export interface ScoringServiceOptions {
  catalog: Pick<CatalogStore, 'catalogChangesSince' | 'onCatalogChange'>;
  store: ScorecardStore;
  loaded: LoadedScorecards;
  /** Facts from GitHub and on-call, when those sources are configured (more with addFactSource). */
  factSources?: FactSource[];
  schedule?: ScoringSchedule;
  logger: Logger;
  /** Told how long each run took and how many entities it scored (for /metrics and the bench). */
  onScored?: (run: { kind: 'full' | 'changes'; entities: number; seconds: number }) => void;
  now?: () => Date;
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

  /** Scores every entity now and stores the result (not claimed: the CLI and tests ask for it). */
  async scoreAll(): Promise<ScoringRun> {
    const started = performance.now();
    const inputs = await this.options.store.scoringInputs();
    const extraFacts = await gatherExtraFacts(this.factSources, inputs);
    const scored = await scoreEntities(inputs, this.scorecards, this.evaluator, extraFacts);
    const changed = await this.options.store.saveScores(scored, 'all', this.now());
    this.options.onScored?.({ kind: 'full', entities: inputs.length, seconds: (performance.now() - started) / 1000 });
    return { scored: scored.length, changed };
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
    const changed = await store.saveScores(scored, { refs: all }, this.now());
    this.options.onScored?.({
      kind: 'changes',
      entities: inputs.length,
      seconds: (performance.now() - started) / 1000,
    });
    return { scored: scored.length, changed };
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

  /** Today's full run, if no replica has done it; also run when the scorecard files changed. */
  async daily(): Promise<boolean> {
    const { store } = this.options;
    const key = `daily:${this.now().toISOString().slice(0, 10)}:${definitionsHash(this.scorecards)}`;
    if (!(await store.claimRun(key))) return false;
    try {
      await this.scoreAll();
      return true;
    } catch (error) {
      await store.releaseRun(key);
      throw error;
    }
  }

  /** Follows catalog changes (every replica's) and runs the daily score; stop() ends both. */
  async start(): Promise<void> {
    const { logger } = this.options;
    const report = (what: string) => (error: unknown) => logger.warn({ err: error }, `scorecards: ${what} failed`);
    const unlisten = await this.options.catalog.onCatalogChange(() => {
      this.catchUp().catch(report('scoring a catalog change'));
    });
    this.stops.push(unlisten);
    this.stops.push(
      (this.options.schedule ?? timerSchedule).every('scorecards-daily', DAILY_CHECK_MS, () =>
        this.daily().then(() => undefined, report('the daily scoring')),
      ),
    );
    // A change made while no replica ran, and a first or changed set of scorecards.
    this.catchUp()
      .then(() => this.daily())
      .catch(report('scoring at start'));
  }

  async stop(): Promise<void> {
    for (const stop of this.stops.splice(0)) await stop();
    await this.running?.catch(() => undefined);
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
