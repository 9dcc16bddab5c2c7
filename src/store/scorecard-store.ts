// Scorecard results: what the scorer reads from the catalog (each entity with its owner and
// counts), what it writes (outcomes per check, levels, the daily history), the claims that make
// each scoring run happen once across replicas, and the reads /scorecard answers from.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Entity } from '../catalog/types.js';
import { chunk, recordset } from './batches.js';
import type { Db } from './database.js';
import {
  entities,
  problems,
  relations,
  scorecardClaims,
  scorecardLevelHistory,
  scorecardLevels,
  scorecardResults,
} from './schema.js';

/** One entity as the scorer needs it: its body, its owner and the counts its catalog facts read. */
export interface ScoringInput {
  ref: string;
  entity: Entity;
  /** Whether the body's spec.definition (left out of `entity`: it may be a whole API) is not empty. */
  hasDefinition: boolean;
  ownerRef?: string;
  owner?: { ref: string; kind: string; annotations: Record<string, string> };
  ownerMemberCount: number;
  problemCount: number;
  unresolvedReferenceCount: number;
}

/** One entity's score on one scorecard, as the scorer hands it over to be stored. */
export interface ScoreRow {
  entityRef: string;
  scorecard: string;
  level?: string;
  levelIndex: number;
  owner?: string;
  failing: string[];
  outcomes: Record<string, string>;
}

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

/** Entities read per query when the whole catalog is scored: a page, not the catalog, is what blocks. */
const PAGE = 1000;
/** Score rows written per statement. */
const WRITE_BATCH = 500;

export class ScorecardStore {
  constructor(private readonly db: Db) {}

  // --- what the scorer reads ------------------------------------------------------------

  /** The entities `refs` (all of them when absent), with what their catalog facts need. */
  async scoringInputs(refs?: string[]): Promise<ScoringInput[]> {
    const rows: Array<{ ref: string; owner: string | null; body: Entity; hasDefinition: boolean | null }> = [];
    const columns = {
      ref: entities.ref,
      owner: entities.owner,
      body: sql<Entity>`${entities.body} #- '{spec,definition}'`,
      hasDefinition: sql<boolean | null>`coalesce(${entities.body}->'spec'->>'definition', '') <> ''`,
    };
    if (refs) {
      for (const batch of chunk([...new Set(refs)], PAGE))
        rows.push(...(await this.db.select(columns).from(entities).where(inArray(entities.ref, batch))));
    } else {
      for (let after = ''; ; ) {
        const page = await this.db
          .select(columns)
          .from(entities)
          .where(sql`${entities.ref} > ${after}`)
          .orderBy(asc(entities.ref))
          .limit(PAGE);
        rows.push(...page);
        if (page.length < PAGE) break;
        after = page[page.length - 1].ref;
      }
    }
    const ownerRefs = [...new Set(rows.flatMap((r) => (r.owner ? [r.owner] : [])))];
    const owners = new Map<string, { ref: string; kind: string; annotations: Record<string, string> }>();
    const members = new Map<string, number>();
    for (const batch of chunk(ownerRefs, PAGE)) {
      const found = await this.db
        .select({
          ref: entities.ref,
          kind: entities.kind,
          annotations: sql<Record<string, string> | null>`${entities.body}->'metadata'->'annotations'`,
        })
        .from(entities)
        .where(inArray(entities.ref, batch));
      for (const o of found) owners.set(o.ref, { ref: o.ref, kind: o.kind, annotations: o.annotations ?? {} });
      const counts = await this.db
        .select({ group: relations.source, n: sql<number>`count(DISTINCT ${relations.target})` })
        .from(relations)
        .where(and(eq(relations.type, 'hasMember'), inArray(relations.source, batch)))
        .groupBy(relations.source);
      for (const c of counts) members.set(c.group, Number(c.n));
    }
    const problemCounts = new Map<string, { document: number; reference: number }>();
    const countRows = await this.db
      .select({ ref: problems.entityRef, category: problems.category, n: sql<number>`count(*)` })
      .from(problems)
      .where(refs ? inArray(problems.entityRef, refs.length ? refs : ['']) : sql`${problems.entityRef} IS NOT NULL`)
      .groupBy(problems.entityRef, problems.category);
    for (const c of countRows) {
      if (!c.ref) continue;
      const counts = problemCounts.get(c.ref) ?? { document: 0, reference: 0 };
      if (c.category === 'reference') counts.reference += Number(c.n);
      else counts.document += Number(c.n);
      problemCounts.set(c.ref, counts);
    }
    return rows.map((r) => ({
      ref: r.ref,
      entity: r.body,
      hasDefinition: Boolean(r.hasDefinition),
      ownerRef: r.owner ?? undefined,
      owner: r.owner ? owners.get(r.owner) : undefined,
      ownerMemberCount: r.owner ? (members.get(r.owner) ?? 0) : 0,
      problemCount: problemCounts.get(r.ref)?.document ?? 0,
      unresolvedReferenceCount: problemCounts.get(r.ref)?.reference ?? 0,
    }));
  }

