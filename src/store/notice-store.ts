// Notices to owners, kept so that each is sent once and edited when it stops being true, whatever
// restarts, replicas or retries happen. Reconciling writes the whole set of notices that are true
// now: new ones open (due after the batching window, or with their team's pending batch), ones no
// longer true resolve. Delivery claims due notices team by team with FOR UPDATE SKIP LOCKED and a
// lease, so two replicas never take the same notice, and a dead replica's claim runs out.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { appendAll } from '../append.js';
import type { Db } from './database.js';
import { type NoticeFacts, readNoticeFacts } from './notice-facts.js';
import { deliveryIssues, notices } from './schema.js';

export interface NoticeDraft {
  key: string;
  kind: string;
  entityRef: string;
  /** The owning team (or user); null: no owner, the platform channel hears it. */
  ownerRef: string | null;
  title: string;
  why: string;
  action: string;
  file?: string;
}

export type NoticeRow = typeof notices.$inferSelect;

export interface ReconcileResult {
  raised: NoticeRow[];
  resolved: NoticeRow[];
}

export interface DeliveryIssue {
  channel: string;
  teamRef?: string;
  error: string;
  seenAt: Date;
}

/**
 * Rows written per statement, and read per page: embedded PGlite runs one statement at a time
 * (on its worker thread), so a long one makes every other query wait; each stays a few
 * milliseconds long.
 */
const WRITE_BATCH = 50;
const READ_PAGE = 500;

export class NoticeStore {
  constructor(private readonly db: Db) {}

  /** The catalog as the notice finder reads it. */
  facts(): Promise<NoticeFacts> {
    return readNoticeFacts(this.db);
  }

  /**
   * Makes the stored open notices exactly `drafts`: inserts new ones, reopens resolved ones that
   * are true again (they will be sent afresh), updates the wording of open ones, resolves the rest.
   * `batchSeconds`: how long a new notice waits for others of its team.
   */
  async reconcile(drafts: NoticeDraft[], now: Date, batchSeconds: number): Promise<ReconcileResult> {
    // Small statements with a turn of the event loop between them, and no transaction around
    // them: embedded PGlite runs one statement at a time, so 2,000 notices in one go kept every
    // other query (a /service card's among them) waiting for seconds. Each statement is safe alone: an insert only reopens a
    // resolved row, a resolve only closes an open one, so two replicas reconciling at once agree.
    const open = await this.openPaged();
    const openByKey = new Map(open.map((row) => [row.key, row]));
    const wanted = new Map(drafts.map((draft) => [draft.key, draft]));
    // A team with a batch waiting: its new notices join it rather than start a new one.
    const pendingDue = new Map<string, Date>();
    for (const row of open) {
      if (row.sentAt || row.dueAt <= now) continue;
      const team = row.ownerRef ?? '';
      const current = pendingDue.get(team);
      if (!current || row.dueAt < current) pendingDue.set(team, row.dueAt);
    }
    const fresh = [...wanted.values()].filter((draft) => !openByKey.has(draft.key));
    const raised: NoticeRow[] = [];
    for (let i = 0; i < fresh.length; i += WRITE_BATCH) {
      const values = fresh.slice(i, i + WRITE_BATCH).map((draft) => ({
        ...draft,
        file: draft.file ?? null,
        state: 'open',
        raisedAt: now,
        dueAt: pendingDue.get(draft.ownerRef ?? '') ?? new Date(now.getTime() + batchSeconds * 1000),
        resolvedAt: null,
        claimedUntil: null,
        channel: null,
        messageTs: null,
        sentAt: null,
        resolvedSentAt: null,
        snoozedUntil: null,
        disownedBy: null,
      }));
      raised.push(
        ...(await this.db
          .insert(notices)
          .values(values)
          .onConflictDoUpdate({
            target: notices.key,
            set: {
              kind: sql`excluded.kind`,
              entityRef: sql`excluded.entity_ref`,
              ownerRef: sql`excluded.owner_ref`,
              title: sql`excluded.title`,
              why: sql`excluded.why`,
              action: sql`excluded.action`,
              file: sql`excluded.file`,
              state: 'open',
              raisedAt: now,
              dueAt: sql`excluded.due_at`,
              resolvedAt: null,
              claimedUntil: null,
              channel: null,
              messageTs: null,
              sentAt: null,
              resolvedSentAt: null,
            },
            // Another replica reconciling at the same moment may have opened it already.
            setWhere: eq(notices.state, 'resolved'),
          })
          .returning()),
      );
      await nextTurn();
    }
    // Wording follows the catalog (a new file path, a reworded problem) without a new message.
    for (const row of open) {
      const draft = wanted.get(row.key);
      if (!draft) continue;
      if (
        draft.why !== row.why ||
        draft.action !== row.action ||
        draft.title !== row.title ||
        draft.ownerRef !== row.ownerRef
      ) {
        await this.db
          .update(notices)
          .set({
            title: draft.title,
            why: draft.why,
            action: draft.action,
            ownerRef: draft.ownerRef,
            file: draft.file ?? null,
          })
          .where(and(eq(notices.key, row.key), eq(notices.state, 'open')));
        await nextTurn();
      }
    }
    const gone = open.filter((row) => !wanted.has(row.key)).map((row) => row.key);
    const resolved: NoticeRow[] = [];
    for (let i = 0; i < gone.length; i += WRITE_BATCH) {
      resolved.push(
        ...(await this.db
          .update(notices)
          .set({
            state: 'resolved',
            resolvedAt: now,
            // Never sent: nothing in Slack to edit.
            resolvedSentAt: sql`CASE WHEN ${notices.sentAt} IS NULL THEN ${now.toISOString()}::timestamptz ELSE NULL END`,
            // An edit is due at once: the message should not say "open" any longer than needed.
            dueAt: now,
          })
          .where(and(inArray(notices.key, gone.slice(i, i + WRITE_BATCH)), eq(notices.state, 'open')))
          .returning()),
      );
      await nextTurn();
    }
    return { raised, resolved };
  }

