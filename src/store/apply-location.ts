// Writes locations' changes in a single transaction: a crash halfway leaves the previous
// state, never half of the new one.
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { catalogChanges, catalogState, entities, locationFiles, locations, problems, relations } from './schema.js';
import {
  emptyLocationChange,
  type EntityWrite,
  type LocationChange,
  type LocationChangeResult,
} from './location-change.js';
import { appendAll } from '../append.js';
import { storableText } from '../catalog/storable-text.js';
import type { Problem } from '../catalog/types.js';
import { entityOwnerColumn, entityRepositoriesColumn } from './entity-columns.js';
import { chunk, recordset } from './batches.js';
import { refreshReferenceProblems } from './reference-problems.js';
import { enterPhase } from '../work-phase.js';

/** Postgres caps a statement at 65535 parameters; rows are written in chunks well below it. */
const ROWS_PER_INSERT = 400;
/**
 * Entities and relations go in as one JSON parameter per batch (json_to_recordset): building and
 * binding tens of thousands of separate parameters costs far more than the database's work.
 */
const ROWS_PER_BULK_INSERT = 2000;

/**
 * The NOTIFY channel of a catalog's changes, named after its schema (`callboard_catalog_public`):
 * notifications go to the whole database, and catalogs kept in other schemas of it (tests run side
 * by side that way) must not hear each other's.
 */
export const catalogChannel = sql`'callboard_catalog_' || current_schema()`;

/**
 * Applies several locations' changes in one transaction, with a fixed number of statements
 * whatever the number of locations: per-location round trips, not the database's work, are what
 * a large organisation's sync would otherwise spend its time on. Changes count in order: of two
 * locations claiming one entity the first keeps it, and an entity one location drops another
 * may take in the same batch.
 */
export async function applyLocationChanges(db: Db, changes: LocationChange[]): Promise<LocationChangeResult[]> {
  if (!changes.length) return [];
  return db.transaction(async (transaction) => {
    const results = await applyInTransaction(transaction as unknown as Db, changes);
    enterPhase('commit');
    return results;
  });
}

/** What the pieces of a location's change written so far did (applyLocationChangeInPieces). */
interface WrittenPieces {
  added: string[];
  updated: string[];
  conflicts: Problem[];
}

/**
 * Applies one location's change in one transaction, its new and changed entities written a piece at
 * a time while `produce` works out the change (parsing, in sync), and the rest of the change, as
 * `produce` returns it, at the end. Nothing is visible to others before the commit, as with
 * applyLocationChanges, but the whole change is never held in memory: a 160k-entity folder held
 * parsed at once took over 1 GB.
 */
export async function applyLocationChangeInPieces(
  db: Db,
  location: LocationChange['location'],
  produce: (writePiece: (upserts: EntityWrite[]) => Promise<void>) => Promise<LocationChange>,
): Promise<LocationChangeResult> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    await upsertLocations(tx, [location], new Date().toISOString());
    const written: WrittenPieces = { added: [], updated: [], conflicts: [] };
    const writePiece = async (upserts: EntityWrite[]) => {
      enterPhase('write a piece');
      const owners = await currentOwners(
        tx,
        upserts.map((e) => e.ref),
      );
      const held = new Set(owners.keys());
      const claimed = claimEntities({ ...emptyLocationChange(location), upserts }, owners);
      await writeEntities(
        tx,
        claimed.accepted.map((entity) => ({ key: location.key, entity })),
      );
      for (const { ref } of claimed.accepted) {
        if (held.has(ref) && !claimed.takenOver.has(ref)) written.updated.push(ref);
        else written.added.push(ref);
      }
      appendAll(written.conflicts, claimed.conflicts);
    };
    // One piece is written while the next is parsed: the database's work and the parsing overlap,
    // and at most two pieces are held.
    let inFlight: Promise<void> = Promise.resolve();
    let change: LocationChange;
    try {
      change = await produce(async (upserts) => {
        await inFlight;
        inFlight = writePiece(upserts);
      });
    } finally {
      // A failed write surfaces here (or at the next piece), never as an unhandled rejection.
      await inFlight;
    }
    const [result] = await applyInTransaction(tx, [change], [written]);
    enterPhase('commit');
    return result;
  });
}

