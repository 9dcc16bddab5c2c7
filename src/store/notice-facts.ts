// What the notice finder (src/notices/find-notices.ts) reads from the catalog in one go: every
// problem, the few fields of each entity that say who owns it and how to reach them, who belongs
// to each group, and locations that could not be read. Compact rows, so a 20k-entity catalog is
// read in a few queries rather than entity by entity, entities a page at a time so that no one
// query keeps PGlite (one statement at a time) or this thread (building the page's rows) busy long.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { asc, eq, gt, sql } from 'drizzle-orm';
import { appendAll } from '../append.js';
import type { Db } from './database.js';
import { entities, locations, problems, relations } from './schema.js';

export interface EntityFact {
  ref: string;
  kind: string;
  owner?: string;
  locationKey: string;
  file: string;
  /** spec.lifecycle */
  lifecycle?: string;
  /** The repositories its annotations name (`org/repo`, lower-cased). */
  repositories: string[];
  /** slack.com/channel-id */
  channelId?: string;
  /** callboard.dev/notices, as written */
  noticesAnnotation?: string;
  /** spec.profile.email (users) */
  email?: string;
  title?: string;
  /** When the catalog first held it (a repository created this week shows in the digest). */
  createdAt: Date;
}

export interface ProblemFact {
  locationKey: string;
  file: string;
  document?: number;
  field?: string;
  entityRef?: string;
  message: string;
  category: string;
}

export interface NoticeFacts {
  entities: EntityFact[];
  problems: ProblemFact[];
  /** group ref -> member refs (hasMember, whether or not the member is in the catalog) */
  members: Map<string, string[]>;
  failedLocations: Array<{ key: string; target: string; error?: string }>;
}

/** Entities read per query: a page's rows are built on this thread, and PGlite runs one query at a time. */
const ENTITY_PAGE = 500;

export async function readNoticeFacts(db: Db): Promise<NoticeFacts> {
  const entityRows = await readEntityFacts(db);
  const problemRows = await db.select().from(problems);
  const memberRows = await db
    .select({ group: relations.source, member: relations.target })
    .from(relations)
    .where(eq(relations.type, 'hasMember'));
  const failed = await db
    .select({ key: locations.key, target: locations.target, error: locations.lastError })
    .from(locations)
    .where(eq(locations.status, 'failed'));
  const members = new Map<string, string[]>();
  // Pushed in place: copying each group's list per member made a group of n members n lists.
  for (const { group, member } of memberRows) {
    const list = members.get(group);
    if (list) list.push(member);
    else members.set(group, [member]);
  }
  return {
    entities: entityRows.map((row) => ({
      ref: row.ref,
      kind: row.kind,
      owner: row.owner ?? undefined,
      locationKey: row.locationKey,
      file: row.file,
      repositories: row.repositories,
      title: row.title ?? undefined,
      createdAt: row.createdAt,
      lifecycle: row.lifecycle ?? undefined,
      channelId: row.channelId ?? undefined,
      noticesAnnotation: row.noticesAnnotation ?? undefined,
      email: row.email ?? undefined,
    })),
    problems: problemRows.map((row) => ({
      locationKey: row.locationKey,
      file: row.file,
      document: row.document ?? undefined,
      field: row.field ?? undefined,
      entityRef: row.entityRef ?? undefined,
      message: row.message,
      category: row.category,
    })),
    members,
    failedLocations: failed.map((row) => ({ key: row.key, target: row.target, error: row.error ?? undefined })),
  };
}

async function readEntityFacts(db: Db) {
  const columns = {
    ref: entities.ref,
    kind: entities.kind,
    owner: entities.owner,
    locationKey: entities.locationKey,
    file: entities.file,
    repositories: entities.repositories,
    title: entities.title,
    createdAt: entities.createdAt,
    lifecycle: sql<string | null>`${entities.body}->'spec'->>'lifecycle'`,
    channelId: sql<string | null>`${entities.body}->'metadata'->'annotations'->>'slack.com/channel-id'`,
    noticesAnnotation: sql<string | null>`${entities.body}->'metadata'->'annotations'->>'callboard.dev/notices'`,
    email: sql<string | null>`${entities.body}->'spec'->'profile'->>'email'`,
  };
  const pageAfter = (after: string) =>
    db.select(columns).from(entities).where(gt(entities.ref, after)).orderBy(asc(entities.ref)).limit(ENTITY_PAGE);
  const rows: Awaited<ReturnType<typeof pageAfter>> = [];
  let after = '';
  for (;;) {
    const page = await pageAfter(after);
    appendAll(rows, page);
    if (page.length < ENTITY_PAGE) return rows;
    after = page[page.length - 1].ref;
    await nextTurn();
  }
}
