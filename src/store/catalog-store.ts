// The catalog's queries. The only code (with its siblings in src/store) that speaks SQL.
import { appendAll } from '../append.js';
import { and, asc, count, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { EntitySearchFields, EntitySummaryFields } from '../catalog/summary.js';
import { RELATION_OWNED_BY, RELATION_PART_OF, type RelationType } from '../catalog/relation-types.js';
import type { Entity, Problem, Relation } from '../catalog/types.js';
import { openDatabase, type Database, type DatabaseOptions, type Db, type PreparedRead } from './database.js';
import {
  catalogChanges,
  catalogState,
  entities,
  locationFiles,
  locations,
  problems,
  relations,
  syncRuns,
} from './schema.js';
import {
  applyLocationChangeInPieces,
  applyLocationChanges,
  catalogChannel,
  EVERYTHING_CHANGED,
  markLocationFailed,
  removeLocation,
} from './apply-location.js';
import { chunk } from './batches.js';
import type { EntityWrite, LocationChange, LocationChangeResult, LocationState } from './location-change.js';
import { refreshReferenceProblems } from './reference-problems.js';
import { enterPhase } from '../work-phase.js';

export interface StoredEntity {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  entity: Entity;
  locationKey: string;
  file: string;
  fileUrl?: string;
  updatedAt: Date;
}

/** The few fields a list item needs. */
export type EntitySummaryRow = EntitySummaryFields;

/** What a card shows, read in one query (CatalogStore.cardRows). */
export interface CardRows {
  entity: StoredEntity;
  /** Relations leaving the entity, by type and target, each with its target's summary when in the catalog. */
  related: Array<Relation & { summary?: EntitySummaryRow }>;
  /** The body of the first ownedBy target, when it is in the catalog. */
  ownerEntity?: Entity;
  /** The domain of the entity's system (its first partOf system), when that system names one. */
  systemDomain?: { target: string; summary?: EntitySummaryRow };
}

/** The fields search indexes, read straight out of the JSON bodies. */
export type EntitySearchRow = EntitySearchFields;

export interface StoredProblem extends Problem {
  locationKey: string;
  /** 'document': found in the file; 'reference': names an entity the catalog does not hold. */
  category: string;
  createdAt: Date;
}

export interface SyncRunRecord {
  id: number;
  source: string;
  status: string;
  startedAt: Date;
  finishedAt?: Date;
  stats: Record<string, number>;
  error?: string;
}

/** Which entities changed after a version, up to `version`; `refs` undefined: too many, or too long ago, to list. */
export interface CatalogChanges {
  version: number;
  refs?: string[];
}

/**
 * Search rows are read in pages of this many: PGlite answers a query in one uninterrupted run
 * on the main thread, and drizzle turns a page's rows into objects in one, so one page, not the
 * whole catalog, is the longest either holds up other work. At 5,000 a page held the event loop
 * for 40-110 ms at 160k entities; at 1,000, under 30 ms, and the whole read took as long.
 */
const SEARCH_ROWS_PAGE = 1000;

/** Entities a repository lookup returns at most: a monorepo's catalog may hold hundreds. */
const REPOSITORY_MATCHES = 50;

/** A sync run as it finished: its source, outcome, duration and figures. */
interface FinishedSyncRun {
  source: string;
  status: 'succeeded' | 'partial' | 'failed';
  seconds: number;
  stats: Record<string, number>;
}

/** What a run left marked running by a process that died becomes. */
const INTERRUPTED = { status: 'interrupted', error: 'the process running this sync stopped before it finished' };

/** Entities written or removed before the planner's statistics are refreshed. */
const ROWS_BEFORE_ANALYZE = 1000;

/** A location as `callboard locations` lists it. */
export interface StoredLocation {
  key: string;
  type: string;
  target: string;
  status: string;
  lastError: string | null;
  lastReadAt: Date | null;
  entities: number;
}

export class CatalogStore {
  private readonly db: Db;
  private rowsSinceAnalyze = 0;

  private readonly syncRunListeners: Array<(run: FinishedSyncRun) => void> = [];

  constructor(private readonly database: Database) {
    this.db = database.db;
  }

  /** A catalog store alone on a database of its own (tests, benches); Callboard opens its stores with openStores. */
  static async open(options: DatabaseOptions = {}): Promise<CatalogStore> {
    return new CatalogStore(await openDatabase(options));
  }

  close(): Promise<void> {
    return this.database.close();
  }

  /**
   * Whether every statement waits for an open transaction (PGlite runs one at a time): a long
   * transaction there holds up every read of the serving process.
   */
  get readsWaitForTransactions(): boolean {
    return this.database.engine === 'pglite';
  }

  // --- locations (sync) ---------------------------------------------------------------

  async locationState(key: string): Promise<LocationState> {
    return (await this.locationStates([key])).get(key)!;
  }

  /** What the store holds for each of `keys` (an empty state, not held, for a location it has never seen). */
  async locationStates(keys: string[]): Promise<Map<string, LocationState>> {
    const states = new Map<string, LocationState>(
      keys.map((key) => [key, { held: false, files: new Map(), entities: new Map() }]),
    );
    for (const batch of chunk([...new Set(keys)], 500)) {
      const [files, rows] = await Promise.all([
        // From the locations, so that a location holding no file still says it is held.
        this.db
          .select({
            key: locations.key,
            path: locationFiles.path,
            sha: locationFiles.sha,
            url: locationFiles.url,
          })
          .from(locations)
          .leftJoin(locationFiles, eq(locationFiles.locationKey, locations.key))
          .where(inArray(locations.key, batch)),
        this.db
          .select({ key: entities.locationKey, ref: entities.ref, hash: entities.hash, file: entities.file })
          .from(entities)
          .where(inArray(entities.locationKey, batch)),
      ]);
      for (const f of files) {
        const state = states.get(f.key)!;
        state.held = true;
        if (f.path !== null && f.sha !== null) state.files.set(f.path, { sha: f.sha, url: f.url ?? undefined });
      }
      for (const r of rows) states.get(r.key)!.entities.set(r.ref, { hash: r.hash, file: r.file });
    }
    return states;
  }

  async knownFileShas(key: string): Promise<Map<string, string>> {
    const rows = await this.db
      .select({ path: locationFiles.path, sha: locationFiles.sha })
      .from(locationFiles)
      .where(eq(locationFiles.locationKey, key));
    return new Map(rows.map((r) => [r.path, r.sha]));
  }

  /** Every location under `prefix` with its files' shas, in one query. */
  async knownFileShasByPrefix(prefix: string): Promise<Map<string, Map<string, string>>> {
    const rows = await this.db
      .select({ key: locationFiles.locationKey, path: locationFiles.path, sha: locationFiles.sha })
      .from(locationFiles)
      .where(sql`${locationFiles.locationKey} LIKE ${likePrefix(prefix)}`);
    const out = new Map<string, Map<string, string>>();
    for (const key of await this.locationKeys(prefix)) out.set(key, new Map());
    for (const row of rows) {
      const files = out.get(row.key) ?? new Map<string, string>();
      files.set(row.path, row.sha);
      out.set(row.key, files);
    }
    return out;
  }

  exclusively<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
    return this.database.exclusively(name, work);
  }

  async locationKeys(prefix: string): Promise<string[]> {
    const rows = await this.db
      .select({ key: locations.key })
      .from(locations)
      .where(sql`${locations.key} LIKE ${likePrefix(prefix)}`);
    return rows.map((r) => r.key);
  }

  async applyLocationChange(change: LocationChange): Promise<LocationChangeResult> {
    const [result] = await this.applyLocationChanges([change]);
    return result;
  }

  /** Several locations' changes in one transaction (see applyLocationChanges). */
  async applyLocationChanges(changes: LocationChange[]): Promise<LocationChangeResult[]> {
    const results = await applyLocationChanges(this.db, changes);
    await this.analyzeAfter(changes.reduce((n, c) => n + c.upserts.length + c.removals.length, 0));
    return results;
  }

  private async analyzeAfter(rowsWritten: number): Promise<void> {
    this.rowsSinceAnalyze += rowsWritten;
    if (this.rowsSinceAnalyze >= ROWS_BEFORE_ANALYZE) {
      // Without fresh statistics the planner takes a big table for an empty one and answers a
      // card's join with a scan of every entity. PGlite has no autovacuum to do this for us, and
      // on Postgres it would only come minutes later.
      this.rowsSinceAnalyze = 0;
      enterPhase('analyze');
      await this.db.execute(sql`ANALYZE entities, relations, location_files`);
    }
  }

  /** One location's change written in pieces while it is worked out (see applyLocationChangeInPieces). */
  async applyLocationChangeInPieces(
    location: LocationChange['location'],
    produce: (writePiece: (upserts: EntityWrite[]) => Promise<void>) => Promise<LocationChange>,
  ): Promise<LocationChangeResult> {
    let rows = 0;
    const result = await applyLocationChangeInPieces(this.db, location, (writePiece) =>
      produce((upserts) => {
        rows += upserts.length;
        return writePiece(upserts);
      }).then((change) => {
        rows += change.upserts.length + change.removals.length;
        return change;
      }),
    );
    await this.analyzeAfter(rows);
    return result;
  }

  /** Recomputes the problems of references the catalog cannot resolve (sync does this on every change). */
  refreshReferenceProblems(): Promise<void> {
    return this.db.transaction((tx) => refreshReferenceProblems(tx as unknown as Db));
  }

  markLocationFailed(location: { key: string; type: string; target: string }, error: string): Promise<void> {
    return markLocationFailed(this.db, location, error);
  }

  /** Removes a location and everything read from it, in one transaction; returns the refs removed. */
  removeLocation(key: string): Promise<string[]> {
    return removeLocation(this.db, key);
  }

  /** Every location the catalog reads, with how it went last time and how many entities it holds. */
  async listLocations(): Promise<StoredLocation[]> {
    const counts = this.db
      .select({ key: entities.locationKey, count: count().as('entity_count') })
      .from(entities)
      .groupBy(entities.locationKey)
      .as('counts');
    const rows = await this.db
      .select({
        key: locations.key,
        type: locations.type,
        target: locations.target,
        status: locations.status,
        lastError: locations.lastError,
        lastReadAt: locations.lastReadAt,
        entities: counts.count,
      })
      .from(locations)
      .leftJoin(counts, eq(counts.key, locations.key))
      .orderBy(asc(locations.key));
    return rows.map((row) => ({ ...row, entities: Number(row.entities ?? 0) }));
  }

  // --- entities -----------------------------------------------------------------------

  async getEntity(ref: string): Promise<StoredEntity | undefined> {
    const [found] = await this.getEntities([ref]);
    return found;
  }

  async getEntities(refs: string[]): Promise<StoredEntity[]> {
    const unique = [...new Set(refs)];
    const out: StoredEntity[] = [];
    for (const batch of chunk(unique, 500)) {
      const rows = await this.db.select().from(entities).where(inArray(entities.ref, batch));
      for (const row of rows) out.push(toStoredEntity(row));
    }
    const order = new Map(unique.map((ref, i) => [ref, i]));
    return out.sort((a, b) => order.get(a.ref)! - order.get(b.ref)!);
  }

  /** The few fields a list item needs, without the JSON bodies (which may hold whole API definitions). */
  async entitySummaries(refs: string[]): Promise<EntitySummaryRow[]> {
    const unique = [...new Set(refs)];
    const out: EntitySummaryRow[] = [];
    for (const batch of chunk(unique, 500)) {
      // Prepared: a search's hits are summarised before each answer, and planning was most of it.
      const rows = await this.database.preparedRead<SummaryJson>(SUMMARIES_READ, [batch]);
      for (const row of rows) out.push(toSummaryRow(row));
    }
    const order = new Map(unique.map((ref, i) => [ref, i]));
    return out.sort((a, b) => order.get(a.ref)! - order.get(b.ref)!);
  }

  /** Entities whose annotations name the repository `name` (`org/repo`, lower-cased), by kind and name. */
  async entitiesByRepository(name: string): Promise<EntitySummaryRow[]> {
    const rows = await this.db
      .select(SUMMARY_COLUMNS)
      .from(entities)
      .where(sql`${entities.repositories} @> ARRAY[${name}]::text[]`)
      .orderBy(entities.kind, entities.name, entities.ref)
      .limit(REPOSITORY_MATCHES);
    return rows.map(toSummaryRow);
  }

  async listEntities(filter: { kind?: string; owner?: string; limit?: number } = {}): Promise<StoredEntity[]> {
    const conditions = [
      filter.kind ? eq(entities.kind, filter.kind.toLowerCase()) : undefined,
      filter.owner ? eq(entities.owner, filter.owner) : undefined,
    ].filter((c) => c !== undefined);
    const rows = await this.db
      .select()
      .from(entities)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(entities.ref)
      .limit(filter.limit ?? 100_000);
    return rows.map(toStoredEntity);
  }

  /** Relations leaving `ref` (`ref` is their source), optionally of some types only. */
  async relationsFrom(ref: string, types?: RelationType[]): Promise<Relation[]> {
    const rows = await this.db
      .selectDistinct({ source: relations.source, type: relations.type, target: relations.target })
      .from(relations)
      .where(types?.length ? and(eq(relations.source, ref), inArray(relations.type, types)) : eq(relations.source, ref))
      .orderBy(relations.type, relations.target);
    return rows;
  }

  /** Refs of entities whose annotation `key` is `value` (e.g. the entities naming a PagerDuty service). */
  async refsByAnnotation(key: string, value: string, limit = 20): Promise<string[]> {
    const rows = await this.db
      .select({ ref: entities.ref })
      .from(entities)
      .where(sql`${entities.body}->'metadata'->'annotations'->>${key} = ${value}`)
      .orderBy(entities.ref)
      .limit(limit);
    return rows.map((r) => r.ref);
  }

  /** Catalog Users whose spec.profile.email is `email` (case-insensitive). */
  async usersByEmail(email: string): Promise<StoredEntity[]> {
    const rows = await this.db
      .select()
      .from(entities)
      .where(
        and(
          eq(entities.kind, 'user'),
          sql`lower(${entities.body}->'spec'->'profile'->>'email') = ${email.toLowerCase()}`,
        ),
      );
    return rows.map(toStoredEntity);
  }

  /**
   * What a card shows, in one query: the entity, its relations with each target's summary, the
   * owner's row (its contact annotations) and, for an entity in a system, that system's domain.
   * A card is what a person waits for, and every round trip to the database was a share of it.
   */
  async cardRows(ref: string): Promise<CardRows | undefined> {
    const [row] = await this.database.preparedRead<CardRow>(CARD_READ, [ref]);
    if (!row) return undefined;
    const related = (
      JSON.parse(row.related) as Array<{ type: RelationType; target: string; summary: SummaryJson | null }>
    ).map((r) => ({
      source: ref,
      type: r.type,
      target: r.target,
      summary: r.summary ? fromSummaryJson(r.summary) : undefined,
    }));
    const domain = row.system_domain
      ? (JSON.parse(row.system_domain) as { target: string; summary: SummaryJson | null })
      : undefined;
    return {
      entity: {
        ref: row.ref,
        kind: row.kind,
        namespace: row.namespace,
        name: row.name,
        entity: row.body,
        locationKey: row.location_key,
        file: row.file,
        fileUrl: row.file_url ?? undefined,
        updatedAt: new Date(row.updated_at),
      },
      related,
      ownerEntity: row.owner_body ? (JSON.parse(row.owner_body) as Entity) : undefined,
      systemDomain: domain && {
        target: domain.target,
        summary: domain.summary ? fromSummaryJson(domain.summary) : undefined,
      },
    };
  }

  /** Every entity's search fields, read a page at a time (see SEARCH_ROWS_PAGE). */
  async searchRows(): Promise<EntitySearchRow[]> {
    const out: EntitySearchRow[] = [];
    for (let after = ''; ; ) {
      const page = await this.selectSearchRows(gt(entities.ref, after), SEARCH_ROWS_PAGE);
      appendAll(out, page);
      if (page.length < SEARCH_ROWS_PAGE) return out;
      after = page[page.length - 1].ref;
    }
  }

  /** The search fields of `refs` (refs no longer in the catalog are left out). */
  async searchRowsFor(refs: string[]): Promise<EntitySearchRow[]> {
    const out: EntitySearchRow[] = [];
    for (const batch of chunk([...new Set(refs)], 500)) {
      appendAll(out, await this.selectSearchRows(inArray(entities.ref, batch)));
    }
    return out;
  }

  private async selectSearchRows(where: ReturnType<typeof eq>, limit?: number): Promise<EntitySearchRow[]> {
    const query = this.db
      .select({
        ref: entities.ref,
        kind: entities.kind,
        namespace: entities.namespace,
        name: entities.name,
        title: entities.title,
        description: entities.description,
        owner: entities.owner,
        tags: sql<string[] | null>`${entities.body}->'metadata'->'tags'`,
        system: sql<string | null>`${entities.body}->'spec'->>'system'`,
        type: sql<string | null>`${entities.body}->'spec'->>'type'`,
        lifecycle: sql<string | null>`${entities.body}->'spec'->>'lifecycle'`,
      })
      .from(entities)
      .where(where)
      .orderBy(asc(entities.ref));
    const rows = limit === undefined ? await query : await query.limit(limit);
    return rows.map((r) => ({
      ref: r.ref,
      kind: r.kind,
      namespace: r.namespace,
      name: r.name,
      title: r.title ?? undefined,
      description: r.description ?? undefined,
      tags: Array.isArray(r.tags) ? r.tags.filter((t): t is string => typeof t === 'string') : [],
      owner: r.owner ?? undefined,
      system: r.system ?? undefined,
      type: r.type ?? undefined,
      lifecycle: r.lifecycle ?? undefined,
    }));
  }

  /**
   * The entities changed after version `since`, from the change log, with the version they bring
   * the reader to. `refs` is undefined when the log cannot tell: the change was too large to list,
   * or `since` is older than the log keeps. One statement, so version and log are one snapshot.
   */
  async catalogChangesSince(since: number): Promise<CatalogChanges> {
    // The refs come back as one array in one row: 10k rows, each turned into an object by the
    // driver and then by drizzle, held a replica's event loop for 45-60 ms at 160k entities.
    const [row] = await this.db
      .select({
        current: catalogState.version,
        oldest: sql<number | null>`(SELECT min(version) FROM ${catalogChanges})`,
        refs: sql<string[] | null>`(SELECT array_agg(DISTINCT ${catalogChanges.ref}) FROM ${catalogChanges}
          WHERE ${catalogChanges.version} > ${since})`,
      })
      .from(catalogState)
      .where(eq(catalogState.id, 1));
    const current = Number(row?.current ?? 0);
    if (current <= since) return { version: current };
    const oldest = row.oldest === null || row.oldest === undefined ? undefined : Number(row.oldest);
    // Versions since+1 .. current must all still be in the log (each version logs at least one row).
    if (oldest === undefined || oldest > since + 1) return { version: current };
    const refs = row.refs ?? [];
    if (refs.includes(EVERYTHING_CHANGED)) return { version: current };
    return { version: current, refs };
  }

  async catalogVersion(): Promise<number> {
    const [row] = await this.db
      .select({ version: catalogState.version })
      .from(catalogState)
      .where(eq(catalogState.id, 1));
    return row?.version ?? 0;
  }

  /**
   * Calls `onChange` after any replica commits a catalog change, with the version it committed
   * (undefined when the notification carried none). Returns a function that stops listening.
   */
  async onCatalogChange(onChange: (version?: number) => void): Promise<() => Promise<void>> {
    const [{ channel }] = await this.db
      .select({ channel: sql<string>`${catalogChannel}` })
      .from(catalogState)
      .where(eq(catalogState.id, 1));
    return this.database.listen(channel, (payload) => {
      const version = Number(payload);
      onChange(payload && Number.isInteger(version) ? version : undefined);
    });
  }

  async countsByKind(): Promise<Record<string, number>> {
    const rows = await this.db.select({ kind: entities.kind, n: count() }).from(entities).groupBy(entities.kind);
    return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
  }

  // --- problems -----------------------------------------------------------------------

  async listProblems(filter: { locationKey?: string; limit?: number } = {}): Promise<StoredProblem[]> {
    const rows = await this.db
      .select()
      .from(problems)
      .where(filter.locationKey ? eq(problems.locationKey, filter.locationKey) : undefined)
      .orderBy(problems.locationKey, problems.file, problems.document, problems.id)
      .limit(filter.limit ?? 1000);
    return rows.map((r) => ({
      locationKey: r.locationKey,
      file: r.file,
      document: r.document ?? undefined,
      field: r.field ?? undefined,
      entityRef: r.entityRef ?? undefined,
      message: r.message,
      category: r.category,
      createdAt: r.createdAt,
    }));
  }

  async problemCount(): Promise<number> {
    const [row] = await this.db.select({ n: count() }).from(problems);
    return Number(row?.n ?? 0);
  }

  // --- sync runs ----------------------------------------------------------------------

  /**
   * Records a run as started. Runs of one source do not overlap (GitHub's hold its advisory lock,
   * folders sync once at start), so an earlier run of the source still marked running belongs to
   * a process that died (kill -9, out of memory, a power cut): it is recorded as interrupted.
   */
  async startSyncRun(source: string): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx
        .update(syncRuns)
        .set(INTERRUPTED)
        .where(and(eq(syncRuns.source, source), eq(syncRuns.status, 'running')));
      const [row] = await tx.insert(syncRuns).values({ source }).returning({ id: syncRuns.id });
      return row.id;
    });
  }

  /**
   * Records every run still marked running as interrupted. Only for a database no other process can
   * have open (PGlite's folder), where a run this process did not start cannot be going on.
   */
  async markRunsInterrupted(): Promise<void> {
    await this.db.update(syncRuns).set(INTERRUPTED).where(eq(syncRuns.status, 'running'));
  }

  async finishSyncRun(
    id: number,
    outcome: { status: 'succeeded' | 'partial' | 'failed'; stats: Record<string, number>; error?: string },
  ): Promise<void> {
    const finishedAt = new Date();
    const [run] = await this.db
      .update(syncRuns)
      .set({ status: outcome.status, stats: outcome.stats, error: outcome.error ?? null, finishedAt })
      .where(eq(syncRuns.id, id))
      .returning({ source: syncRuns.source, startedAt: syncRuns.startedAt });
    if (run) {
      const seconds = (finishedAt.getTime() - run.startedAt.getTime()) / 1000;
      for (const listener of this.syncRunListeners)
        listener({ source: run.source, status: outcome.status, seconds, stats: outcome.stats });
    }
  }

  /** Tells `listener` of every sync run this process finishes (for /metrics). */
  onSyncRunFinished(listener: (run: FinishedSyncRun) => void): void {
    this.syncRunListeners.push(listener);
  }

  /** The newest run of each source, newest first. */
  async lastSyncRuns(): Promise<SyncRunRecord[]> {
    const rows = await this.db
      .selectDistinctOn([syncRuns.source])
      .from(syncRuns)
      .orderBy(syncRuns.source, desc(syncRuns.id));
    return rows.map(toSyncRun).sort((a, b) => b.id - a.id);
  }

  async lastSyncRun(source?: string): Promise<SyncRunRecord | undefined> {
    const [row] = await this.db
      .select()
      .from(syncRuns)
      .where(source ? eq(syncRuns.source, source) : undefined)
      .orderBy(desc(syncRuns.id))
      .limit(1);
    return row && toSyncRun(row);
  }
}

