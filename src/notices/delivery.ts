// Sends what is due, once: claims a team's due notices (SKIP LOCKED, with a lease), routes them,
// posts them as one message, and records the message on each notice; then edits the messages whose
// notices resolved. A 429 puts the batch back with Retry-After as its new due time; a channel Slack
// no longer knows is recorded (shown by /callboard status) and the batch goes to people instead.
import type { Logger } from '../log.js';
import type { Clock } from '../jobs/clock.js';
import type { NoticeRow, NoticeStore } from '../store/notice-store.js';
import { ChannelPacer } from './channel-pacer.js';
import {
  ChannelUnavailableError,
  type NoticeBatch,
  type NoticeMessenger,
  type PostedMessage,
  RateLimitedError,
} from './messenger.js';
import type { NoticeRouter, Route } from './routing.js';

/** Teams' messages being worked out and posted at once. */
const POSTS_IN_FLIGHT = 4;

export interface DeliveryOutcome {
  /** Messages posted and the notices they carried. */
  posted: number;
  noticesSent: number;
  /** Messages edited because notices in them resolved. */
  edited: number;
  /** Batches put back for later (rate limited, or nobody to reach). */
  deferred: number;
}

interface DeliveryOptions {
  notices: NoticeStore;
  router: NoticeRouter;
  messenger: NoticeMessenger;
  clock: Clock;
  /** How long a claim lasts: a replica dying mid-post frees its notices after this. */
  leaseSeconds?: number;
  /** Notices with nowhere to go are looked at again after this. */
  unroutableRetrySeconds?: number;
  pacer?: ChannelPacer;
  logger?: Logger;
}

export class NoticeDelivery {
  private readonly pacer: ChannelPacer;

  constructor(private readonly options: DeliveryOptions) {
    this.pacer = options.pacer ?? new ChannelPacer();
  }

  /** Posts every due batch and makes every due edit; returns what it did. */
  async deliverDue(): Promise<DeliveryOutcome> {
    const outcome: DeliveryOutcome = { posted: 0, noticesSent: 0, edited: 0, deferred: 0 };
    for (;;) {
      const claimed = await this.options.notices.claimToPost(this.now(), this.leaseUntil());
      if (!claimed.length) break;
      const teams = [...groupBy(claimed, (notice) => notice.ownerRef ?? '').values()];
      // Teams go out side by side, each waiting only for its own channel's turn, but a few at a
      // time: fifty started at once built fifty messages and requests in one turn of the event
      // loop (100 ms and more), holding up everything else the process answers.
      let next = 0;
      const poster = async () => {
        while (next < teams.length) {
          const batch = teams[next++];
          const sent = await this.postBatch(batch);
          if (sent) {
            outcome.posted += 1;
            outcome.noticesSent += batch.length;
          } else outcome.deferred += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(POSTS_IN_FLIGHT, teams.length) }, poster));
    }
    for (;;) {
      const claimed = await this.options.notices.claimToEdit(this.now(), this.leaseUntil());
      if (!claimed.length) break;
      const messages = groupBy(claimed, (notice) => `${notice.channel}\u0000${notice.messageTs}`);
      for (const resolved of messages.values()) {
        if (await this.editMessage(resolved)) outcome.edited += 1;
        else outcome.deferred += 1;
      }
    }
    return outcome;
  }

  private async postBatch(notices: NoticeRow[]): Promise<boolean> {
    const { notices: store, router, logger } = this.options;
    const keys = notices.map((notice) => notice.key);
    const ownerRef = notices[0].ownerRef;
    try {
      let route = await router.route(ownerRef, this.now());
      let posted: PostedMessage | undefined;
      while (route && !posted) {
        try {
          posted = await this.post(route, { teamRef: ownerRef ?? undefined, route: route.reason, notices });
        } catch (error) {
          if (!(error instanceof ChannelUnavailableError) || route.reason !== 'team-channel') throw error;
          await store.recordDeliveryIssue({
            channel: error.channel,
            teamRef: ownerRef ?? undefined,
            error: error.code,
            seenAt: this.now(),
          });
          logger?.warn(
            { team: ownerRef, channel: error.channel, code: error.code },
            'team channel unavailable; telling its members instead',
          );
          route = await router.route(ownerRef, this.now(), { skipChannel: true });
        }
      }
      if (!posted) {
        logger?.warn(
          { team: ownerRef, notices: keys.length },
          'nobody to tell about these notices (set NOTICES_PLATFORM_CHANNEL)',
        );
        await store.release(keys, this.after(this.options.unroutableRetrySeconds ?? 3600));
        return false;
      }
      await store.markSent(keys, posted.channel, posted.ts, this.now());
      return true;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await store.release(keys, this.after(error.retryAfterSeconds));
        return false;
      }
      // Anything else: back to the queue after a short wait, never dropped.
      await store.release(keys, this.after(60));
      logger?.error({ err: error, team: ownerRef }, 'posting notices failed; will try again');
      return false;
    }
  }

  private async post(route: Route, batch: NoticeBatch): Promise<PostedMessage> {
    const channel = route.channel ?? (await this.options.messenger.openDirectMessage(route.users ?? []));
    await this.pacer.turn(channel);
    // A 429 is not waited out here: the batch goes back with Retry-After as its due time.
    return this.options.messenger.postNotices(channel, batch);
  }

  private async editMessage(resolved: NoticeRow[]): Promise<boolean> {
    const { notices: store, messenger, logger } = this.options;
    const { channel, messageTs } = resolved[0];
    const keys = resolved.map((notice) => notice.key);
    if (!channel || !messageTs) {
      await store.markEdited(keys, this.now());
      return false;
    }
    const all = await store.inMessage(channel, messageTs);
    const batch: NoticeBatch = {
      teamRef: all[0]?.ownerRef ?? undefined,
      route: 'team-channel',
      notices: all,
    };
    try {
      await this.pacer.turn(channel);
      await messenger.updateNotices(channel, messageTs, batch);
      await store.markEdited(keys, this.now());
      return true;
    } catch (error) {
      if (error instanceof RateLimitedError) {
        await store.release(keys, this.after(error.retryAfterSeconds));
        return false;
      }
      if (error instanceof ChannelUnavailableError) {
        // The message is out of reach: nothing left to edit.
        await store.markEdited(keys, this.now());
        return false;
      }
      await store.release(keys, this.after(60));
      logger?.error({ err: error, channel }, 'editing a notice message failed; will try again');
      return false;
    }
  }

  private now(): Date {
    return this.options.clock.now();
  }

  private after(seconds: number): Date {
    return new Date(this.now().getTime() + seconds * 1000);
  }

  private leaseUntil(): Date {
    return this.after(this.options.leaseSeconds ?? 120);
  }
}

function groupBy<T>(items: T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
