// What every surface shows of the scores (/scorecard, the /service card's line, App Home, the
// CLI): one entity's standing on each scorecard that applies, a team's entities by level, the
// organisation by level with the checks failing most and the week's movers. Read from the
// stored results, so an answer costs a few indexed reads whatever the catalog's size; the
// organisation's summary, which reads every row, is kept until a save changes the scores
// (scoresVersion, one indexed read, moves on every replica's writes).
import type { LevelMove, ScorecardStore } from '../store/index.js';
import { standing } from './levels.js';
import type { CheckOutcome, Scorecard, ScorecardCheck, ScorecardProblem } from './types.js';

interface CheckStanding {
  check: ScorecardCheck;
  outcome: CheckOutcome;
  /** When the outcome last changed. */
  changedAt?: Date;
}

export interface EntityStanding {
  scorecard: Scorecard;
  level?: string;
  nextLevel?: string;
  /** Checks that do not pass, lowest level first, then those that pass. */
  checks: CheckStanding[];
  /** What the next level still needs. */
  missingForNext: ScorecardCheck[];
}

export interface TeamStanding {
  scorecard: Scorecard;
  /** Highest level first, then "no level". */
  byLevel: Array<{ level?: string; entityRefs: string[] }>;
  mostFailing: Array<{ check: ScorecardCheck; count: number }>;
}

export interface OrganisationStanding {
  perScorecard: Array<{ scorecard: Scorecard; counts: Array<{ level?: string; count: number }> }>;
  mostFailing: Array<{ scorecard: Scorecard; check: ScorecardCheck; count: number }>;
  /** Level changes since a week ago. */
  movers: Array<Omit<LevelMove, 'scorecard'> & { scorecard: Scorecard }>;
}

const MOST_FAILING = 5;
const MOVERS = 5;

export class ScorecardViews {
  private summary: { key: string; standing: Promise<OrganisationStanding> } | undefined;