/** A LIKE pattern matching everything that starts with `prefix` (its own % and _ escaped). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
}

const SUMMARY_COLUMNS = {
  ref: entities.ref,
  kind: sql<string>`${entities.body}->>'kind'`,
  namespace: entities.namespace,
  name: entities.name,
  title: entities.title,
  description: entities.description,
  type: sql<string | null>`${entities.body}->'spec'->>'type'`,
  lifecycle: sql<string | null>`${entities.body}->'spec'->>'lifecycle'`,
};

/** A related entity's summary, built in JSON by the card's read (null when `alias` found no row). */
const cardSummaryJson = (alias: string) => `CASE WHEN ${alias}.ref IS NULL THEN NULL ELSE json_build_object(
    'ref', ${alias}.ref, 'kind', ${alias}.body->>'kind', 'namespace', ${alias}.namespace, 'name', ${alias}.name,
    'title', ${alias}.title, 'description', ${alias}.description,
    'type', ${alias}.body->'spec'->>'type', 'lifecycle', ${alias}.body->'spec'->>'lifecycle') END`;

/** The summaries of the entities $1 names (a list of refs). */
const SUMMARIES_READ: PreparedRead = {
  name: 'callboard_summaries_read',
  params: ['text[]'],
  text: `SELECT ref, body->>'kind' AS kind, namespace, name, title, description,
      body->'spec'->>'type' AS type, body->'spec'->>'lifecycle' AS lifecycle
    FROM entities WHERE ref = ANY($1::text[])`,
};

