// What App Home does with notices: list a person's teams' open notices, snooze one for a week,
// and say "Not ours", which records who pressed it and asks the platform channel to re-assign.
import type { Clock } from '../jobs/clock.js';
import { systemClock } from '../jobs/clock.js';
import type { NoticeRow, NoticeStore } from '../store/notice-store.js';

export const SNOOZE_DAYS = 7;

export interface NoticeActions {
  /** Open notices of these teams, snoozed ones left out. */
  openFor(teamRefs: string[]): Promise<NoticeRow[]>;
  /** Hides the notice from its team for a week; the snooze's end, or undefined when it is gone. */
  snooze(key: string, byUserId: string): Promise<Date | undefined>;
  /** Records who disowned it and tells the platform channel; false when the notice is gone. */
  disown(key: string, byUserId: string): Promise<{ notice?: NoticeRow; platformTold: boolean }>;
}

export function noticeActions(
  notices: NoticeStore,
  tellPlatform: ((notice: NoticeRow, byUserId: string) => Promise<boolean>) | undefined,
  clock: Clock = systemClock,
): NoticeActions {
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
      return { notice, platformTold: tellPlatform ? await tellPlatform(notice, byUserId) : false };
    },
  };
}
