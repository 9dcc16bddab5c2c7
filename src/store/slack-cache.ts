// What Slack told us, kept in the store so that every replica shares it:
// users.lookupByEmail answers, and the ids of requests already handled (Slack retries).
import { eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { processedEvents, slackUsers } from './schema.js';

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
