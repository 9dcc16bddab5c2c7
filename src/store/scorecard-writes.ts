// Storing scores so that a run costs what changed, not what it scored: each row's signature (a
// digest of its level, owner and outcomes) is compared with the stored one, and only new,
// changed and gone rows are written, in small statements with the event loop's turn between
// them (embedded PGlite runs one statement at a time, on its worker thread, so a long one makes
// every other query wait; the rows a statement returns are built on this thread). Each check
// keeps when its outcome last changed; a level or failing-checks change is also written to today's history row.
import { createHash } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, inArray, sql } from 'drizzle-orm';
import { chunk, recordset } from './batches.js';
import type { Db } from './database.js';
import { scorecardClaims, scorecardLevelHistory, scorecardLevels } from './schema.js';

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

/**
 * Which stored scores a save replaces: those of `refs` (an entity that no longer matches a
 * scorecard, or left the catalog, loses its rows), or those of entities whose ref is in the
 * range (after, upTo] (a page of a full run; no `upTo`: everything after `after`), or all of
 * them (`all`: these are every score there is).
 */
export type SaveScope = { refs: string[] } | { after: string; upTo?: string } | 'all';

export interface SaveResult {
  /** Rows whose level or failing checks changed (new rows included). */
  moved: number;
  /** Rows written or deleted. */
  written: number;
}

/** Rows per statement: small enough that one statement is a short pause on PGlite. */
const WRITE_BATCH = 250;
const READ_BATCH = 1000;

type Stored = { entity_ref: string; scorecard: string; signature: string };
type Previous = {
  entity_ref: string;
  scorecard: string;
  level_index: number;
  failing: string[];
  outcomes: Record<string, string>;
  outcome_changed_at: Record<string, string>;
};

/**
 * What a row's stored signature is made of: its level, its outcomes' digest and its owner. The
 * digest is computed once per outcomes object (entities with the same facts share one), so a
 * run of 30k rows hashes only its few hundred distinct outcome sets.
 */
function signatureOf(score: ScoreRow): string {
  return `${score.levelIndex}:${outcomesDigest(score.outcomes)}:${score.owner ?? ''}`;
}

const digests = new WeakMap<Record<string, string>, string>();

function outcomesDigest(outcomes: Record<string, string>): string {
  let digest = digests.get(outcomes);
  if (digest === undefined) {
    const hash = createHash('sha1');
    for (const [check, outcome] of Object.entries(outcomes)) hash.update(`${check}=${outcome}\u0000`);
    digest = hash.digest('base64').slice(0, 16);
    digests.set(outcomes, digest);
  }
  return digest;
}

/**
 * The distinct JSON objects of a batch, each sent once: an object seen before (the same object,
 * or one with the same text) gets the index it got then.
 */
class SharedValues {
  private readonly values: object[] = [];
  private readonly byObject = new Map<object, number>();
  private readonly byText = new Map<string, number>();

  indexOf(value: object): number {
    let index = this.byObject.get(value);
    if (index !== undefined) return index;
    const text = JSON.stringify(value);
    index = this.byText.get(text);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.byText.set(text, index);
    }
    this.byObject.set(value, index);
    return index;
  }

  json(): string {
    return JSON.stringify(this.values);
  }
}

const keyOf = (ref: string, scorecard: string) => `${ref}\u0000${scorecard}`;