/**
 * The card's one read ($1: the entity's ref), prepared once per session: the entity, its
 * relations with each target's summary, the owner's body and, for an entity in a system, that
 * system's domain.
 */
const CARD_READ: PreparedRead = {
  name: 'callboard_card_read',
  params: ['text'],
  text: `SELECT e.ref, e.kind, e.namespace, e.name, e.body, e.location_key, e.file, e.file_url, e.updated_at,
    (SELECT coalesce(json_agg(json_build_object('type', r.type, 'target', r.target, 'summary', ${cardSummaryJson('t')})
        ORDER BY r.type, r.target), '[]')::text
      FROM (SELECT DISTINCT type, target FROM relations WHERE source = $1) r
      LEFT JOIN entities t ON t.ref = r.target) AS related,
    (SELECT o.body::text FROM entities o WHERE o.ref = (
      SELECT r.target FROM relations r WHERE r.source = $1 AND r.type = '${RELATION_OWNED_BY}'
      ORDER BY r.target LIMIT 1)) AS owner_body,
    (SELECT json_build_object('target', d.target, 'summary', ${cardSummaryJson('de')})::text
      FROM relations d LEFT JOIN entities de ON de.ref = d.target
      WHERE d.type = '${RELATION_PART_OF}' AND d.target LIKE 'domain:%' AND d.source = (
        SELECT r.target FROM relations r
        WHERE r.source = $1 AND r.type = '${RELATION_PART_OF}' AND r.target LIKE 'system:%'
        ORDER BY r.target LIMIT 1)
      ORDER BY d.target LIMIT 1) AS system_domain
  FROM entities e WHERE e.ref = $1`,
};