async function upsertLocations(tx: Db, given: Array<LocationChange['location']>, now: string): Promise<void> {
  // Only the row's columns go into the statement's JSON: a caller may hand over a whole snapshot
  // as the location, and a 160k-entity folder's 66 MB of text serialised here held the event loop
  // for seconds (and was sent to the database for nothing).
  const rows = given.map(({ key, type, target }) => ({ key, type, target }));
  await tx.execute(sql`
    INSERT INTO ${locations} (key, type, target, status, last_error, last_read_at)
    SELECT key, type, target, 'ok', NULL, ${now}::timestamptz FROM ${recordset(rows, 'key text, type text, target text')}
    ON CONFLICT (key) DO UPDATE SET type = excluded.type, target = excluded.target, status = 'ok', last_error = NULL, last_read_at = excluded.last_read_at`);
}

/** applyLocationChanges' work inside its transaction; `written`: pieces already written of each change. */
async function applyInTransaction(
  tx: Db,
  changes: LocationChange[],
  written?: WrittenPieces[],
): Promise<LocationChangeResult[]> {
  const now = new Date().toISOString();
  enterPhase('claim entities');
  await upsertLocations(
    tx,
    changes.map((c) => c.location),
    now,
  );
  const { owners, results } = await claimAgainstCurrentOwners(tx, changes, written);
  enterPhase('clear file records');
  await clearFileRecords(tx, changes);
  enterPhase('remove dropped entities');
  await removeDroppedEntities(tx, changes);
  enterPhase('write entities');
  await writeEntities(
    tx,
    changes.flatMap((c, i) => results[i].accepted.map((entity) => ({ key: c.location.key, entity }))),
  );
  enterPhase('record files and problems');
  await recordParsedFiles(tx, changes, now);
  await forgetConflictedFiles(tx, changes, results);
  await storeProblems(tx, changes, results);
  enterPhase('outcome');
  const outcome = outcomeOf(changes, results, owners, written);
  await announceChanges(tx, outcome);
  return outcome;
}

type Claimed = ReturnType<typeof claimEntities>;

/** Which of each change's entities it may write, given who holds them now (and the pieces written). */
async function claimAgainstCurrentOwners(
  tx: Db,
  changes: LocationChange[],
  written: WrittenPieces[] | undefined,
): Promise<{ owners: Map<string, Owner>; results: Claimed[] }> {
  const owners = await currentOwners(
    tx,
    changes.flatMap((c) => c.upserts.map((e) => e.ref)),
  );
  const results = changes.map((change) => claimEntities(change, owners));
  // Conflicts found while writing pieces count as the change's own: their files are parsed
  // again next time, and their problems stored.
  written?.forEach((w, i) => {
    results[i].conflicts = appendAll([...w.conflicts], results[i].conflicts);
  });
  return { owners, results };
}

/** The touched files' document problems go, failed files' shas are forgotten, removed files go. */
async function clearFileRecords(tx: Db, changes: LocationChange[]): Promise<void> {
  const touchedFiles = changes.flatMap((c) =>
    [...c.parsedFiles.map((f) => f.path), ...c.removedFiles, ...c.failedFiles.map((f) => f.path)].map((file) => ({
      location_key: c.location.key,
      file,
    })),
  );
  for (const rows of chunk(touchedFiles, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`DELETE FROM ${problems} p USING ${recordset(rows, 'location_key text, file text')}
      WHERE p.location_key = x.location_key AND p.file = x.file AND p.category = 'document'`);
  }
  // A file that could not be read is parsed again as soon as it can be, even if its content never
  // changed: forgetting its sha keeps the next sync from skipping it, and so from keeping its read error.
  const failedFiles = changes.flatMap((c) => c.failedFiles.map(({ path }) => ({ location_key: c.location.key, path })));
  for (const rows of chunk(failedFiles, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`UPDATE ${locationFiles} f SET sha = ''
      FROM ${recordset(rows, 'location_key text, path text')}
      WHERE f.location_key = x.location_key AND f.path = x.path`);
  }
  const removedFiles = changes.flatMap((c) => c.removedFiles.map((path) => ({ location_key: c.location.key, path })));
  for (const rows of chunk(removedFiles, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`DELETE FROM ${locationFiles} f USING ${recordset(rows, 'location_key text, path text')}
      WHERE f.location_key = x.location_key AND f.path = x.path`);
  }
}

/** Entities the changes drop, with the relations they declared (only where their location holds them). */
async function removeDroppedEntities(tx: Db, changes: LocationChange[]): Promise<void> {
  const removals = changes.flatMap((c) => c.removals.map((ref) => ({ ref, location_key: c.location.key })));
  for (const rows of chunk(removals, ROWS_PER_BULK_INSERT)) {
    await tx.execute(
      sql`DELETE FROM ${relations} r USING ${recordset(rows, 'ref text, location_key text')} WHERE r.origin_ref = x.ref`,
    );
    await tx.execute(sql`DELETE FROM ${entities} e USING ${recordset(rows, 'ref text, location_key text')}
      WHERE e.ref = x.ref AND e.location_key = x.location_key`);
  }
}

