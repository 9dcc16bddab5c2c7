// The weekly digest as a Slack message: the team's catalog at a glance, open notices, on-call,
// what is new this week, and lines other features add (scorecards).
import type { TeamDigest } from '../../src/notices/digest.js';
import type { Block } from '../../src/slack/command.js';
import {
  bold,
  context,
  escapeMrkdwn,
  fitBlocks,
  header,
  inlineList,
  listSection,
  SLACK_LIMITS,
  section,
} from '../../src/slack/index.js';

export function digestMessage(digest: TeamDigest): { text: string; blocks: Block[] } {
  const name = digest.teamTitle ?? digest.teamRef;
  const week = digest.weekOf.toISOString().slice(0, 10);
  const kinds = Object.entries(digest.owned.byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  const blocks: Block[] = [
    header(`Weekly digest: ${name}`),
    section(
      `${bold('What you own')}: ${kinds.length ? escapeMrkdwn(kinds.join(', ')) : 'nothing in the catalog'}\n${inlineList(
        digest.owned.names.map((ref) => `\`${escapeMrkdwn(ref)}\``),
        1500,
      )}`,
    ),
    listSection(
      `${bold('Open notices')} (${digest.openNotices.length})`,
      digest.openNotices.map((notice) => `• ${escapeMrkdwn(notice.title)}`),
      { maxItems: 10, empty: '_none: nothing needs you_' },
    ),
    section(`${bold('On call this week')}: ${onCallText(digest.onCall)}`),
    listSection(
      bold('New this week'),
      digest.createdThisWeek.map((line) => `• ${escapeMrkdwn(line)}`),
      { maxItems: 10, empty: '_nothing new_' },
    ),
  ];
  if (digest.more.length) blocks.push(listSection(bold('Scorecards'), digest.more.map(escapeMrkdwn), { maxItems: 10 }));
  blocks.push(context(`Week of ${week}. Sent once a week to this channel; choose with callboard.dev/notices.`));
  return {
    text: `Weekly digest for ${name}: ${kinds.join(', ') || 'nothing owned'}, ${digest.openNotices.length} open notice(s)`.slice(
      0,
      SLACK_LIMITS.messageText,
    ),
    blocks: fitBlocks(blocks, SLACK_LIMITS.messageBlocks),
  };
}

function onCallText(onCall: TeamDigest['onCall']): string {
  if (onCall === 'unknown') return '_unknown: the on-call provider did not answer in time_';
  return onCall.length ? onCall.map(escapeMrkdwn).join(', ') : '_no on-call schedule linked_';
}
