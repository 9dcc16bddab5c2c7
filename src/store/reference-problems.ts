// References to entities the catalog does not hold (a misspelt owner, a removed API), kept as
// problems of the entity that makes them. Whether a reference resolves depends on every other
// location, so these are recomputed in the transaction of each change to the catalog: for the
// entities the change can have affected, or (on request) for the whole catalog.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { entityReferences, unresolvedReferenceMessage } from '../catalog/references.js';
import type { Entity } from '../catalog/types.js';
import type { Db } from './database.js';
import { chunk, recordset } from './batches.js';
import { entities, problems, relations } from './schema.js';
import { enterPhase } from '../work-phase.js';

const REFERENCE_PROBLEM = 'reference';

/** Serialises the recomputation across replicas: two at once would each insert the same problems. */
const LOCK = 'callboard_reference_problems';

const ROWS_PER_INSERT = 2000;
/**
 * Changed entities from which every reference is checked again (see refreshReferenceProblems).
 * Measured on a busy machine (load 10): a 20k change checked entity by entity took 5.8 s, the
 * whole of a 160k catalog 3.1 s; a 10k change costs about what the whole 160k does.
 */
const WHOLE_FROM = 10_000;
/** Entities whose bodies are read (and references worked out) per query. */
const ENTITIES_PER_READ = 500;

/**
 * Recomputes reference problems. With `changed` (the refs a transaction added, updated or
 * removed), only for the entities whose answer can have moved: those changed, and those stating
 * a relation to one of them (an added entity resolves their reference, a removed one breaks it).
 * Without it, for the whole catalog. Recomputed whole in every change, 15k unresolved references
 * cost each webhook's transaction about a second and the serving process's event loop 60 ms.
 */
export async function refreshReferenceProblems(db: Db, changed?: readonly string[]): Promise<void> {
  enterPhase('reference problems');
  await db.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${LOCK}))`);
  // A change of a large part of the catalog (a first sync) is worked out whole: one query over
  // every relation costs far less than asking about 200k changed entities a few thousand at a time.
  if (changed === undefined || changed.length >= WHOLE_FROM) {
    await db.delete(problems).where(eq(problems.category, REFERENCE_PROBLEM));
    enterPhase('reference problems: whole query');
    const unresolved = await unresolvedReferences(db);
    enterPhase('reference problems: record');
    await recordProblems(db, unresolved);
    return;
  }
  const targets = [...new Set(changed)];
  const affected = new Set(targets);
  for (const batch of chunk(targets, ENTITIES_PER_READ * 4)) {
    const referrers = await db
      .selectDistinct({ ref: relations.originRef })
      .from(relations)
      .where(and(eq(relations.source, relations.originRef), inArray(relations.target, batch)));
    for (const { ref } of referrers) affected.add(ref);
  }
  for (const refs of chunk([...affected], ENTITIES_PER_READ * 4)) {
    await db.delete(problems).where(and(eq(problems.category, REFERENCE_PROBLEM), inArray(problems.entityRef, refs)));
    await recordProblems(db, await unresolvedReferences(db, refs));
  }
}

type Unresolved = Map<string, Array<{ type: string; target: string }>>;

/**
 * Relations an entity states itself (source = origin) whose target is missing, by the stating
 * entity (of `only`, when given), in place order (plain byte order), so the same problems are
 * stored the same way every time.
 */
async function unresolvedReferences(db: Db, only?: string[]): Promise<Unresolved> {
  const target = alias(entities, 'target');
  const stated = and(eq(relations.source, relations.originRef), isNull(target.ref));
  const missing = await db
    .select({ ref: entities.ref, type: relations.type, target: relations.target })
    .from(relations)
    .innerJoin(entities, eq(entities.ref, relations.originRef))
    .leftJoin(target, eq(target.ref, relations.target))
    // Filtered on source (indexed), which equals the stating entity for the relations read here.
    .where(only ? and(stated, inArray(relations.source, only)) : stated)
    .orderBy(
      sql`${entities.locationKey} COLLATE "C"`,
      sql`${entities.file} COLLATE "C"`,
      sql`${entities.ref} COLLATE "C"`,
    );
  const unresolved: Unresolved = new Map();
  for (const row of missing) {
    const list = unresolved.get(row.ref);
    if (list) list.push(row);
    else unresolved.set(row.ref, [row]);
  }
  return unresolved;
}

/**
 * Writes a problem for each unresolved reference. The stating entities' bodies are read a batch
 * at a time (the field a reference sits in is only known from the body), and each batch's
 * problems written before the next is read: the event loop is never held for the whole set.
 */
async function recordProblems(db: Db, unresolved: Unresolved): Promise<void> {
  for (const refs of chunk([...unresolved.keys()], ENTITIES_PER_READ)) {
    const stating = await db
      .select({ ref: entities.ref, locationKey: entities.locationKey, file: entities.file, body: entities.body })
      .from(entities)
      .where(inArray(entities.ref, refs));
    const byRef = new Map(stating.map((entity) => [entity.ref, entity]));
    const rows: Array<{ location_key: string; file: string; field: string; entity_ref: string; message: string }> = [];
    for (const ref of refs) {
      const entity = byRef.get(ref);
      if (!entity) continue;
      const missing = unresolved.get(ref) ?? [];
      const found = entityReferences(entity.body as Entity)
        .filter((reference) => missing.some((m) => m.type === reference.relation && m.target === reference.target))
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
