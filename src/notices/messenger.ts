// What notice delivery needs from Slack, as an interface: the Slack side (commands/notices/)
// renders and posts; this layer decides what, when and where. Errors that change the plan are
// typed: a rate limit (try again after Retry-After) and a channel Slack no longer knows.
import type { NoticeRow } from '../store/notice-store.js';

/** One message's worth of notices for one team (or the platform channel). */
export interface NoticeBatch {
  /** The team told, or undefined for the platform channel. */
  teamRef?: string;
  /** Why it went where it went, shown in the message's footer. */
  route: RouteReason;
  notices: NoticeRow[];
}

export type RouteReason = 'team-channel' | 'members' | 'platform' | 'user';

export interface PostedMessage {
  channel: string;
  ts: string;
}

export interface NoticeMessenger {
  postNotices(channel: string, batch: NoticeBatch): Promise<PostedMessage>;
  /** Re-renders a message whose notices changed (resolved ones say so). */
  updateNotices(channel: string, ts: string, batch: NoticeBatch): Promise<void>;
  /** A DM (one user) or group DM (several) channel id. */
  openDirectMessage(userIds: string[]): Promise<string>;
  /** Slack user ids for catalog emails (lower-cased); emails Slack does not know are absent. */
  slackUserIds(emails: string[]): Promise<Map<string, string>>;
}

/** Slack answered 429: nothing was posted; try again after `retryAfterSeconds`. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Slack asked to wait ${retryAfterSeconds}s (rate limited)`);
  }
}

/** The channel is gone, archived, or closed to the app: fall back to people. */
export class ChannelUnavailableError extends Error {
  constructor(
    readonly channel: string,
    readonly code: string,
  ) {
    super(`channel ${channel}: ${code}`);
  }
}
