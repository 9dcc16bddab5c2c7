// Writes locations' changes in a single transaction: a crash halfway leaves the previous
// state, never half of the new one.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { catalogState, entities, locationFiles, locations, problems, relations } from './schema.js';
import type { EntityWrite, LocationChange, LocationChangeResult } from './location-change.js';
import type { Problem } from '../catalog/types.js';
import { entityOwnerColumn } from './entity-columns.js';

/** Postgres caps a statement at 65535 parameters; rows are written in chunks well below it. */
const ROWS_PER_INSERT = 400;
/**
 * Entities and relations go in as one JSON parameter per batch (json_to_recordset): building and
 * binding tens of thousands of separate parameters costs far more than the database's work.
 */
const ROWS_PER_BULK_INSERT = 2000;

export const CATALOG_CHANNEL = 'callboard_catalog';

/**
 * Applies several locations' changes in one transaction, in order: a later location sees what an
 * earlier one wrote, so of two claiming one entity the first keeps it. Batching saves a commit
 * (and its round trips) per location, which dominates a large organisation's sync.
 */
export async function applyLocationChanges(db: Db, changes: LocationChange[]): Promise<LocationChangeResult[]> {
  if (!changes.length) return [];
  return db.transaction(async (tx) => {
    const results: LocationChangeResult[] = [];
    for (const change of changes) results.push(await applyInTransaction(tx as unknown as Db, change));
    if (results.some((r) => r.added.length || r.updated.length || r.removed.length)) await bumpCatalogVersion(tx as unknown as Db);
    return results;
  });
}

async function applyInTransaction(tx: Db, change: LocationChange): Promise<LocationChangeResult> {
  {
    const { key } = change.location;
    await tx.insert(locations)
      .values({ ...change.location, status: 'ok', lastError: null, lastReadAt: new Date() })
      .onConflictDoUpdate({
        target: locations.key,
        set: { type: change.location.type, target: change.location.target, status: 'ok', lastError: null, lastReadAt: new Date() },
      });

    const { accepted, conflicts } = await splitConflicts(tx as unknown as Db, key, change.upserts);
    const existing = accepted.length
      ? await tx.select({ ref: entities.ref }).from(entities).where(inArray(entities.ref, accepted.map((e) => e.ref)))
      : [];
    const existingRefs = new Set(existing.map((row) => row.ref));

    const touchedFiles = [
      ...change.parsedFiles.map((f) => f.path),
      ...change.removedFiles,
      ...change.failedFiles.map((f) => f.path),
    ];
    for (const files of chunk(touchedFiles, ROWS_PER_INSERT)) {
      await tx.delete(problems).where(and(eq(problems.locationKey, key), inArray(problems.file, files)));
    }
    for (const files of chunk(change.removedFiles, ROWS_PER_INSERT)) {
      await tx.delete(locationFiles).where(and(eq(locationFiles.locationKey, key), inArray(locationFiles.path, files)));
    }

    const removals = change.removals;
    for (const refs of chunk(removals, ROWS_PER_INSERT)) {
      await tx.delete(relations).where(inArray(relations.originRef, refs));
      await tx.delete(entities).where(and(inArray(entities.ref, refs), eq(entities.locationKey, key)));
    }

    for (const batch of chunk(accepted, ROWS_PER_BULK_INSERT)) {
      await tx.delete(relations).where(inArray(relations.originRef, batch.map((e) => e.ref)));
      await upsertEntities(tx as unknown as Db, batch.map((e) => entityRow(key, e)));
      const relationRows = batch.flatMap((e) => dedupeRelations(e).map((r) => ({ origin_ref: e.ref, ...r })));
      for (const rows of chunk(relationRows, ROWS_PER_BULK_INSERT * 4)) {
        await insertRelations(tx as unknown as Db, rows);
      }
    }

    for (const files of chunk(change.parsedFiles, ROWS_PER_INSERT)) {
      await tx.insert(locationFiles).values(files.map((f) => ({ locationKey: key, path: f.path, url: f.url ?? null, sha: f.sha, parsedAt: new Date() })))
        .onConflictDoUpdate({
          target: [locationFiles.locationKey, locationFiles.path],
          set: { sha: sql`excluded.sha`, url: sql`excluded.url`, parsedAt: sql`excluded.parsed_at` },
        });
    }

    const allProblems: Problem[] = [
      ...change.problems,
      ...conflicts,
      ...change.failedFiles.map((f) => ({ file: f.path, message: `could not be read: ${f.error}` })),
    ];
    for (const batch of chunk(allProblems, ROWS_PER_INSERT)) {
      await tx.insert(problems).values(batch.map((p) => ({
        locationKey: key, file: p.file, document: p.document ?? null, field: p.field ?? null,
        entityRef: p.entityRef ?? null, message: p.message,
      })));
    }

    const added = accepted.filter((e) => !existingRefs.has(e.ref)).map((e) => e.ref);
    const updated = accepted.filter((e) => existingRefs.has(e.ref)).map((e) => e.ref);
    return { added, updated, removed: removals, conflicts };
  }
}