/** Each parsed file with the sha it was parsed at, so an unchanged file is skipped next time. */
async function recordParsedFiles(tx: Db, changes: LocationChange[], now: string): Promise<void> {
  const files = changes.flatMap((c) =>
    c.parsedFiles.map((f) => ({ location_key: c.location.key, path: f.path, url: f.url ?? null, sha: f.sha })),
  );
  for (const rows of chunk(files, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`
      INSERT INTO ${locationFiles} (location_key, path, url, sha, parsed_at)
      SELECT location_key, path, url, sha, ${now}::timestamptz FROM ${recordset(rows, 'location_key text, path text, url text, sha text')}
      ON CONFLICT (location_key, path) DO UPDATE SET url = excluded.url, sha = excluded.sha, parsed_at = excluded.parsed_at`);
  }
}

/**
 * A file whose entity another location holds is parsed again at its next read, even unchanged:
 * once the holder lets go (a rename's old name removed, delivered after the new name was read),
 * the entity is claimed then, as a fresh full sync would have it.
 */
async function forgetConflictedFiles(tx: Db, changes: LocationChange[], results: Claimed[]): Promise<void> {
  const conflictedFiles = changes.flatMap((c, i) =>
    results[i].conflicts.map((p) => ({ location_key: c.location.key, path: p.file })),
  );
  for (const rows of chunk(conflictedFiles, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`UPDATE ${locationFiles} f SET sha = ''
      FROM ${recordset(rows, 'location_key text, path text')}
      WHERE f.location_key = x.location_key AND f.path = x.path`);
  }
}

/** The changes' document problems, ownership conflicts and read errors. */
async function storeProblems(tx: Db, changes: LocationChange[], results: Claimed[]): Promise<void> {
  const problemRows = changes.flatMap((c, i) =>
    [
      ...c.problems,
      ...results[i].conflicts,
      ...c.failedFiles.map((f) => ({ file: f.path, message: `could not be read: ${f.error}` }) as Problem),
    ].map((p) => ({
      // A problem may quote what it is about (a name, a key): it must not carry what Postgres refuses.
      location_key: c.location.key,
      file: storableText(p.file),
      document: p.document ?? null,
      field: p.field === undefined ? null : storableText(p.field),
      entity_ref: p.entityRef === undefined ? null : storableText(p.entityRef),
      message: storableText(p.message),
    })),
  );
  for (const rows of chunk(problemRows, ROWS_PER_BULK_INSERT)) {
    await tx.execute(sql`
      INSERT INTO ${problems} (location_key, file, document, field, entity_ref, message)
      SELECT location_key, file, document, field, entity_ref, message
      FROM ${recordset(rows, 'location_key text, file text, document integer, field text, entity_ref text, message text')}`);
  }
}

/** Each change's added, updated and removed entities and its conflicts, the pieces written before included. */
function outcomeOf(
  changes: LocationChange[],
  results: Claimed[],
  owners: Map<string, Owner>,
  written: WrittenPieces[] | undefined,
): LocationChangeResult[] {
  return changes.map(
    (change, i): LocationChangeResult => ({
      added: appendAll(
        [...(written?.[i].added ?? [])],
        results[i].accepted.filter((e) => !owners.has(e.ref) || results[i].takenOver.has(e.ref)).map((e) => e.ref),
      ),
      updated: appendAll(
        [...(written?.[i].updated ?? [])],
        results[i].accepted.filter((e) => owners.has(e.ref) && !results[i].takenOver.has(e.ref)).map((e) => e.ref),
      ),
      removed: change.removals,
      conflicts: results[i].conflicts,
    }),
  );
}

/** Reference problems of what changed are refreshed, and the change is logged and announced. */
async function announceChanges(tx: Db, outcome: LocationChangeResult[]): Promise<void> {
  const changed: string[] = [];
  for (const r of outcome) appendAll(appendAll(appendAll(changed, r.added), r.updated), r.removed);
  if (changed.length) {
    await refreshReferenceProblems(tx, changed);
    enterPhase('change log');
    await recordCatalogChange(tx, changed);
  }
}

/**
 * Writes entities and their relations. Rows are made a batch at a time, between the batches'
 * round trips: made all at once, a 10k-entity sync held the serving process's event loop for over
 * 100 ms.
 */
