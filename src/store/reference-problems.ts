// References to entities the catalog does not hold (a misspelt owner, a removed API), kept as
// problems of the entity that makes them. Whether a reference resolves depends on every other
// location, so these are recomputed, whole, in the transaction of each change to the catalog.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { entityReferences, unresolvedReferenceMessage } from '../catalog/references.js';
import type { Entity } from '../catalog/types.js';
import type { Db } from './database.js';
import { chunk, recordset } from './batches.js';
import { entities, problems, relations } from './schema.js';

export const REFERENCE_PROBLEM = 'reference';

/** Serialises the recomputation across replicas: two at once would each insert the whole set. */
const LOCK = 'callboard_reference_problems';

const ROWS_PER_INSERT = 2000;
/** Entities whose bodies are read (and references worked out) per query. */
const ENTITIES_PER_READ = 500;

export async function refreshReferenceProblems(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`);
  await db.delete(problems).where(eq(problems.category, REFERENCE_PROBLEM));
  const target = alias(entities, 'target');
  // Relations an entity states itself (source = origin) whose target is missing: first which,
  // then the stating entities' bodies a batch at a time (the field a reference sits in is only
  // known from the body). Read in one query, 15k bodies held the event loop for 60-200 ms.
  const missing = await db
    .selectDistinct({ ref: relations.originRef, type: relations.type, target: relations.target })
    .from(relations)
    .leftJoin(target, eq(target.ref, relations.target))
    .where(and(eq(relations.source, relations.originRef), isNull(target.ref)));
  if (!missing.length) return;
  const missingOf = new Map<string, Array<{ type: string; target: string }>>();
  for (const row of missing) {
    const list = missingOf.get(row.ref);
    if (list) list.push(row);
    else missingOf.set(row.ref, [row]);
  }

  const rows: Array<typeof problems.$inferInsert> = [];
  for (const refs of chunk([...missingOf.keys()], ENTITIES_PER_READ)) {
    const stating = await db
      .select({ ref: entities.ref, locationKey: entities.locationKey, file: entities.file, body: entities.body })
      .from(entities)
      .where(inArray(entities.ref, refs));
    for (const entity of stating) {
      const unresolved = missingOf.get(entity.ref) ?? [];
      for (const reference of entityReferences(entity.body as Entity)) {
        if (!unresolved.some((m) => m.type === reference.relation && m.target === reference.target)) continue;
        rows.push({
          locationKey: entity.locationKey,
          file: entity.file,
          field: reference.field,
          entityRef: entity.ref,
          message: unresolvedReferenceMessage(reference, 'the catalog'),
          category: REFERENCE_PROBLEM,
        });
      }
    }
  }
  // A fixed order, so the same problems are stored the same way every time; compared as plain
  // strings, which for 7,000 rows is ten times quicker than localeCompare.
  const placed = rows.map((row) => ({ row, place: `${row.locationKey} ${row.file} ${row.entityRef} ${row.field}` }));
  placed.sort((a, b) => (a.place < b.place ? -1 : a.place > b.place ? 1 : 0));
  rows.splice(0, rows.length, ...placed.map((p) => p.row));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = rows.slice(i, i + ROWS_PER_INSERT).map((row) => ({
      location_key: row.locationKey,
      file: row.file,
      field: row.field,
      entity_ref: row.entityRef,
      message: row.message,
    }));
    await db.execute(sql`
      INSERT INTO ${problems} (location_key, file, field, entity_ref, message, category)
      SELECT location_key, file, field, entity_ref, message, ${REFERENCE_PROBLEM}
      FROM ${recordset(batch, 'location_key text, file text, field text, entity_ref text, message text')}`);
  }
}