  /** Entities owned by any of `owners` (a team changed: its entities' owner facts did too). */
  async refsOwnedBy(owners: string[]): Promise<string[]> {
    if (!owners.length) return [];
    const out: string[] = [];
    for (const batch of chunk(owners, PAGE)) {
      const rows = await this.db.select({ ref: entities.ref }).from(entities).where(inArray(entities.owner, batch));
      out.push(...rows.map((r) => r.ref));
    }
    return out;
  }

  /** The groups `users` are members of (their memberOf relations). */
  async groupsOf(users: string[]): Promise<string[]> {
    if (!users.length) return [];
    const rows = await this.db
      .selectDistinct({ group: relations.target })
      .from(relations)
      .where(and(eq(relations.type, 'memberOf'), inArray(relations.source, users)));
    return rows.map((r) => r.group);
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

  // --- what the scorer writes -----------------------------------------------------------

  /**
   * Stores scores. Outcomes and levels are written only where they changed (their changed_at
   * says when); a level that changed is also written to today's row of the history. `scope`
   * says which stored scores these replace: those of `refs` (an entity that no longer matches a
   * scorecard, or left the catalog, loses its rows), or everything (`all`: a full run).
   */
  async saveScores(scores: ScoreRow[], scope: { refs: string[] } | 'all', now = new Date()): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    // As text: postgres.js takes no Date in a raw statement's parameters.
    const at = now.toISOString();
    let changed = 0;
    await this.db.transaction(async (tx) => {
      const keep = scores.map((s) => ({ entity_ref: s.entityRef, scorecard: s.scorecard }));
      if (scope === 'all') {
        await tx.execute(
          sql`CREATE TEMP TABLE IF NOT EXISTS scored_now (entity_ref text, scorecard text) ON COMMIT DROP`,
        );
        for (const rows of chunk(keep, WRITE_BATCH * 4))
          await tx.execute(
            sql`INSERT INTO scored_now SELECT entity_ref, scorecard FROM ${recordset(rows, 'entity_ref text, scorecard text')}`,
          );
        for (const table of [scorecardLevels, scorecardResults])
          await tx.execute(sql`DELETE FROM ${table} t WHERE NOT EXISTS
            (SELECT 1 FROM scored_now s WHERE s.entity_ref = t.entity_ref AND s.scorecard = t.scorecard)`);
      } else {
        for (const refs of chunk(scope.refs, WRITE_BATCH)) {
          const kept = keep.filter((k) => refs.includes(k.entity_ref));
          for (const table of [scorecardLevels, scorecardResults])
            await tx.execute(sql`DELETE FROM ${table} t WHERE t.entity_ref IN (${sql.join(
              refs.map((r) => sql`${r}`),
              sql`, `,
            )}) AND NOT EXISTS (SELECT 1 FROM ${recordset(kept, 'entity_ref text, scorecard text')}
              WHERE x.entity_ref = t.entity_ref AND x.scorecard = t.scorecard)`);
        }
      }
      for (const batch of chunk(scores, WRITE_BATCH)) {
        const outcomeRows = batch.flatMap((s) =>
          Object.entries(s.outcomes).map(([check, outcome]) => ({
            entity_ref: s.entityRef,
            scorecard: s.scorecard,
            check_id: check,
            outcome,
          })),
        );
        // Checks a scorecard no longer has go with their rows.
        await tx.execute(sql`DELETE FROM ${scorecardResults} t
          USING ${recordset(
            batch.map((s) => ({ entity_ref: s.entityRef, scorecard: s.scorecard, checks: Object.keys(s.outcomes) })),
            'entity_ref text, scorecard text, checks text[]',
          )}
          WHERE t.entity_ref = x.entity_ref AND t.scorecard = x.scorecard AND NOT (t.check_id = ANY(x.checks))`);
        for (const rows of chunk(outcomeRows, WRITE_BATCH * 4))
          await tx.execute(sql`
            INSERT INTO ${scorecardResults} (entity_ref, scorecard, check_id, outcome, changed_at)
            SELECT entity_ref, scorecard, check_id, outcome, ${at}::timestamptz
            FROM ${recordset(rows, 'entity_ref text, scorecard text, check_id text, outcome text')}
            ON CONFLICT (entity_ref, scorecard, check_id) DO UPDATE
              SET outcome = excluded.outcome, changed_at = excluded.changed_at
              WHERE ${scorecardResults}.outcome IS DISTINCT FROM excluded.outcome`);
        const levelRows = batch.map((s) => ({
          entity_ref: s.entityRef,
          scorecard: s.scorecard,
          level: s.level ?? null,
          level_index: s.levelIndex,
          owner: s.owner ?? null,
          failing: s.failing,
        }));
        const moved = await tx.execute<{ entity_ref: string }>(sql`
          WITH written AS (
            INSERT INTO ${scorecardLevels} (entity_ref, scorecard, level, level_index, owner, failing, changed_at)
            SELECT entity_ref, scorecard, level, level_index, owner, failing, ${at}::timestamptz
            FROM ${recordset(levelRows, 'entity_ref text, scorecard text, level text, level_index integer, owner text, failing text[]')}
            ON CONFLICT (entity_ref, scorecard) DO UPDATE
              SET level = excluded.level, level_index = excluded.level_index, owner = excluded.owner,
                  failing = excluded.failing, changed_at = excluded.changed_at
              WHERE (${scorecardLevels}.level_index, ${scorecardLevels}.failing, ${scorecardLevels}.owner)
                IS DISTINCT FROM (excluded.level_index, excluded.failing, excluded.owner)
            RETURNING entity_ref, scorecard, level, level_index, failing
          )
          INSERT INTO ${scorecardLevelHistory} (entity_ref, scorecard, day, level, level_index, failing)
          SELECT entity_ref, scorecard, ${day}::date, level, level_index, failing FROM written
          ON CONFLICT (entity_ref, scorecard, day) DO UPDATE
            SET level = excluded.level, level_index = excluded.level_index, failing = excluded.failing
          RETURNING entity_ref`);
        changed += rowsOf(moved).length;
      }
    });
    return changed;
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
    const rows = await this.db.select().from(scorecardLevels).where(inArray(scorecardLevels.entityRef, refs));
    return rows.map(toLevel);
  }

  async levelsOwnedBy(owners: string[]): Promise<StoredLevel[]> {
    if (!owners.length) return [];
    const rows = await this.db.select().from(scorecardLevels).where(inArray(scorecardLevels.owner, owners));
    return rows.map(toLevel);
  }

  async outcomesOf(ref: string): Promise<StoredOutcome[]> {
    const rows = await this.db
      .select({
        scorecard: scorecardResults.scorecard,
        checkId: scorecardResults.checkId,
        outcome: scorecardResults.outcome,
        changedAt: scorecardResults.changedAt,
      })
      .from(scorecardResults)
      .where(eq(scorecardResults.entityRef, ref));
    return rows;
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

function toLevel(r: typeof scorecardLevels.$inferSelect): StoredLevel {
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
