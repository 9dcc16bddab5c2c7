// What Slack told us, kept in the store so that every replica shares it:
// users.lookupByEmail answers and the workspace's people as users.list gave them, and the ids of
// requests already handled (Slack retries).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { processedEvents, slackUsers } from './schema.js';

/** Emails read or written per statement. */
const PAGE = 500;

export class SlackCache {
  constructor(private readonly db: Db) {}

  /** Emails mapped to a Slack user id, or null when Slack has no such user. Unknown emails are absent. */
  async cachedSlackUserIds(emails: string[], maxAgeMs = 24 * 3600_000): Promise<Map<string, string | null>> {
    if (!emails.length) return new Map();
    const rows = await this.db
      .select()
      .from(slackUsers)
      .where(
        inArray(
          slackUsers.email,
          emails.map((e) => e.toLowerCase()),
        ),
      );
    const freshSince = Date.now() - maxAgeMs;
    return new Map(rows.filter((r) => r.lookedUpAt.getTime() >= freshSince).map((r) => [r.email, r.slackUserId]));
  }

  async saveSlackUserIds(found: Map<string, string | null>): Promise<void> {
    if (!found.size) return;
    await this.db
      .insert(slackUsers)
      .values(
        [...found].map(([email, slackUserId]) => ({
          email: email.toLowerCase(),
          slackUserId,
          lookedUpAt: new Date(),
        })),
      )
      .onConflictDoUpdate({
        target: slackUsers.email,
        set: { slackUserId: sql`excluded.slack_user_id`, lookedUpAt: sql`excluded.looked_up_at` },
      });
  }

  /**
   * What Slack last said about each email, however long ago: a user id, or null (no such user, or
   * deactivated). Emails Slack was never asked about are absent. Asked a page of emails at a time.
   */
  async knownSlackAccounts(emails: string[]): Promise<Map<string, string | null>> {
    const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
    const known = new Map<string, string | null>();
    for (let i = 0; i < wanted.length; i += PAGE) {
      const rows = await this.db
        .select({ email: slackUsers.email, slackUserId: slackUsers.slackUserId })
        .from(slackUsers)
        .where(inArray(slackUsers.email, wanted.slice(i, i + PAGE)));
      for (const row of rows) known.set(row.email, row.slackUserId);
      if (i + PAGE < wanted.length) await nextTurn();
    }
    return known;
  }

  /**
   * Stores a whole read of the workspace (users.list): each email with its user id, or null.
   * Short statements with a turn of the event loop between them (embedded PGlite runs each on
   * the thread that answers Slack).
   */
  async saveWorkspacePeople(people: Map<string, string | null>): Promise<void> {
    const entries = [...people];
    for (let i = 0; i < entries.length; i += PAGE) {
      await this.saveSlackUserIds(new Map(entries.slice(i, i + PAGE)));
      if (i + PAGE < entries.length) await nextTurn();
    }
  }

  /** True the first time an id is seen; false for a repeat (on any replica). */
  async markProcessed(id: string): Promise<boolean> {
    const inserted = await this.db
      .insert(processedEvents)
      .values({ id })
      .onConflictDoNothing()
      .returning({ id: processedEvents.id });
    return inserted.length > 0;
  }

  /** Gives an id back, so the next attempt counts as the first (a page PagerDuty did not accept). */
  async forgetProcessed(id: string): Promise<void> {
    await this.db.delete(processedEvents).where(eq(processedEvents.id, id));
  }

  /** Retries arrive within minutes; a day of ids is plenty. */
  async forgetProcessedBefore(before: Date): Promise<void> {
    await this.db.delete(processedEvents).where(lt(processedEvents.processedAt, before));
  }
}
