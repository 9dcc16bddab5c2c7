// A team's notices as one Slack message: a line per notice (the entity, why, what to do), open
// ones first; resolved ones struck through with when they resolved. The same function renders the
// first post and every later edit, so an edited message reads like a fresh one.
import type { NoticeBatch } from '../../src/notices/messenger.js';
import type { NoticeRow } from '../../src/store/notice-store.js';
import type { Block } from '../../src/slack/command.js';
import { bold, context, escapeMrkdwn, fitBlocks, SLACK_LIMITS, section, truncate } from '../../src/slack/index.js';

/** Notices shown one by one; the rest are counted (App Home and `callboard notices` list them all). */
const SHOWN = 20;

const ROUTE_NOTE: Record<NoticeBatch['route'], string> = {
  'team-channel': 'Sent to this team channel (slack.com/channel-id on the Group).',
  members: "Sent to the team's members: the Group names no Slack channel (slack.com/channel-id).",
  platform: 'Sent to the platform channel: nobody else could be told.',
  user: 'Sent to you: you own these entities.',
};

interface RenderedMessage {
  text: string;
  blocks: Block[];
}

export function noticeMessage(batch: NoticeBatch): RenderedMessage {
  const open = batch.notices.filter((notice) => notice.state === 'open');
  const resolved = batch.notices.filter((notice) => notice.state !== 'open');
  const team = batch.teamRef ? escapeMrkdwn(batch.teamRef) : 'no owner';
  const headline = open.length
    ? `${open.length} thing${open.length === 1 ? '' : 's'} in the catalog need${open.length === 1 ? 's' : ''} ${team}`
    : `Resolved: nothing in the catalog needs ${team} any more`;
  const blocks: Block[] = [section(`:bell: ${bold(headline.replace(/\\/g, ''))}`)];
  const ordered = [...open, ...resolved];
  for (const notice of ordered.slice(0, SHOWN)) blocks.push(noticeSection(notice));
  if (ordered.length > SHOWN) {
    blocks.push(
      context(`…and ${ordered.length - SHOWN} more: see Callboard's App Home, or run \`callboard notices\`.`),
    );
  }
  blocks.push(context(ROUTE_NOTE[batch.route]));
  return {
    text: truncate(`${headline}: ${ordered.map((notice) => notice.title).join('; ')}`, SLACK_LIMITS.messageText),
    blocks: fitBlocks(blocks, SLACK_LIMITS.messageBlocks),
  };
}

function noticeSection(notice: NoticeRow): Block {
  if (notice.state !== 'open') {
    return section(`:white_check_mark: ~${escapeMrkdwn(notice.title)}~ _resolved_`);
  }
  return section(
    `:warning: ${bold(notice.title)}\n${escapeMrkdwn(notice.why)}\n_What to do:_ ${escapeMrkdwn(notice.action)}`,
  );
}