  /** Every open notice, read a page at a time (a page is a short statement; the loop turns between). */
  private async openPaged(): Promise<NoticeRow[]> {
    const rows: NoticeRow[] = [];
    let after = '';
    for (;;) {
      const page = await this.db
        .select()
        .from(notices)
        .where(and(eq(notices.state, 'open'), gt(notices.key, after)))
        .orderBy(asc(notices.key))
        .limit(READ_PAGE);
      appendAll(rows, page);
      if (page.length < READ_PAGE) return rows;
      after = page[page.length - 1].key;
      await nextTurn();
    }
  }

  /**
   * Claims the notices ready to post: every unsent open notice of each team that has one due,
   * up to `teams` teams, held until `leaseUntil`. Snoozed notices wait out their snooze.
   */
  async claimToPost(now: Date, leaseUntil: Date, teams = 50): Promise<NoticeRow[]> {
    const unsent = and(
      eq(notices.state, 'open'),
      isNull(notices.sentAt),
      or(isNull(notices.claimedUntil), lt(notices.claimedUntil, now)),
      or(isNull(notices.snoozedUntil), lte(notices.snoozedUntil, now)),
    );
    return this.db.transaction(async (tx) => {
      const dueTeams = await tx
        .selectDistinct({ ownerRef: notices.ownerRef })
        .from(notices)
        .where(and(unsent, lte(notices.dueAt, now)))
        .limit(teams);
      if (!dueTeams.length) return [];
      const owners = dueTeams.map((t) => t.ownerRef).filter((o): o is string => o !== null);
      const withoutOwner = dueTeams.some((t) => t.ownerRef === null);
      const keys = await tx
        .select({ key: notices.key })
        .from(notices)
        .where(
          and(
            unsent,
            or(
              owners.length ? inArray(notices.ownerRef, owners) : sql`false`,
              withoutOwner ? isNull(notices.ownerRef) : sql`false`,
            ),
          ),
        )
        .orderBy(asc(notices.ownerRef), asc(notices.raisedAt), asc(notices.key))
        .for('update', { skipLocked: true });
      return leaseNotices(tx, keys, leaseUntil);
    });
  }

  /** Claims resolved notices whose message still says open, to edit it. */
  async claimToEdit(now: Date, leaseUntil: Date, limit = 200): Promise<NoticeRow[]> {
    return this.db.transaction(async (tx) => {
      const keys = await tx
        .select({ key: notices.key })
        .from(notices)
        .where(
          and(
            eq(notices.state, 'resolved'),
            isNotNull(notices.sentAt),
            isNull(notices.resolvedSentAt),
            lte(notices.dueAt, now),
            or(isNull(notices.claimedUntil), lt(notices.claimedUntil, now)),
          ),
        )
        .orderBy(asc(notices.channel), asc(notices.messageTs))
        .limit(limit)
        .for('update', { skipLocked: true });
      return leaseNotices(tx, keys, leaseUntil);
    });
  }

  /** Every notice one message carries (to render it again, open and resolved alike). */
  async inMessage(channel: string, ts: string): Promise<NoticeRow[]> {
    return this.db
      .select()
      .from(notices)
      .where(and(eq(notices.channel, channel), eq(notices.messageTs, ts)))
      .orderBy(asc(notices.raisedAt), asc(notices.key));
  }

