// "Do you still own these?": what each team was asked (and where the question was posted), and its
// answer. Asking happens once per team and period (the OnceLedger sees to that); this store keeps
// the record, and takes the first answer only, so two people pressing at once cannot both count.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from './database.js';
import { ownershipChecks } from './schema.js';

export type OwnershipCheckRow = typeof ownershipChecks.$inferSelect;
export type OwnershipAnswer = 'yes' | 'not-ours';

interface AskedCheck {
  key: string;
  teamRef: string;
  entityRefs: string[];
  askedAt: Date;
  channel: string;
  messageTs: string;
}

export class OwnershipCheckStore {
  constructor(private readonly db: Db) {}

  /** Records a question posted (again, if a replica died between posting and recording). */
  async recordAsked(check: AskedCheck): Promise<void> {
    await this.db
      .insert(ownershipChecks)
      .values(check)
      .onConflictDoUpdate({
        target: ownershipChecks.key,
        set: {
          entityRefs: check.entityRefs,
          askedAt: check.askedAt,
          channel: check.channel,
          messageTs: check.messageTs,
        },
      });
  }

  /** Records the answer; undefined when the check is unknown or was answered already (the row as answered then). */
  async answer(
    key: string,
    answer: OwnershipAnswer,
    by: string,
    at: Date,
  ): Promise<{ row?: OwnershipCheckRow; first: boolean }> {
    const [row] = await this.db
      .update(ownershipChecks)
      .set({ answer, answeredBy: by, answeredAt: at })
      .where(and(eq(ownershipChecks.key, key), isNull(ownershipChecks.answer)))
      .returning();
    if (row) return { row, first: true };
    return { row: await this.get(key), first: false };
  }

  async get(key: string): Promise<OwnershipCheckRow | undefined> {
    const [row] = await this.db.select().from(ownershipChecks).where(eq(ownershipChecks.key, key));
    return row;
  }

  /** A team's checks, newest first. */
  async ofTeam(teamRef: string, limit = 10): Promise<OwnershipCheckRow[]> {
    return this.db
      .select()
      .from(ownershipChecks)
      .where(eq(ownershipChecks.teamRef, teamRef))
      .orderBy(desc(ownershipChecks.askedAt))
      .limit(limit);
  }
}