async function writeEntities(tx: Db, accepted: Array<{ key: string; entity: EntityWrite }>): Promise<void> {
  for (const batch of chunk(accepted, ROWS_PER_BULK_INSERT)) {
    const rows = batch.map(({ key, entity }) => entityRow(key, entity));
    await tx.execute(
      sql`DELETE FROM ${relations} r USING ${recordset(
        rows.map((r) => ({ ref: r.ref })),
        'ref text',
      )} WHERE r.origin_ref = x.ref`,
    );
    await upsertEntities(tx, rows);
  }
  for (const batch of chunk(accepted, ROWS_PER_BULK_INSERT)) {
    const relationRows = batch.flatMap(({ entity }) =>
      dedupeRelations(entity).map((r) => ({ origin_ref: entity.ref, ...r })),
    );
    for (const rows of chunk(relationRows, ROWS_PER_BULK_INSERT * 4)) await insertRelations(tx, rows);
  }
}

type Owner = { locationKey: string; file: string };

async function currentOwners(db: Db, refs: string[]): Promise<Map<string, Owner>> {
  const owners = new Map<string, Owner>();
  for (const batch of chunk([...new Set(refs)], ROWS_PER_BULK_INSERT)) {
    // One JSON parameter per batch, as the writes do: 2,000 bound parameters cost more to build.
    const result = await db.execute<{ ref: string; location_key: string; file: string }>(sql`
      SELECT e.ref, e.location_key, e.file FROM ${entities} e
      JOIN ${recordset(
        batch.map((ref) => ({ ref })),
        'ref text',
      )} ON e.ref = x.ref`);
    for (const row of rowsOf<{ ref: string; location_key: string; file: string }>(result))
      owners.set(row.ref, { locationKey: row.location_key, file: row.file });
  }
  return owners;
}

/** postgres.js returns the rows; PGlite returns { rows }. */
function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/**
 * Which of a location's entities it may write. The first location to provide an entity keeps it;
 * a later claimant gets a problem naming both. `owners` is updated as claims are granted, so a
 * later change in the same batch sees them.
 */
function claimEntities(
  change: LocationChange,
  owners: Map<string, Owner>,
): { accepted: EntityWrite[]; conflicts: Problem[]; takenOver: Set<string> } {
  const key = change.location.key;
  for (const ref of change.removals) {
    if (owners.get(ref)?.locationKey === key) owners.delete(ref);
  }
  const accepted: EntityWrite[] = [];
  const conflicts: Problem[] = [];
  const takenOver = new Set<string>();
  for (const entity of change.upserts) {
    const owner = owners.get(entity.ref);
    if (owner && owner.locationKey !== key) {
      conflicts.push({
        file: entity.origin.file,
        document: entity.origin.document,
        entityRef: entity.ref,
        message: `${entity.ref} is already provided by ${owner.file} (${owner.locationKey}); this copy in ${entity.origin.file} is ignored`,
      });
      continue;
    }
    if (!owner) {
      // Free before this batch or freed by an earlier change of it: written as new.
      takenOver.add(entity.ref);
      owners.set(entity.ref, { locationKey: key, file: entity.origin.file });
    }
    accepted.push(entity);
  }
  return { accepted, conflicts, takenOver };
}

/** A location that could not be read keeps every entity; only its state is recorded. */
export async function markLocationFailed(
  db: Db,
  location: { key: string; type: string; target: string },
  error: string,
): Promise<void> {
  await db
    .insert(locations)
    .values({ ...location, status: 'failed', lastError: storableText(error), lastReadAt: new Date() })
    .onConflictDoUpdate({
      target: locations.key,
      set: { status: 'failed', lastError: storableText(error), lastReadAt: new Date() },
    });
}

/** A location the source says is gone: everything it provided goes with it. */
export async function removeLocation(db: Db, key: string): Promise<string[]> {
  return db.transaction(async (tx) => {
    const gone = await tx.delete(entities).where(eq(entities.locationKey, key)).returning({ ref: entities.ref });
    const refs = gone.map((row) => row.ref);
    for (const batch of chunk(refs, ROWS_PER_INSERT)) {
      await tx.delete(relations).where(inArray(relations.originRef, batch));
    }
    await tx.delete(problems).where(eq(problems.locationKey, key));
    await tx.delete(locationFiles).where(eq(locationFiles.locationKey, key));
    await tx.delete(locations).where(eq(locations.key, key));
    if (refs.length) {
      await refreshReferenceProblems(tx as unknown as Db, refs);
      await recordCatalogChange(tx as unknown as Db, refs);
    }
    return refs;
  });
}

