// References to entities the catalog does not hold (a misspelt owner, a removed API), kept as
// problems of the entity that makes them. Whether a reference resolves depends on every other
// location, so these are recomputed, whole, in the transaction of each change to the catalog.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { entityReferences, unresolvedReferenceMessage } from '../catalog/references.js';
import type { Entity } from '../catalog/types.js';
import type { Db } from './database.js';
import { entities, problems, relations } from './schema.js';

export const REFERENCE_PROBLEM = 'reference';

/** Serialises the recomputation across replicas: two at once would each insert the whole set. */
const LOCK = 'callboard_reference_problems';

const ROWS_PER_INSERT = 2000;

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
  for (const row of missing) {
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
  const place = (p: (typeof rows)[number]) => `${p.locationKey} ${p.file} ${p.entityRef} ${p.field}`;
  rows.sort((a, b) => place(a).localeCompare(place(b)));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    await db.insert(problems).values(rows.slice(i, i + ROWS_PER_INSERT));
  }
}