interface CardRow {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  body: Entity;
  location_key: string;
  file: string;
  file_url: string | null;
  /** A Date from PGlite, the timestamp's text from postgres.js under drizzle's parsers. */
  updated_at: Date | string;
  related: string;
  owner_body: string | null;
  system_domain: string | null;
}

type SummaryJson = Parameters<typeof toSummaryRow>[0];

function fromSummaryJson(json: SummaryJson): EntitySummaryRow {
  return toSummaryRow(json);
}

function toSummaryRow(r: {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  type: string | null;
  lifecycle: string | null;
}): EntitySummaryRow {
  return {
    ref: r.ref,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    title: r.title ?? undefined,
    description: r.description ?? undefined,
    type: r.type ?? undefined,
    lifecycle: r.lifecycle ?? undefined,
  };
}

function toSyncRun(row: typeof syncRuns.$inferSelect): SyncRunRecord {
  return {
    id: row.id,
    source: row.source,
    status: row.status,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt ?? undefined,
    stats: row.stats,
    error: row.error ?? undefined,
  };
}

function toStoredEntity(row: typeof entities.$inferSelect): StoredEntity {
  return {
    ref: row.ref,
    kind: row.kind,
    namespace: row.namespace,
    name: row.name,
    entity: row.body,
    locationKey: row.locationKey,
    file: row.file,
    fileUrl: row.fileUrl ?? undefined,
    updatedAt: row.updatedAt,
  };
}