export async function saveScores(db: Db, scores: ScoreRow[], scope: SaveScope, now: Date): Promise<SaveResult> {
  const stored = new Map<string, Stored>();
  for (const row of await storedSignatures(db, scope)) stored.set(keyOf(row.entity_ref, row.scorecard), row);
  const changed: Array<{ score: ScoreRow; signature: string; existed: boolean }> = [];
  for (const score of scores) {
    const key = keyOf(score.entityRef, score.scorecard);
    const signature = signatureOf(score);
    const before = stored.get(key);
    stored.delete(key);
    if (before?.signature !== signature) changed.push({ score, signature, existed: Boolean(before) });
  }
  // What is left in `stored` was not scored now: the entity left, or no longer matches.
  const gone = [...stored.values()];
  const result: SaveResult = { moved: 0, written: 0 };
  const at = now.toISOString();
  const day = at.slice(0, 10);
  for (const batch of chunk(changed, WRITE_BATCH)) {
    const previous = await previousRows(
      db,
      batch.filter((c) => c.existed).map((c) => c.score),
    );
    // Rows name their outcomes and outcome_changed_at by index into one list of the distinct
    // objects: entities with the same facts share one outcomes object, so a batch of 250 rows
    // carries a few dozen of them instead of 250 (parsing them was most of the database's work:
    // 30k rows' write statements took 5.9-6.4 s on Postgres at load 13, 3.4-3.6 s this way).
    const shared = new SharedValues();
    const rows = batch.map(({ score, signature }) => {
      const before = previous.get(keyOf(score.entityRef, score.scorecard));
      const outcomeChangedAt: Record<string, string> = {};
      if (before)
        for (const [check, outcome] of Object.entries(score.outcomes)) {
          if (before.outcomes[check] !== outcome) outcomeChangedAt[check] = at;
          else if (before.outcome_changed_at[check]) outcomeChangedAt[check] = before.outcome_changed_at[check];
        }
      const moved =
        !before || before.level_index !== score.levelIndex || before.failing.join(',') !== score.failing.join(',');
      return {
        entity_ref: score.entityRef,
        scorecard: score.scorecard,
        level: score.level ?? null,
        level_index: score.levelIndex,
        owner: score.owner ?? null,
        failing: score.failing,
        outcomes: shared.indexOf(score.outcomes),
        outcome_changed_at: shared.indexOf(outcomeChangedAt),
        signature,
        moved,
      };
    });
    await db.execute(sql`
      WITH shared AS (
        SELECT e.value, e.n - 1 AS i FROM jsonb_array_elements(${shared.json()}::jsonb) WITH ORDINALITY AS e(value, n)
      ),
      x AS (
        SELECT x.entity_ref, x.scorecard, x.level, x.level_index, x.owner, x.failing, o.value AS outcomes,
          c.value AS outcome_changed_at, x.signature, x.moved
        FROM ${recordset(
          rows,
          'entity_ref text, scorecard text, level text, level_index integer, owner text, failing text[], outcomes integer, outcome_changed_at integer, signature text, moved boolean',
        )}
        JOIN shared o ON o.i = x.outcomes JOIN shared c ON c.i = x.outcome_changed_at
      ),
      written AS (
        INSERT INTO ${scorecardLevels} (entity_ref, scorecard, level, level_index, owner, failing, changed_at,
          outcomes, outcome_changed_at, scored_since, signature)
        SELECT entity_ref, scorecard, level, level_index, owner, failing, ${at}::timestamptz,
          outcomes, outcome_changed_at, ${at}::timestamptz, signature FROM x
        ON CONFLICT (entity_ref, scorecard) DO UPDATE
          SET level = excluded.level, level_index = excluded.level_index, owner = excluded.owner,
              failing = excluded.failing, outcomes = excluded.outcomes,
              outcome_changed_at = excluded.outcome_changed_at, signature = excluded.signature,
              changed_at = CASE
                WHEN (${scorecardLevels}.level_index, ${scorecardLevels}.failing) IS DISTINCT FROM
                     (excluded.level_index, excluded.failing)
                THEN excluded.changed_at ELSE ${scorecardLevels}.changed_at END
      )
      INSERT INTO ${scorecardLevelHistory} (entity_ref, scorecard, day, level, level_index, failing)
      SELECT entity_ref, scorecard, ${day}::date, level, level_index, failing FROM x
      WHERE moved
      ON CONFLICT (entity_ref, scorecard, day) DO UPDATE
        SET level = excluded.level, level_index = excluded.level_index, failing = excluded.failing`);
    result.moved += rows.filter((r) => r.moved).length;
    result.written += rows.length;
    await nextTurn();
  }
  for (const batch of chunk(gone, WRITE_BATCH)) {
    await db.execute(
      sql`DELETE FROM ${scorecardLevels} t USING ${recordset(
        batch.map((g) => ({ entity_ref: g.entity_ref, scorecard: g.scorecard })),
        'entity_ref text, scorecard text',
      )} WHERE t.entity_ref = x.entity_ref AND t.scorecard = x.scorecard`,
    );
    result.written += batch.length;
    await nextTurn();
  }
  // Readers that keep a summary (the organisation's view) know from this that it is out of date.
  if (result.written)
    await db
      .insert(scorecardClaims)
      .values({ key: 'scores', value: 1 })
      .onConflictDoUpdate({ target: scorecardClaims.key, set: { value: sql`${scorecardClaims.value} + 1` } });
  return result;
}

async function storedSignatures(db: Db, scope: SaveScope): Promise<Stored[]> {
  const columns = {
    entity_ref: scorecardLevels.entityRef,
    scorecard: scorecardLevels.scorecard,
    signature: scorecardLevels.signature,
  };
  const out: Stored[] = [];
  if (scope === 'all') return storedSignatures(db, { after: '' });
  if ('refs' in scope) {
    for (const batch of chunk([...new Set(scope.refs)], READ_BATCH))
      out.push(...(await db.select(columns).from(scorecardLevels).where(inArray(scorecardLevels.entityRef, batch))));
    return out;
  }
  const range = and(
    sql`${scorecardLevels.entityRef} > ${scope.after}`,
    scope.upTo === undefined ? undefined : sql`${scorecardLevels.entityRef} <= ${scope.upTo}`,
  );
  return db.select(columns).from(scorecardLevels).where(range);
}

async function previousRows(db: Db, scores: ScoreRow[]): Promise<Map<string, Previous>> {
  const out = new Map<string, Previous>();
  if (!scores.length) return out;
  const rows = await db
    .select({
      entity_ref: scorecardLevels.entityRef,
      scorecard: scorecardLevels.scorecard,
      level_index: scorecardLevels.levelIndex,
      failing: scorecardLevels.failing,
      outcomes: scorecardLevels.outcomes,
      outcome_changed_at: scorecardLevels.outcomeChangedAt,
    })
    .from(scorecardLevels)
    .where(
      inArray(
        scorecardLevels.entityRef,
        scores.map((s) => s.entityRef),
      ),
    );
  for (const row of rows) out.set(keyOf(row.entity_ref, row.scorecard), row);
  return out;
}
