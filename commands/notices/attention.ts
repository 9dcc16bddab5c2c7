// App Home's "Needs your attention": the open notices of the viewer's teams, each with Snooze a
// week and Not ours (which asks the platform channel to re-assign, naming who pressed it). The
// button ids start with `callboard.`: /callboard's module answers them.
import type { NoticeRow } from '../../src/store/notice-store.js';
import {
  actionId,
  bold,
  button,
  type Block,
  type CommandAction,
  context,
  escapeMrkdwn,
  header,
  moreLine,
  section,
  slackDate,
} from '../../src/slack/index.js';

export const SNOOZE_NOTICE = 'callboard.notice-snooze';
export const DISOWN_NOTICE = 'callboard.notice-not-ours';

/** Notices shown with their buttons; App Home's 100 blocks leave room for the rest. */
const SHOWN = 10;

export function attentionBlocks(notices: NoticeRow[]): Block[] {
  if (!notices.length) return [];
  const blocks: Block[] = [header(`Needs your attention (${notices.length})`)];
  notices.slice(0, SHOWN).forEach((notice, i) => {
    blocks.push(section(`:warning: ${bold(notice.title)}\n${escapeMrkdwn(notice.why)}`));
    blocks.push({
      type: 'actions',
      elements: [
        button('Snooze a week', actionId(SNOOZE_NOTICE, i), notice.key),
        button('Not ours', actionId(DISOWN_NOTICE, i), notice.key, 'danger'),
      ],
    });
  });
  if (notices.length > SHOWN) blocks.push(context(`${moreLine(notices.length - SHOWN)}: run \`callboard notices\`.`));
  return blocks;
}

export const noticeActionHandlers: CommandAction[] = [
  {
    id: SNOOZE_NOTICE,
    async handle(key, ctx) {
      const until = await ctx.portal.notices?.snooze(key, ctx.userId);
      const text = until
        ? `Snoozed until ${slackDate(until)}. It comes back then if it is still true.`
        : 'That notice is resolved already: nothing to snooze.';
      return { text: text.replace(/<[^>]*\|([^>]*)>/g, '$1'), blocks: [section(text)] };
    },
  },
  {
    id: DISOWN_NOTICE,
    async handle(key, ctx) {
      const outcome = await ctx.portal.notices?.disown(key, ctx.userId);
      const text = !outcome?.notice
        ? 'That notice is resolved already.'
        : outcome.platformTold
          ? 'Thanks: the platform channel has been asked to find the right owner.'
          : 'Noted. No platform channel is set (NOTICES_PLATFORM_CHANNEL), so ask your platform team to re-assign it.';
      return { text, blocks: [section(text)] };
    },
  },
];
