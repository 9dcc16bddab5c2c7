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
  // known from the body), each batch's problems written before the next is read. Read and sorted
  // in one piece, 15k unresolved references held the event loop for 60-200 ms in every change.
  // Ordered by place (plain byte order), so the same problems are stored the same way every time.
  const missing = await db
    .select({ ref: entities.ref, type: relations.type, target: relations.target })
    .from(relations)
    .innerJoin(entities, eq(entities.ref, relations.originRef))
    .leftJoin(target, eq(target.ref, relations.target))
    .where(and(eq(relations.source, relations.originRef), isNull(target.ref)))
    .orderBy(
      sql`${entities.locationKey} COLLATE "C"`,
      sql`${entities.file} COLLATE "C"`,
      sql`${entities.ref} COLLATE "C"`,
    );
  const missingOf = new Map<string, Array<{ type: string; target: string }>>();
  for (const row of missing) {
    const list = missingOf.get(row.ref);
    if (list) list.push(row);
    else missingOf.set(row.ref, [row]);
  }
  for (const refs of chunk([...missingOf.keys()], ENTITIES_PER_READ)) {
    const stating = await db
      .select({ ref: entities.ref, locationKey: entities.locationKey, file: entities.file, body: entities.body })
      .from(entities)
      .where(inArray(entities.ref, refs));
    const byRef = new Map(stating.map((entity) => [entity.ref, entity]));
    const rows: Array<{ location_key: string; file: string; field: string; entity_ref: string; message: string }> = [];
    for (const ref of refs) {
      const entity = byRef.get(ref);
      if (!entity) continue;
      const unresolved = missingOf.get(ref) ?? [];
      const found = entityReferences(entity.body as Entity)
        .filter((reference) => unresolved.some((m) => m.type === reference.relation && m.target === reference.target))
        .sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
      for (const reference of found) {
        rows.push({
          location_key: entity.locationKey,
          file: entity.file,
          field: reference.field,
          entity_ref: ref,
          message: unresolvedReferenceMessage(reference, 'the catalog'),
        });
      }
    }
    for (const batch of chunk(rows, ROWS_PER_INSERT)) {
      await db.execute(sql`
        INSERT INTO ${problems} (location_key, file, field, entity_ref, message, category)
        SELECT location_key, file, field, entity_ref, message, ${REFERENCE_PROBLEM}
        FROM ${recordset(batch, 'location_key text, file text, field text, entity_ref text, message text')}`);
    }
  }
}