/** A location that could not be read keeps every entity; only its state is recorded. */
export async function markLocationFailed(db: Db, location: { key: string; type: string; target: string }, error: string): Promise<void> {
  await db.insert(locations)
    .values({ ...location, status: 'failed', lastError: error, lastReadAt: new Date() })
    .onConflictDoUpdate({ target: locations.key, set: { status: 'failed', lastError: error, lastReadAt: new Date() } });
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
    if (refs.length) await bumpCatalogVersion(tx as unknown as Db);
    return refs;
  });
}

export async function bumpCatalogVersion(db: Db): Promise<void> {
  await db.update(catalogState).set({ version: sql`${catalogState.version} + 1`, changedAt: new Date() }).where(eq(catalogState.id, 1));
  // Other replicas rebuild their search index when they hear this (delivered on commit).
  await db.execute(sql.raw(`NOTIFY ${CATALOG_CHANNEL}`));
}

/** The first location to provide an entity keeps it; a later claimant gets a problem naming both. */
async function splitConflicts(db: Db, key: string, upserts: EntityWrite[]): Promise<{ accepted: EntityWrite[]; conflicts: Problem[] }> {
  if (!upserts.length) return { accepted: [], conflicts: [] };
  const owners = new Map<string, { locationKey: string; file: string }>();
  for (const refs of chunk(upserts.map((e) => e.ref), ROWS_PER_INSERT)) {
    const rows = await db.select({ ref: entities.ref, locationKey: entities.locationKey, file: entities.file })
      .from(entities).where(and(inArray(entities.ref, refs), ne(entities.locationKey, key)));
    for (const row of rows) owners.set(row.ref, row);
  }
  const accepted: EntityWrite[] = [];
  const conflicts: Problem[] = [];
  for (const entity of upserts) {
    const owner = owners.get(entity.ref);
    if (!owner) {
      accepted.push(entity);
      continue;
    }
    conflicts.push({
      file: entity.origin.file,
      document: entity.origin.document,
      entityRef: entity.ref,
      message: `${entity.ref} is already provided by ${owner.file} (${owner.locationKey}); this copy in ${entity.origin.file} is ignored`,
    });
  }
  return { accepted, conflicts };
}

interface EntityRecord {
  ref: string; kind: string; namespace: string; name: string; title: string | null; description: string | null;
  owner: string | null; body: unknown; hash: string; location_key: string; file: string; file_url: string | null;
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
    body: e.entity,
    hash: e.hash,
    location_key: locationKey,
    file: e.origin.file,
    file_url: e.origin.url ?? null,
  };
}

async function upsertEntities(db: Db, rows: EntityRecord[]): Promise<void> {
  await db.execute(sql`
    INSERT INTO ${entities} (ref, kind, namespace, name, title, description, owner, body, hash, location_key, file, file_url)
    SELECT ref, kind, namespace, name, title, description, owner, body, hash, location_key, file, file_url
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
      ref text, kind text, namespace text, name text, title text, description text, owner text,
      body jsonb, hash text, location_key text, file text, file_url text)
    ON CONFLICT (ref) DO UPDATE SET
      kind = excluded.kind, namespace = excluded.namespace, name = excluded.name, title = excluded.title,
      description = excluded.description, owner = excluded.owner, body = excluded.body, hash = excluded.hash,
      file = excluded.file, file_url = excluded.file_url, updated_at = now()`);
}

async function insertRelations(db: Db, rows: Array<{ origin_ref: string; source: string; type: string; target: string }>): Promise<void> {
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

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
