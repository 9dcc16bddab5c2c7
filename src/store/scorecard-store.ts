// Scorecard results: the store the scorer reads its inputs from and writes its scores to
// (scoring-inputs.ts, scorecard-writes.ts), the claims that make each scoring run happen once
// across replicas, and the reads /scorecard answers from.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { entities, scorecardClaims, scorecardLevelHistory, scorecardLevels } from './schema.js';
import { type SaveResult, type SaveScope, type ScoreRow, saveScores } from './scorecard-writes.js';
import {
  groupsOf,
  refsOwnedBy,
  type ScoringInput,
  type ScoringPage,
  scoringInputsOf,
  scoringPages,
} from './scoring-inputs.js';

export type { SaveResult, SaveScope, ScoreRow } from './scorecard-writes.js';
export type { ScoringInput, ScoringPage } from './scoring-inputs.js';

export interface StoredLevel {
  entityRef: string;
  scorecard: string;
  level?: string;
  levelIndex: number;
  owner?: string;
  failing: string[];
  changedAt: Date;
}

export interface StoredOutcome {
  scorecard: string;
  checkId: string;
  outcome: string;
  changedAt: Date;
}

export interface LevelMove {
  entityRef: string;
  scorecard: string;
  level?: string;
  levelIndex: number;
  beforeLevel?: string;
  beforeIndex: number;
}

/** An entity's level on a scorecard now, and on each day it changed (newest first). */
export interface ChangedHistory {
  entityRef: string;
  scorecard: string;
  owner?: string;
  level?: string;
  levelIndex: number;
  /** The checks that fail now. */
  failing: string[];
  history: Array<{ day: string; level?: string; levelIndex: number; failing: string[] }>;
}

export class ScorecardStore {
  constructor(private readonly db: Db) {}

  // --- what the scorer reads and writes (scoring-inputs.ts, scorecard-writes.ts) ----------

  /** The entities `refs`, with what their catalog facts need. */
  scoringInputs(refs: string[]): Promise<ScoringInput[]> {
    return scoringInputsOf(this.db, refs);
  }

  /** The whole catalog, a page at a time in ref order. */
  scoringPages(pageSize?: number): AsyncGenerator<ScoringPage> {
    return scoringPages(this.db, pageSize);
  }

  /** Entities owned by any of `owners` (a team changed: its entities' owner facts did too). */
  async refsOwnedBy(owners: string[]): Promise<string[]> {
    return owners.length ? refsOwnedBy(this.db, owners) : [];
  }

  /** The groups `users` are members of (their memberOf relations). */
  groupsOf(users: string[]): Promise<string[]> {
    return groupsOf(this.db, users);
  }

  /** Entities whose annotations name one of `repositories` (`org/repo`, lower-cased). */
  async refsOfRepositories(repositories: string[]): Promise<string[]> {
    if (!repositories.length) return [];
    const rows = await this.db
      .select({ ref: entities.ref })
      .from(entities)
      .where(
        sql`${entities.repositories} && ${sql`ARRAY[${sql.join(
          repositories.map((r) => sql`${r}`),
          sql`, `,
        )}]::text[]`}`,
      );
    return rows.map((r) => r.ref);
  }

  /**
   * Stores scores, writing only the rows that changed (see scorecard-writes.ts). `scope` says
   * which stored scores these replace: those of `refs`, or those in a ref range of a full run.
   */
  saveScores(scores: ScoreRow[], scope: SaveScope, now = new Date()): Promise<SaveResult> {
    return saveScores(this.db, scores, scope, now);
  }

  /** Goes up whenever a save wrote anything: a summary read at one value is current while it holds. */
  async scoresVersion(): Promise<number> {
    const [row] = await this.db
      .select({ value: scorecardClaims.value })
      .from(scorecardClaims)
      .where(eq(scorecardClaims.key, 'scores'));
    return row?.value ?? 0;
  }

  // --- claims: each run once across replicas ---------------------------------------------

  /** The catalog version scored up to. */
  async scoredVersion(): Promise<number> {
    const [row] = await this.db
      .select({ value: scorecardClaims.value })
      .from(scorecardClaims)
      .where(eq(scorecardClaims.key, 'catalog'));
    return row?.value ?? 0;
  }

