// What people do with notices from Slack: App Home lists a person's teams' open notices, snoozes
// one for a week, and says "Not ours", which records who pressed it and asks the platform channel
// to re-assign. An ownership check ("Do you still own these?") is answered the same way: *Yes*
// records who confirmed and when, *Not ours* takes the same path to the platform channel; either
// edits the question's message to show the answer.
import type { Clock } from '../jobs/clock.js';
import { systemClock } from '../jobs/clock.js';
import type { NoticeRow, NoticeStore } from '../store/notice-store.js';
import type { OwnershipAnswer, OwnershipCheckRow, OwnershipCheckStore } from '../store/ownership-check-store.js';

const SNOOZE_DAYS = 7;

/** What the platform channel is asked to re-assign: a notice's entity, or a team's entities. */
export interface ReassignRequest {
  entityRefs: string[];
  ownerRef: string | null;
  /** What it came from (the notice's title, or "Ownership check"). */
  title: string;
}

interface OwnershipAnswerOutcome {
  /** The check as answered (by this press or an earlier one); absent when there is no such check. */
  check?: OwnershipCheckRow;
  /** False when someone had answered already: this press changed nothing. */
  first: boolean;
  /** Not ours: the platform channel was asked. */
  platformTold: boolean;
}

export interface NoticeActions {
  /** Open notices of these teams, snoozed ones left out. */
  openFor(teamRefs: string[]): Promise<NoticeRow[]>;
  /** Hides the notice from its team for a week; the snooze's end, or undefined when it is gone. */
  snooze(key: string, byUserId: string): Promise<Date | undefined>;
  /** Records who disowned it and tells the platform channel; false when the notice is gone. */
  disown(key: string, byUserId: string): Promise<{ notice?: NoticeRow; platformTold: boolean }>;
  /** Answers an ownership check (Yes or Not ours) and edits its message to say so. */
  answerOwnership(key: string, answer: OwnershipAnswer, byUserId: string): Promise<OwnershipAnswerOutcome>;
}

export interface NoticeActionsOptions {
  notices: NoticeStore;
  ownershipChecks?: OwnershipCheckStore;
  /** Asks the platform channel to re-assign; false (or absent) when it cannot be told. */
  tellPlatform?: (request: ReassignRequest, byUserId: string) => Promise<boolean>;
  /** Edits an answered ownership check's message. */
  editOwnershipCheck?: (check: OwnershipCheckRow) => Promise<void>;
  clock?: Clock;
}

export function noticeActions(options: NoticeActionsOptions): NoticeActions {
  const { notices, ownershipChecks, tellPlatform, editOwnershipCheck } = options;
  const clock = options.clock ?? systemClock;
  return {
    async openFor(teamRefs) {
      const now = clock.now().getTime();
      return (await notices.open(teamRefs)).filter(
        (notice) => !notice.snoozedUntil || notice.snoozedUntil.getTime() <= now,
      );
    },
    async snooze(key) {
      const until = new Date(clock.now().getTime() + SNOOZE_DAYS * 24 * 3600_000);
      return (await notices.snooze(key, until)) ? until : undefined;
    },
    async disown(key, byUserId) {
      const notice = await notices.disown(key, byUserId);
      if (!notice) return { platformTold: false };
      const request = { entityRefs: [notice.entityRef], ownerRef: notice.ownerRef, title: notice.title };
      return { notice, platformTold: tellPlatform ? await tellPlatform(request, byUserId) : false };
    },
    async answerOwnership(key, answer, byUserId) {
      const answered = await ownershipChecks?.answer(key, answer, byUserId, clock.now());
      const check = answered?.row;
      if (!check || !answered.first) return { check, first: false, platformTold: false };
      const platformTold =
        answer === 'not-ours' && tellPlatform
          ? await tellPlatform(
              { entityRefs: check.entityRefs, ownerRef: check.teamRef, title: 'Ownership check' },
              byUserId,
            )
          : false;
      await editOwnershipCheck?.(check);
      return { check, first: true, platformTold };
    },
  };
}