  async markSent(keys: string[], channel: string, ts: string, now: Date): Promise<void> {
    if (!keys.length) return;
    await this.db
      .update(notices)
      .set({ channel, messageTs: ts, sentAt: now, claimedUntil: null })
      .where(inArray(notices.key, keys));
  }

  async markEdited(keys: string[], now: Date): Promise<void> {
    if (!keys.length) return;
    await this.db
      .update(notices)
      .set({ resolvedSentAt: now, claimedUntil: null })
      .where(and(inArray(notices.key, keys), eq(notices.state, 'resolved')));
  }

  /** Gives claimed notices back, to be tried again no sooner than `dueAt` (a 429's Retry-After). */
  async release(keys: string[], dueAt: Date): Promise<void> {
    if (!keys.length) return;
    await this.db.update(notices).set({ claimedUntil: null, dueAt }).where(inArray(notices.key, keys));
  }

  async get(key: string): Promise<NoticeRow | undefined> {
    const [row] = await this.db.select().from(notices).where(eq(notices.key, key));
    return row;
  }

  /** Open notices, optionally only those of `owners` (App Home, the digest, `callboard notices`). */
  async open(owners?: string[]): Promise<NoticeRow[]> {
    if (owners && !owners.length) return [];
    return this.db
      .select()
      .from(notices)
      .where(and(eq(notices.state, 'open'), owners ? inArray(notices.ownerRef, owners) : undefined))
      .orderBy(asc(notices.ownerRef), asc(notices.raisedAt), asc(notices.key));
  }

  /** The earliest time a notice becomes due to post or edit (the delivery job's next wake-up). */
  async nextDue(): Promise<Date | undefined> {
    const [row] = await this.db
      .select({
        dueAt: sql<
          string | Date | null
        >`min(greatest(${notices.dueAt}, coalesce(${notices.snoozedUntil}, ${notices.dueAt})))`,
      })
      .from(notices)
      .where(
        or(
          and(eq(notices.state, 'open'), isNull(notices.sentAt)),
          and(eq(notices.state, 'resolved'), isNotNull(notices.sentAt), isNull(notices.resolvedSentAt)),
        ),
      );
    return row?.dueAt ? new Date(row.dueAt) : undefined;
  }

  /** Hides an open notice from its team until `until` (App Home's Snooze a week). */
  async snooze(key: string, until: Date): Promise<boolean> {
    const rows = await this.db
      .update(notices)
      .set({ snoozedUntil: until })
      .where(and(eq(notices.key, key), eq(notices.state, 'open')))
      .returning({ key: notices.key });
    return rows.length > 0;
  }

  /** Records who said the notice's entity is not theirs (the platform channel is asked to re-assign). */
  async disown(key: string, by: string): Promise<NoticeRow | undefined> {
    const [row] = await this.db
      .update(notices)
      .set({ disownedBy: by })
      .where(and(eq(notices.key, key), eq(notices.state, 'open')))
      .returning();
    return row;
  }

  // --- delivery issues -------------------------------------------------------------------

  async recordDeliveryIssue(issue: DeliveryIssue): Promise<void> {
    await this.db
      .insert(deliveryIssues)
      .values({ channel: issue.channel, teamRef: issue.teamRef ?? null, error: issue.error, seenAt: issue.seenAt })
      .onConflictDoUpdate({
        target: deliveryIssues.channel,
        set: { teamRef: sql`excluded.team_ref`, error: sql`excluded.error`, seenAt: sql`excluded.seen_at` },
      });
  }

  async clearDeliveryIssue(channel: string): Promise<void> {
    await this.db.delete(deliveryIssues).where(eq(deliveryIssues.channel, channel));
  }

  async deliveryIssues(): Promise<DeliveryIssue[]> {
    const rows = await this.db.select().from(deliveryIssues).orderBy(asc(deliveryIssues.channel));
    return rows.map((row) => ({
      channel: row.channel,
      teamRef: row.teamRef ?? undefined,
      error: row.error,
      seenAt: row.seenAt,
    }));
  }
}

type Transaction = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Holds the notices just selected FOR UPDATE until `leaseUntil`, and returns them as held. */
async function leaseNotices(tx: Transaction, keys: { key: string }[], leaseUntil: Date): Promise<NoticeRow[]> {
  if (!keys.length) return [];
  return tx
    .update(notices)
    .set({ claimedUntil: leaseUntil })
    .where(
      inArray(
        notices.key,
        keys.map((k) => k.key),
      ),
    )
    .returning();
}