  /** Moves the scored version from `from` to `to`; false when another replica moved it first (that one scores). */
  async claimVersions(from: number, to: number): Promise<boolean> {
    if (from === 0) {
      const inserted = await this.db
        .insert(scorecardClaims)
        .values({ key: 'catalog', value: to })
        .onConflictDoNothing()
        .returning({ key: scorecardClaims.key });
      if (inserted.length) return true;
    }
    const moved = await this.db
      .update(scorecardClaims)
      .set({ value: to, claimedAt: new Date() })
      .where(and(eq(scorecardClaims.key, 'catalog'), eq(scorecardClaims.value, from)))
      .returning({ key: scorecardClaims.key });
    return moved.length > 0;
  }

  /** Claims a one-off run (`daily:2026-12-07`); false when a replica already has. */
  async claimRun(key: string): Promise<boolean> {
    const inserted = await this.db
      .insert(scorecardClaims)
      .values({ key, value: 1 })
      .onConflictDoNothing()
      .returning({ key: scorecardClaims.key });
    return inserted.length > 0;
  }

  /** Gives a claimed run back (it failed): the next replica to try runs it. */
  async releaseRun(key: string): Promise<void> {
    await this.db.delete(scorecardClaims).where(eq(scorecardClaims.key, key));
  }

  // --- what /scorecard reads ---------------------------------------------------------------

  async levelsOf(refs: string[]): Promise<StoredLevel[]> {
    if (!refs.length) return [];
    const rows = await this.db
      .select(LEVEL_COLUMNS)
      .from(scorecardLevels)
      .where(inArray(scorecardLevels.entityRef, refs));
    return rows.map(toLevel);
  }

  async levelsOwnedBy(owners: string[]): Promise<StoredLevel[]> {
    if (!owners.length) return [];
    const rows = await this.db
      .select(LEVEL_COLUMNS)
      .from(scorecardLevels)
      .where(inArray(scorecardLevels.owner, owners));
    return rows.map(toLevel);
  }

  /** Each check's outcome for `ref` on every scorecard, with when it last changed. */
  async outcomesOf(ref: string): Promise<StoredOutcome[]> {
    const rows = await this.db
      .select({
        scorecard: scorecardLevels.scorecard,
        outcomes: scorecardLevels.outcomes,
        outcomeChangedAt: scorecardLevels.outcomeChangedAt,
        scoredSince: scorecardLevels.scoredSince,
      })
      .from(scorecardLevels)
      .where(eq(scorecardLevels.entityRef, ref));
    return rows.flatMap((row) =>
      Object.entries(row.outcomes).map(([checkId, outcome]) => ({
        scorecard: row.scorecard,
        checkId,
        outcome,
        changedAt: row.outcomeChangedAt[checkId] ? new Date(row.outcomeChangedAt[checkId]) : row.scoredSince,
      })),
    );
  }

