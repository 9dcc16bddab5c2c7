// The store's schema as code: drizzle-kit generates migrations/ from this file.
import { sql } from 'drizzle-orm';
import type { RelationType } from '../catalog/relation-types.js';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import type { Entity } from '../catalog/types.js';

/** A place entities are read from: a folder, a GitHub repository, a scaffolded repository. */
export const locations = pgTable('locations', {
  key: text('key').primaryKey(),
  type: text('type').notNull(),
  target: text('target').notNull(),
  /** 'ok' or 'failed' after the last read. */
  status: text('status').notNull().default('ok'),
  lastError: text('last_error'),
  lastReadAt: timestamp('last_read_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Each file a location yielded, with the hash (or blob oid) it had when last parsed. */
export const locationFiles = pgTable(
  'location_files',
  {
    locationKey: text('location_key').notNull(),
    path: text('path').notNull(),
    url: text('url'),
    sha: text('sha').notNull(),
    parsedAt: timestamp('parsed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.locationKey, t.path] })],
);

export const entities = pgTable(
  'entities',
  {
    /** Canonical ref, lower-cased: `kind:namespace/name`. */
    ref: text('ref').primaryKey(),
    kind: text('kind').notNull(),
    namespace: text('namespace').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    description: text('description'),
    /** The owner's canonical ref, when the kind has one: searched and joined often. */
    owner: text('owner'),
    /** The repositories its annotations name (`org/repo`, lower-cased): a pasted URL finds the entity. */
    repositories: text('repositories').array().notNull().default(sql`'{}'::text[]`),
    body: jsonb('body').$type<Entity>().notNull(),
    /** Hash of the body: an unchanged document is not written again. */
    hash: text('hash').notNull(),
    locationKey: text('location_key').notNull(),
    file: text('file').notNull(),
    fileUrl: text('file_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('entities_kind_idx').on(t.kind),
    index('entities_location_idx').on(t.locationKey, t.file),
    index('entities_owner_idx').on(t.owner),
    index('entities_repositories_idx').using('gin', t.repositories),
  ],
);

/** Relations, both directions, each row owned by the entity whose document declared it. */
export const relations = pgTable(
  'relations',
  {
    originRef: text('origin_ref').notNull(),
    source: text('source').notNull(),
    type: text('type').$type<RelationType>().notNull(),
    target: text('target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.originRef, t.source, t.type, t.target] }),
    index('relations_source_idx').on(t.source, t.type),
    index('relations_target_idx').on(t.target, t.type),
  ],
);

export const problems = pgTable(
  'problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    locationKey: text('location_key').notNull(),
    file: text('file').notNull(),
    document: integer('document'),
    field: text('field'),
    entityRef: text('entity_ref'),
    message: text('message').notNull(),
    /**
     * 'document': found reading the file, replaced when the file is read again. 'reference': a
     * reference to an entity the catalog does not hold, recomputed whenever the catalog changes.
     */
    category: text('category').notNull().default('document'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('problems_location_idx').on(t.locationKey, t.file)],
);

export const syncRuns = pgTable('sync_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  source: text('source').notNull(),
  status: text('status').notNull().default('running'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** Counters: entities added/updated/removed, problems, locations, API requests ... */
  stats: jsonb('stats').$type<Record<string, number>>().notNull().default(sql`'{}'::jsonb`),
  error: text('error'),
});

/** Catalog-wide change counter: search indexes on every replica catch up when it moves. */
export const catalogState = pgTable('catalog_state', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull().default(0),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Which entities each catalog version changed (added, updated or removed), so a replica that
 * holds version v reads only the rows changed since v, and one that missed a notification
 * catches up from here. Old versions are pruned: a replica further behind rebuilds in full.
 */
export const catalogChanges = pgTable(
  'catalog_changes',
  {
    version: integer('version').notNull(),
    ref: text('ref').notNull(),
  },
  (t) => [primaryKey({ columns: [t.version, t.ref] })],
);

/** users.lookupByEmail answers, kept so that /owner does not ask Slack again. */
export const slackUsers = pgTable('slack_users', {
  email: text('email').primaryKey(),
  /** Null when Slack has no user with this email. */
  slackUserId: text('slack_user_id'),
  lookedUpAt: timestamp('looked_up_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Slack event and request ids already handled: a retry is answered, not processed twice. */
export const processedEvents = pgTable('processed_events', {
  id: text('id').primaryKey(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One /create request (a scaffolder task): open until it runs (or while it waits for approval),
 * then processing, then completed or failed. `request_key` makes a double submit one task.
 */
export const tasks = pgTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    requestKey: text('request_key').notNull().unique(),
    templateRef: text('template_ref').notNull(),
    templateTitle: text('template_title').notNull(),
    /** Slack user id of the requester (or `cli`). */
    requestedBy: text('requested_by').notNull(),
    /** The requester's catalog User ref, when their email found one (templates read it as `user.ref`). */
    requestedByRef: text('requested_by_ref'),
    values: jsonb('values').$type<Record<string, unknown>>().notNull(),
    /** open | processing | completed | failed */
    state: text('state').notNull().default('open'),
    /** null (no approval needed) | pending | approved | denied */
    approval: text('approval'),
    /** The catalog group whose members may approve. */
    approvers: text('approvers'),
    /** Slack user id of whoever approved or denied. */
    decidedBy: text('decided_by'),
    decisionNote: text('decision_note'),
    failedStep: text('failed_step'),
    error: text('error'),
    /** Links, texts, the repository and entity the run produced. */
    output: jsonb('output').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    /** The requester's DM thread that shows the steps. */
    slackChannel: text('slack_channel'),
    slackThreadTs: text('slack_thread_ts'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The process running the task (a random id per process), while it is processing. */
    leaseOwner: text('lease_owner'),
    /** Until when that process has the task: it renews this while it runs; once past, another may recover it. */
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  },
  (t) => [index('tasks_state_idx').on(t.state), index('tasks_requested_by_idx').on(t.requestedBy, t.createdAt)],
);

/** A task's steps in order, each with its state, log lines and outputs. */
export const taskSteps = pgTable(
  'task_steps',
  {
    taskId: text('task_id').notNull(),
    position: integer('position').notNull(),
    stepId: text('step_id').notNull(),
    name: text('name').notNull(),
    action: text('action').notNull(),
    /** open | processing | completed | skipped | failed */
    state: text('state').notNull().default('open'),
    log: jsonb('log').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    output: jsonb('output').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    error: text('error'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.position] })],
);

/**
 * Each entity's level on each scorecard that applies to it, with the checks it does not pass, so
 * that a team's or the organisation's view is one read of this table.
 */
export const scorecardLevels = pgTable(
  'scorecard_levels',
  {
    entityRef: text('entity_ref').notNull(),
    scorecard: text('scorecard').notNull(),
    /** Null: not even the first level. */
    level: text('level'),
    /** The level's place in the scorecard's levels; -1 for none. */
    levelIndex: integer('level_index').notNull(),
    /** The entity's owner ref (a team's view reads by it). */
    owner: text('owner'),
    /** Ids of the checks that fail (not those whose facts are unknown). */
    failing: text('failing').array().notNull().default(sql`'{}'::text[]`),
    /** When the level or the failing checks last changed. */
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Each check's outcome ('pass', 'fail', or 'unknown' when a fact it reads has no source), by
     * check id. One row per entity and scorecard rather than per check: a full run writes 30k
     * rows, not 600k.
     */
    outcomes: jsonb('outcomes').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** When each check's outcome last changed, for checks that changed since `scoredSince`. */
    outcomeChangedAt: jsonb('outcome_changed_at').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    /** When the entity was first scored on this scorecard: a check not in outcomeChangedAt has had its outcome since. */
    scoredSince: timestamp('scored_since', { withTimezone: true }).notNull().defaultNow(),
    /** A digest of level, owner and outcomes: a run compares it and writes only the rows that changed. */
    signature: text('signature').notNull().default(''),
  },
  (t) => [
    primaryKey({ columns: [t.entityRef, t.scorecard] }),
    index('scorecard_levels_owner_idx').on(t.owner),
    index('scorecard_levels_scorecard_idx').on(t.scorecard, t.levelIndex),
  ],
);

/**
 * An entity's level on the days it changed: its level on any day is the newest row on or before
 * it, and `failing` says why ("Silver to Bronze on Tuesday: ci-green").
 */
export const scorecardLevelHistory = pgTable(
  'scorecard_level_history',
  {
    entityRef: text('entity_ref').notNull(),
    scorecard: text('scorecard').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    level: text('level'),
    levelIndex: integer('level_index').notNull(),
    failing: text('failing').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [
    primaryKey({ columns: [t.entityRef, t.scorecard, t.day] }),
    index('scorecard_level_history_day_idx').on(t.scorecard, t.day),
  ],
);

/**
 * Claims that make each scoring run happen once across replicas: `catalog` holds the catalog
 * version scored up to (moved with a compare-and-set), `daily:YYYY-MM-DD` the day's full run.
 */
export const scorecardClaims = pgTable('scorecard_claims', {
  key: text('key').primaryKey(),
  value: integer('value').notNull().default(0),
  claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Work that must happen once per key across every replica: a schedule's occurrence enqueued, a
 * team's weekly digest posted. A replica claims a key for a lease; if it dies before marking the
 * key done, the lease runs out and another claims it.
 */
export const onceKeys = pgTable('once_keys', {
  key: text('key').primaryKey(),
  /** Who holds (or last held) the claim: a replica's id, for logs and status. */
  claimedBy: text('claimed_by').notNull(),
  claimedUntil: timestamp('claimed_until', { withTimezone: true }).notNull(),
  /** Set when the work finished: the key is never claimed again. */
  doneAt: timestamp('done_at', { withTimezone: true }),
  /** What the work left behind (a Slack channel and ts), for status and tests. */
  result: jsonb('result').$type<Record<string, unknown>>(),
});

/**
 * Something an owner should act on (src/notices). `key` names the notice (kind, entity, detail) so
 * the same notice raised again is the same row; it is sent once and edited when resolved.
 */
export const notices = pgTable(
  'notices',
  {
    key: text('key').primaryKey(),
    kind: text('kind').notNull(),
    entityRef: text('entity_ref').notNull(),
    /** The owning team's ref, or null when the entity has no owner (the platform channel hears it). */
    ownerRef: text('owner_ref'),
    title: text('title').notNull(),
    why: text('why').notNull(),
    action: text('action').notNull(),
    file: text('file'),
    /** open | resolved */
    state: text('state').notNull().default('open'),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    /** When a delivery may next take it: a batch waits a few minutes for its team's other notices. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** A delivery holding it (claimed with SKIP LOCKED) until then. */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** Where it was posted: one message may carry several notices of one team. */
    channel: text('channel'),
    messageTs: text('message_ts'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** The resolved edit was made (chat.update) or there was nothing to edit. */
    resolvedSentAt: timestamp('resolved_sent_at', { withTimezone: true }),
    snoozedUntil: timestamp('snoozed_until', { withTimezone: true }),
    /** Slack user id of who pressed Not ours. */
    disownedBy: text('disowned_by'),
  },
  (t) => [
    index('notices_owner_idx').on(t.ownerRef, t.state),
    index('notices_due_idx').on(t.state, t.dueAt),
    index('notices_message_idx').on(t.channel, t.messageTs),
  ],
);

/**
 * "Do you still own these?": each time a team was asked (one row per team and period, `key` is
 * `<period start day>:<team ref>`), what it was shown, where, and its answer (*Yes* or *Not ours*,
 * who pressed it and when).
 */
export const ownershipChecks = pgTable(
  'ownership_checks',
  {
    key: text('key').primaryKey(),
    teamRef: text('team_ref').notNull(),
    entityRefs: text('entity_refs').array().notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    channel: text('channel').notNull(),
    messageTs: text('message_ts').notNull(),
    /** yes | not-ours; null while unanswered. */
    answer: text('answer'),
    /** Slack user id of who answered. */
    answeredBy: text('answered_by'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [index('ownership_checks_team_idx').on(t.teamRef, t.askedAt)],
);

/** Delivery trouble worth showing in /callboard status: a channel Slack no longer knows. */
export const deliveryIssues = pgTable('delivery_issues', {
  channel: text('channel').primaryKey(),
  teamRef: text('team_ref'),
  error: text('error').notNull(),
  seenAt: timestamp('seen_at', { withTimezone: true }).notNull(),
});

/**
 * Each GitHub repository's CODEOWNERS file as last synced, and the paths of the repository's
 * files at that commit (to match a stack trace's paths to a repository). One row per repository
 * that has a CODEOWNERS file; a repository without one has no row.
 */
export const repositoryCodeOwners = pgTable('repository_code_owners', {
  locationKey: text('location_key').primaryKey(),
  /** The repository's URL, as entities' source locations and annotations name it. */
  repository: text('repository').notNull(),
  path: text('path').notNull(),
  oid: text('oid').notNull(),
  text: text('text').notNull(),
  /** The head commit `files` was listed at; null when the listing failed (paths unknown). */
  commit: text('commit'),
  files: jsonb('files').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What GitHub says about each repository the catalog names (README, CODEOWNERS, protection, checks,
 * Dependabot alerts, last push, archived, licence), read in batched GraphQL by the GitHub facts
 * refresh, so that scoring reads them without asking GitHub. A repository without a row is not
 * known yet: its GitHub checks stay unknown.
 */
export const repositoryFacts = pgTable(
  'repository_facts',
  {
    /** `org/repo`, lower-cased, as entities' `repositories` column names it. */
    repository: text('repository').primaryKey(),
    /** The facts, each null when GitHub would not tell (a permission the token lacks). */
    facts: jsonb('facts').$type<Record<string, unknown>>().notNull(),
    archived: boolean('archived').notNull().default(false),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('repository_facts_archived_idx').on(t.archived)],
);
