// Notice delivery's Slack side, through the Web API: chat.postMessage and chat.update with the
// rendered message, conversations.open for DMs, users.lookupByEmail (cached) for members. Slack's
// errors become the delivery layer's: 429 -> RateLimitedError with Retry-After; a channel that
// is gone or closed -> ChannelUnavailableError. The client does not retry on its own: a post
// retried blindly after a lost answer could be posted twice.
import { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import {
  ChannelUnavailableError,
  type NoticeBatch,
  type NoticeMessenger,
  type PostedMessage,
  RateLimitedError,
} from '../../src/notices/messenger.js';
import { createSlackUserIdLookup } from '../../src/slack/slack-user-ids.js';
import type { SlackCache } from '../../src/store/index.js';
import type { DigestMessenger, TeamDigest } from '../../src/notices/digest.js';
import { digestMessage } from './digest-message.js';
import { noticeMessage } from './notice-message.js';
import type { ReassignRequest } from '../../src/notices/notice-actions.js';
import type { OwnershipMessenger, OwnershipQuestion } from '../../src/notices/ownership-checks.js';
import { escapeMrkdwn, inlineList, section } from '../../src/slack/index.js';
import type { OwnershipCheckRow } from '../../src/store/ownership-check-store.js';
import { ownershipMessage, questionOf } from './ownership-message.js';

/** Slack's answers that mean the channel cannot be posted in. */
const CHANNEL_GONE = new Set(['channel_not_found', 'is_archived', 'not_in_channel', 'channel_is_archived']);

interface SlackNoticeMessengerOptions {
  token: string;
  apiUrl?: string;
  slackCache: SlackCache;
  logger: Logger;
}

/** A Web API client that reports 429s instead of waiting and retrying on its own. */
function noticeWebClient(token: string, apiUrl?: string): webApi.WebClient {
  return new webApi.WebClient(token, {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
}

export class SlackNoticeMessenger implements NoticeMessenger, DigestMessenger, OwnershipMessenger {
  readonly client: webApi.WebClient;
  private readonly lookup;

  constructor(options: SlackNoticeMessengerOptions) {
    this.client = noticeWebClient(options.token, options.apiUrl);
    this.lookup = createSlackUserIdLookup(options.slackCache, options.logger);
  }

  async postNotices(channel: string, batch: NoticeBatch): Promise<PostedMessage> {
    const { text, blocks } = noticeMessage(batch);
    const answer = await this.call(channel, () =>
      this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (!answer.ts || !answer.channel) throw new Error('chat.postMessage answered without a ts');
    return { channel: answer.channel, ts: answer.ts };
  }

  async postDigest(channel: string, digest: TeamDigest): Promise<PostedMessage> {
    const { text, blocks } = digestMessage(digest);
    const answer = await this.call(channel, () =>
      this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (!answer.ts || !answer.channel) throw new Error('chat.postMessage answered without a ts');
    return { channel: answer.channel, ts: answer.ts };
  }

  /** Asks the platform channel to re-assign what someone disowned (App Home's or an ownership check's Not ours). */
  async askToReassign(channel: string, request: ReassignRequest, byUserId: string): Promise<PostedMessage> {
    const who = /^[UW][A-Z0-9]{2,}$/.test(byUserId) ? `<@${byUserId}>` : escapeMrkdwn(byUserId);
    const owner = escapeMrkdwn(request.ownerRef ?? 'nobody');
    const [first, ...others] = request.entityRefs;
    const what = others.length
      ? `these ${request.entityRefs.length} entities are not ${owner}'s: ${inlineList(request.entityRefs.map(escapeMrkdwn), 2000, ', ')}`
      : `${escapeMrkdwn(first ?? 'this')} is not ${owner}'s`;
    const text = `${who} says ${what}: please find ${others.length ? 'their owners' : 'its owner'} and update spec.owner. (${escapeMrkdwn(request.title)})`;
    const answer = await this.call(channel, () =>
      this.client.chat.postMessage({ channel, text, blocks: [section(text)], unfurl_links: false }),
    );
    return { channel: answer.channel ?? channel, ts: answer.ts ?? '' };
  }

  async postOwnershipCheck(channel: string, question: OwnershipQuestion): Promise<PostedMessage> {
    const { text, blocks } = ownershipMessage(question);
    const answer = await this.call(channel, () =>
      this.client.chat.postMessage({ channel, text, blocks, unfurl_links: false, unfurl_media: false }),
    );
    if (!answer.ts || !answer.channel) throw new Error('chat.postMessage answered without a ts');
    return { channel: answer.channel, ts: answer.ts };
  }

  async updateOwnershipCheck(check: OwnershipCheckRow): Promise<void> {
    const { text, blocks } = ownershipMessage(questionOf(check), check);
    await this.call(check.channel, () =>
      this.client.chat.update({ channel: check.channel, ts: check.messageTs, text, blocks }),
    );
  }

  async updateNotices(channel: string, ts: string, batch: NoticeBatch): Promise<void> {
    const { text, blocks } = noticeMessage(batch);
    await this.call(channel, () => this.client.chat.update({ channel, ts, text, blocks }));
  }

  async openDirectMessage(userIds: string[]): Promise<string> {
    const answer = await this.call('dm', () => this.client.conversations.open({ users: userIds.join(',') }));
    const id = answer.channel?.id;
    if (!id) throw new Error('conversations.open answered without a channel');
    return id;
  }

  slackUserIds(emails: string[]): Promise<Map<string, string>> {
    return this.lookup(this.client, emails);
  }

  /** Runs a Web API call, turning rate limits and gone channels into delivery errors. */
  private async call<T>(channel: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw slackDeliveryError(error, channel);
    }
  }
}

function slackDeliveryError(error: unknown, channel: string): unknown {
  const failure = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (failure.code === webApi.ErrorCode.RateLimitedError)
    return new RateLimitedError(Math.max(1, failure.retryAfter ?? 1));
  const code = failure.data?.error;
  if (code && CHANNEL_GONE.has(code)) return new ChannelUnavailableError(channel, code);
  return error;
}
