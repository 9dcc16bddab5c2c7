// What the scorer reads from the catalog: each entity with its owner and the counts its catalog
// facts need, for a list of refs or for the whole catalog a page at a time. Each page is three
// bulk queries (the entities, their owners with member counts, their problem counts), whatever
// the page's size, so facts never cost a query per entity.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Entity } from '../catalog/types.js';
import { chunk } from './batches.js';
import type { Db } from './database.js';
import { entities, problems, relations } from './schema.js';

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

/** One page of the catalog in ref order: its inputs, and the ref range (after, upTo] it covers. */
export interface ScoringPage {
  inputs: ScoringInput[];
  after: string;
  /** The page's last ref; undefined on the last page (it covers everything after `after`). */
  upTo?: string;
}

/**
 * Entities read per query: a page's rows, not the catalog's, are built on this thread at once,
 * and embedded PGlite runs one query at a time (on its worker thread), so a long one makes every
 * other query wait. A page's cost grows faster than its size (1,000 entities with their bodies:
 * 40-70 ms; 250: 4-17 ms), so pages are small.
 */
const SCORING_PAGE = 250;
/** Refs per `IN (...)` lookup. */
const LOOKUP_BATCH = 1000;

type Owner = { ref: string; kind: string; annotations: Record<string, string>; members: number };

type EntityRow = { ref: string; owner: string | null; body: Entity; hasDefinition: boolean | null };

const COLUMNS = {
  ref: entities.ref,
  owner: entities.owner,
  body: sql<Entity>`${entities.body} #- '{spec,definition}'`,
  hasDefinition: sql<boolean | null>`coalesce(${entities.body}->'spec'->>'definition', '') <> ''`,
};

/** The entities `refs`, with what their catalog facts need. */
export async function scoringInputsOf(db: Db, refs: string[]): Promise<ScoringInput[]> {
  const rows: EntityRow[] = [];
  for (const batch of chunk([...new Set(refs)], LOOKUP_BATCH))
    rows.push(...(await db.select(COLUMNS).from(entities).where(inArray(entities.ref, batch))));
  return withOwnersAndCounts(db, rows, new Map());
}

/** The whole catalog, a page at a time in ref order. */
export async function* scoringPages(db: Db, pageSize = SCORING_PAGE): AsyncGenerator<ScoringPage> {
  // Owners are few and shared by many pages: each is read once a run.
  const owners = new Map<string, Owner | undefined>();
  for (let after = ''; ; ) {
    const rows = await db
      .select(COLUMNS)
      .from(entities)
      .where(sql`${entities.ref} > ${after}`)
      .orderBy(asc(entities.ref))
      .limit(pageSize);
    const last = rows.length === pageSize ? rows[rows.length - 1].ref : undefined;
    yield { inputs: await withOwnersAndCounts(db, rows, owners), after, upTo: last };
    if (last === undefined) return;
    after = last;
  }
}

/** `rows` with their owners (read into `owners` unless it has them; undefined: not in the catalog) and counts. */
async function withOwnersAndCounts(
  db: Db,
  rows: EntityRow[],
  owners: Map<string, Owner | undefined>,
): Promise<ScoringInput[]> {
  if (!rows.length) return [];
  const unread = [...new Set(rows.flatMap((r) => (r.owner && !owners.has(r.owner) ? [r.owner] : [])))];
  for (const batch of chunk(unread, LOOKUP_BATCH)) {
    const found = await db
      .select({
        ref: entities.ref,
        kind: entities.kind,
        annotations: sql<Record<string, string> | null>`${entities.body}->'metadata'->'annotations'`,
        members: sql<number>`(SELECT count(DISTINCT ${relations.target}) FROM ${relations}
          WHERE ${relations.source} = ${entities.ref} AND ${relations.type} = 'hasMember')`,
      })
      .from(entities)
      .where(inArray(entities.ref, batch));
    for (const ref of batch) owners.set(ref, undefined);
    for (const o of found)
      owners.set(o.ref, { ref: o.ref, kind: o.kind, annotations: o.annotations ?? {}, members: Number(o.members) });
  }
  const problemCounts = new Map<string, { document: number; reference: number }>();
  for (const batch of chunk(
    rows.map((r) => r.ref),
    LOOKUP_BATCH,
  )) {
    const counts = await db
      .select({ ref: problems.entityRef, category: problems.category, n: sql<number>`count(*)` })
      .from(problems)
      .where(inArray(problems.entityRef, batch))
      .groupBy(problems.entityRef, problems.category);
    for (const c of counts) {
      if (!c.ref) continue;
      const entry = problemCounts.get(c.ref) ?? { document: 0, reference: 0 };
      if (c.category === 'reference') entry.reference += Number(c.n);
      else entry.document += Number(c.n);
      problemCounts.set(c.ref, entry);
    }
  }
  return rows.map((r) => ({
    ref: r.ref,
    entity: r.body,
    hasDefinition: Boolean(r.hasDefinition),
    ownerRef: r.owner ?? undefined,
    owner: r.owner ? owners.get(r.owner) : undefined,
    ownerMemberCount: (r.owner && owners.get(r.owner)?.members) || 0,
    problemCount: problemCounts.get(r.ref)?.document ?? 0,
    unresolvedReferenceCount: problemCounts.get(r.ref)?.reference ?? 0,
  }));
}

/** Entities owned by any of `owners` (a team changed: its entities' owner facts did too). */
export async function refsOwnedBy(db: Db, owners: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const batch of chunk(owners, LOOKUP_BATCH)) {
    const rows = await db.select({ ref: entities.ref }).from(entities).where(inArray(entities.owner, batch));
    out.push(...rows.map((r) => r.ref));
  }
  return out;
}

/** The groups `users` are members of (their memberOf relations). */
export async function groupsOf(db: Db, users: string[]): Promise<string[]> {
  if (!users.length) return [];
  const rows = await db
    .selectDistinct({ group: relations.target })
    .from(relations)
    .where(and(eq(relations.type, 'memberOf'), inArray(relations.source, users)));
  return rows.map((r) => r.group);
}