/**
 * A change of more entities than this is logged as one row saying "everything": a replica
 * rebuilds its index in full after such a change anyway, and the log stays small.
 */
const MAX_LOGGED_REFS = 20_000;
/** The ref logged for a change too large to list. */
export const EVERYTHING_CHANGED = '*';
/** Versions the change log keeps: a replica further behind than this rebuilds in full. */
const RETAINED_VERSIONS = 1000;

/**
 * Moves the catalog version on, logs which entities this version changed, and tells every
 * replica the new version (NOTIFY is delivered on commit). The version row's lock, held to the
 * end of the transaction, makes versions commit in order: a replica that sees version v also
 * sees every logged change up to v.
 */
async function recordCatalogChange(db: Db, refs: string[]): Promise<void> {
  const [{ version }] = await db
    .update(catalogState)
    .set({ version: sql`${catalogState.version} + 1`, changedAt: new Date() })
    .where(eq(catalogState.id, 1))
    .returning({ version: catalogState.version });
  // A change far too large to list is not deduplicated first (a ref is listed at most twice, as
  // removed by one location and added by another): a Set of 160k refs is built, and rehashed, in
  // steps that cannot be paused, only to be thrown away. Logging "everything" is always correct.
  const unique = refs.length > MAX_LOGGED_REFS * 2 ? [] : [...new Set(refs)];
  const logged = !unique.length || unique.length > MAX_LOGGED_REFS ? [EVERYTHING_CHANGED] : unique;
  for (const rows of chunk(
    logged.map((ref) => ({ ref })),
    ROWS_PER_BULK_INSERT * 4,
  )) {
    await db.execute(sql`INSERT INTO ${catalogChanges} (version, ref)
      SELECT ${version}, ref FROM ${recordset(rows, 'ref text')} ON CONFLICT DO NOTHING`);
  }
  await db.execute(sql`DELETE FROM ${catalogChanges} WHERE version <= ${version - RETAINED_VERSIONS}`);
  await db.execute(sql`SELECT pg_notify(${catalogChannel}, ${String(version)})`);
}

interface EntityRecord {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  description: string | null;
  owner: string | null;
  repositories: string[];
  body: unknown;
  hash: string;
  location_key: string;
  file: string;
  file_url: string | null;
}

function entityRow(locationKey: string, e: EntityWrite): EntityRecord {
  const { metadata, kind } = e.entity;
  const [, namespaceAndName] = e.ref.split(':');
  const [namespace] = namespaceAndName.split('/');
  return {
    ref: e.ref,
    kind: kind.toLowerCase(),
    namespace,
    name: metadata.name,
    title: metadata.title ?? null,
    description: metadata.description ?? null,
    owner: entityOwnerColumn(e),
    repositories: entityRepositoriesColumn(e),
    body: e.entity,
    hash: e.hash,
    location_key: locationKey,
    file: e.origin.file,
    file_url: e.origin.url ?? null,
  };
}

async function upsertEntities(db: Db, rows: EntityRecord[]): Promise<void> {
  await db.execute(sql`
    INSERT INTO ${entities} (ref, kind, namespace, name, title, description, owner, repositories, body, hash, location_key, file, file_url)
    SELECT ref, kind, namespace, name, title, description, owner, repositories, body, hash, location_key, file, file_url
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      ref text, kind text, namespace text, name text, title text, description text, owner text, repositories text[],
      body jsonb, hash text, location_key text, file text, file_url text)
    ON CONFLICT (ref) DO UPDATE SET
      kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, title = excluded.title,
      description = excluded.description, owner = excluded.owner, repositories = excluded.repositories, body = excluded.body, hash = excluded.hash,
      file = excluded.file, file_url = excluded.file_url, updated_at = now()`);
}

async function insertRelations(
  db: Db,
  rows: Array<{ origin_ref: string; source: string; type: string; target: string }>,
): Promise<void> {
  await db.execute(sql`
    INSERT INTO ${relations} (origin_ref, source, type, target)
    SELECT origin_ref, source, type, target
    FROM json_to_recordset(${JSON.stringify(rows)}::json) AS x(origin_ref text, source text, type text, target text)
    ON CONFLICT DO NOTHING`);
}

function dedupeRelations(e: EntityWrite) {
  const seen = new Set<string>();
  return e.relations.filter((r) => {
    const id = `${r.source} ${r.type} ${r.target}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