  constructor(
    private readonly source: {
      readonly scorecards: readonly Scorecard[];
      readonly problems: readonly ScorecardProblem[];
    },
    private readonly store: ScorecardStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Scorecard files that could not be used. */
  get problems(): readonly ScorecardProblem[] {
    return this.source.problems;
  }

  get scorecards(): readonly Scorecard[] {
    return this.source.scorecards;
  }

  private byName(name: string): Scorecard | undefined {
    return this.source.scorecards.find((s) => s.name === name);
  }

  /** `ref` on each scorecard that has scored it. */
  async entity(ref: string): Promise<EntityStanding[]> {
    const [levels, outcomes] = await Promise.all([this.store.levelsOf([ref]), this.store.outcomesOf(ref)]);
    const out: EntityStanding[] = [];
    for (const row of levels) {
      const scorecard = this.byName(row.scorecard);
      if (!scorecard) continue;
      const stored = new Map(outcomes.filter((o) => o.scorecard === row.scorecard).map((o) => [o.checkId, o]));
      const byId: Record<string, CheckOutcome> = {};
      const checks = scorecard.checks.map((check) => {
        const found = stored.get(check.id);
        const outcome = (found?.outcome ?? 'unknown') as CheckOutcome;
        byId[check.id] = outcome;
        return { check, outcome, changedAt: found?.changedAt };
      });
      const rank = (c: CheckStanding) =>
        (c.outcome === 'pass' ? 1000 : 0) +
        scorecard.levels.indexOf(c.check.level) * 10 +
        (c.outcome === 'unknown' ? 1 : 0);
      checks.sort((a, b) => rank(a) - rank(b));
      const { level, nextLevel, missingForNext } = standing(scorecard, byId);
      out.push({ scorecard, level, nextLevel, checks, missingForNext });
    }
    return out.sort((a, b) => a.scorecard.title.localeCompare(b.scorecard.title));
  }

  /** One line per scorecard for the /service card: "Production readiness: Silver, 5 checks to Gold". */
  async cardLines(ref: string): Promise<string[]> {
    return (await this.entity(ref)).map((s) => standingLine(s));
  }

  /** The entities `owners` (teams) own, by level on each scorecard. */
  async team(owners: string[]): Promise<TeamStanding[]> {
    const rows = await this.store.levelsOwnedBy(owners);
    const out: TeamStanding[] = [];
    for (const scorecard of this.source.scorecards) {
      const mine = rows.filter((r) => r.scorecard === scorecard.name);
      if (!mine.length) continue;
      const byLevel = [
        ...scorecard.levels.map((l, i) => ({ level: l as string | undefined, index: i })).reverse(),
        { level: undefined, index: -1 },
      ]
        .map(({ level, index }) => ({
          level,
          entityRefs: mine
            .filter((r) => r.levelIndex === index)
            .map((r) => r.entityRef)
            .sort(),
        }))
        .filter((g) => g.entityRefs.length);
      const counts = new Map<string, number>();
      for (const r of mine) for (const id of r.failing) counts.set(id, (counts.get(id) ?? 0) + 1);
      const mostFailing = [...counts]
        .flatMap(([id, count]) => {
          const check = scorecard.checks.find((c) => c.id === id);
          return check ? [{ check, count }] : [];
        })
        .sort((a, b) => b.count - a.count || a.check.id.localeCompare(b.check.id))
        .slice(0, MOST_FAILING);
      out.push({ scorecard, byLevel, mostFailing });
    }
    return out;
  }

  /** The organisation on each scorecard, the checks failing most, and this week's movers. */
  async organisation(): Promise<OrganisationStanding> {
    const weekAgo = new Date(this.now().getTime() - 7 * 86_400_000).toISOString().slice(0, 10);
    const key = `${await this.store.scoresVersion()}:${weekAgo}`;
    if (this.summary?.key !== key) {
      const standing = this.readOrganisation(weekAgo);
      this.summary = { key, standing };
      // A failed read is not kept: the next question reads again.
      standing.catch(() => {
        if (this.summary?.standing === standing) this.summary = undefined;
      });
    }
    return this.summary.standing;
  }

  private async readOrganisation(weekAgo: string): Promise<OrganisationStanding> {
    const [counts, failing, movers] = await Promise.all([
      this.store.levelCounts(),
      this.store.mostFailing(MOST_FAILING * 2),
      this.store.movers(weekAgo, MOVERS),
    ]);
    const perScorecard = this.source.scorecards.map((scorecard) => ({
      scorecard,
      counts: [
        ...scorecard.levels.map((l, i) => ({ level: l as string | undefined, i })).reverse(),
        { level: undefined, i: -1 },
      ].map(({ level, i }) => ({
        level,
        count: counts.find((c) => c.scorecard === scorecard.name && c.levelIndex === i)?.count ?? 0,
      })),
    }));
    const mostFailing = failing
      .flatMap((f) => {
        const scorecard = this.byName(f.scorecard);
        const check = scorecard?.checks.find((c) => c.id === f.checkId);
        return scorecard && check ? [{ scorecard, check, count: f.count }] : [];
      })
      .slice(0, MOST_FAILING);
    return {
      perScorecard,
      mostFailing,
      movers: movers.flatMap((m) => {
        const scorecard = this.byName(m.scorecard);
        return scorecard ? [{ ...m, scorecard }] : [];
      }),
    };
  }
}

/** "Production readiness: Silver, 5 checks to Gold" (or "Gold, the top level"). */
export function standingLine(s: EntityStanding): string {
  const level = s.level ?? 'no level yet';
  if (!s.nextLevel) return `${s.scorecard.title}: ${level}, the top level`;
  const n = s.missingForNext.length;
  return `${s.scorecard.title}: ${level}, ${n} check${n === 1 ? '' : 's'} to ${s.nextLevel}`;
}
