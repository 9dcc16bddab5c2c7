// References to entities the catalog does not hold (a misspelt owner, a removed API), kept as
// problems of the entity that makes them. Whether a reference resolves depends on every other
// location, so these are recomputed, whole, in the transaction of each change to the catalog.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { entityReferences, unresolvedReferenceMessage } from '../catalog/references.js';
import type { Entity } from '../catalog/types.js';
import type { Db } from './database.js';
import { recordset } from './recordset.js';
import { entities, problems, relations } from './schema.js';

export const REFERENCE_PROBLEM = 'reference';

/** Serialises the recomputation across replicas: two at once would each insert the whole set. */
const LOCK = 'callboard_reference_problems';

const ROWS_PER_INSERT = 2000;
/** Unresolved references worked through between two turns of the event loop. */
const ROWS_PER_TURN = 500;

export async function refreshReferenceProblems(db: Db): Promise<void> {
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`);
  await db.delete(problems).where(eq(problems.category, REFERENCE_PROBLEM));
  const target = alias(entities, 'target');
  // Relations an entity states itself (source = origin) whose target is missing.
  const missing = await db
    .selectDistinct({
      ref: entities.ref,
      locationKey: entities.locationKey,
      file: entities.file,
      body: entities.body,
      type: relations.type,
      target: relations.target,
    })
    .from(relations)
    .innerJoin(entities, eq(entities.ref, relations.originRef))
    .leftJoin(target, eq(target.ref, relations.target))
    .where(and(eq(relations.source, relations.originRef), isNull(target.ref)));
  if (!missing.length) return;

  const rows: Array<typeof problems.$inferInsert> = [];
  const referencesOf = new Map<string, ReturnType<typeof entityReferences>>();
  let read = 0;
  for (const row of missing) {
    // Thousands of unresolved references are read again in every change's transaction: give the
    // event loop a turn now and then, or a sync in the serving process holds it for 300 ms.
    if (++read % ROWS_PER_TURN === 0) await nextTurn();
    const references = referencesOf.get(row.ref) ?? entityReferences(row.body as Entity);
    referencesOf.set(row.ref, references);
    for (const reference of references.filter((r) => r.relation === row.type && r.target === row.target)) {
      rows.push({
        locationKey: row.locationKey,
        file: row.file,
        field: reference.field,
        entityRef: row.ref,
        message: unresolvedReferenceMessage(reference, 'the catalog'),
        category: REFERENCE_PROBLEM,
      });
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