  /** How many entities sit at each level of each scorecard (-1: none). */
  async levelCounts(): Promise<Array<{ scorecard: string; levelIndex: number; count: number }>> {
    const rows = await this.db
      .select({
        scorecard: scorecardLevels.scorecard,
        levelIndex: scorecardLevels.levelIndex,
        count: sql<number>`count(*)`,
      })
      .from(scorecardLevels)
      .groupBy(scorecardLevels.scorecard, scorecardLevels.levelIndex);
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  /** The checks that fail for most entities, across the organisation. */
  async mostFailing(limit: number): Promise<Array<{ scorecard: string; checkId: string; count: number }>> {
    type Row = { scorecard: string; check_id: string; n: number };
    const rows = await this.db.execute<Row>(sql`
      SELECT scorecard, check_id, count(*) AS n FROM ${scorecardLevels}, unnest(failing) AS check_id
      GROUP BY scorecard, check_id ORDER BY n DESC, scorecard, check_id LIMIT ${limit}`);
    return rowsOf<Row>(rows).map((r) => ({ scorecard: r.scorecard, checkId: r.check_id, count: Number(r.n) }));
  }

  /** Entities whose level differs from the one they had on `since` (YYYY-MM-DD), biggest moves first. */
  async movers(since: string, limit: number): Promise<LevelMove[]> {
    type Row = {
      entity_ref: string;
      scorecard: string;
      level: string | null;
      level_index: number;
      before_level: string | null;
      before_index: number;
    };
    const rows = await this.db.execute<Row>(sql`
      WITH touched AS (
        SELECT DISTINCT entity_ref, scorecard FROM ${scorecardLevelHistory} WHERE day > ${since}::date
      )
      SELECT l.entity_ref, l.scorecard, l.level, l.level_index, b.level AS before_level, b.level_index AS before_index
      FROM touched t
      JOIN ${scorecardLevels} l ON l.entity_ref = t.entity_ref AND l.scorecard = t.scorecard
      JOIN LATERAL (
        SELECT h.level, h.level_index FROM ${scorecardLevelHistory} h
        WHERE h.entity_ref = t.entity_ref AND h.scorecard = t.scorecard AND h.day <= ${since}::date
        ORDER BY h.day DESC LIMIT 1
      ) b ON true
      WHERE b.level_index <> l.level_index
      ORDER BY abs(l.level_index - b.level_index) DESC, l.entity_ref
      LIMIT ${limit}`);
    return rowsOf<Row>(rows).map((r) => ({
      entityRef: r.entity_ref,
      scorecard: r.scorecard,
      level: r.level ?? undefined,
      levelIndex: Number(r.level_index),
      beforeLevel: r.before_level ?? undefined,
      beforeIndex: Number(r.before_index),
    }));
  }

  /**
   * Every entity and scorecard whose level history has more than one day (something changed since
   * it was first scored), with its owner and current failing checks, history newest first: what
   * scorecard notices (a level dropped, a check newly failing) are worked out from.
   */
  async changedHistories(): Promise<ChangedHistory[]> {
    type Row = {
      entity_ref: string;
      scorecard: string;
      owner: string | null;
      current_level: string | null;
      current_index: number;
      current_failing: string[];
      day: string;
      level: string | null;
      level_index: number;
      failing: string[];
    };
    const rows = await this.db.execute<Row>(sql`
      WITH changed AS (
        SELECT entity_ref, scorecard FROM ${scorecardLevelHistory} GROUP BY entity_ref, scorecard HAVING count(*) > 1
      )
      SELECT h.entity_ref, h.scorecard, l.owner, l.level AS current_level, l.level_index AS current_index,
             l.failing AS current_failing, h.day::text AS day, h.level, h.level_index, h.failing
      FROM changed c
      JOIN ${scorecardLevels} l ON l.entity_ref = c.entity_ref AND l.scorecard = c.scorecard
      JOIN ${scorecardLevelHistory} h ON h.entity_ref = c.entity_ref AND h.scorecard = c.scorecard
      ORDER BY h.entity_ref, h.scorecard, h.day DESC`);
    const histories: ChangedHistory[] = [];
    let last: ChangedHistory | undefined;
    for (const row of rowsOf<Row>(rows)) {
      if (!last || last.entityRef !== row.entity_ref || last.scorecard !== row.scorecard) {
        last = {
          entityRef: row.entity_ref,
          scorecard: row.scorecard,
          owner: row.owner ?? undefined,
          level: row.current_level ?? undefined,
          levelIndex: Number(row.current_index),
          failing: textArray(row.current_failing),
          history: [],
        };
        histories.push(last);
      }
      last.history.push({
        day: row.day,
        level: row.level ?? undefined,
        levelIndex: Number(row.level_index),
        failing: textArray(row.failing),
      });
    }
    return histories;
  }

  /** An entity's history on a scorecard, newest first. */
  async history(ref: string, scorecard: string, limit = 10) {
    return this.db
      .select({
        day: scorecardLevelHistory.day,
        level: scorecardLevelHistory.level,
        failing: scorecardLevelHistory.failing,
      })
      .from(scorecardLevelHistory)
      .where(and(eq(scorecardLevelHistory.entityRef, ref), eq(scorecardLevelHistory.scorecard, scorecard)))
      .orderBy(sql`${scorecardLevelHistory.day} DESC`)
      .limit(limit);
  }
}

/** A text[] as the driver hands it over: an array, or (raw statements on some drivers) `{a,b}`. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value.startsWith('{') && value.endsWith('}'))
    return value.length > 2
      ? value
          .slice(1, -1)
          .split(',')
          .map((item) => item.replace(/^"|"$/g, ''))
      : [];
  return [];
}

/** postgres.js returns the rows; PGlite returns { rows }. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

const LEVEL_COLUMNS = {
  entityRef: scorecardLevels.entityRef,
  scorecard: scorecardLevels.scorecard,
  level: scorecardLevels.level,
  levelIndex: scorecardLevels.levelIndex,
  owner: scorecardLevels.owner,
  failing: scorecardLevels.failing,
  changedAt: scorecardLevels.changedAt,
};

function toLevel(r: {
  entityRef: string;
  scorecard: string;
  level: string | null;
  levelIndex: number;
  owner: string | null;
  failing: string[];
  changedAt: Date;
}): StoredLevel {
  return {
    entityRef: r.entityRef,
    scorecard: r.scorecard,
    level: r.level ?? undefined,
    levelIndex: r.levelIndex,
    owner: r.owner ?? undefined,
    failing: r.failing,
    changedAt: r.changedAt,
  };
}
