// The person card (/owner @someone, /service <person>): who they are, their teams with channels,
// what their teams own, and whether they are on call now and for what. A person is not a
// component: no dependencies or APIs here.
import type { PersonCard } from '../../src/portal/index.js';
import {
  bold,
  context,
  escapeMrkdwn,
  header,
  link,
  listSection,
  section,
  type Block,
  type CommandContext,
  type SlackMessage,
} from '../../src/slack/index.js';
import { counted, teamText } from '../shared/catalog-text.js';
import { gone } from '../shared/entity-answer.js';
import { timeText } from '../oncall/on-call-text.js';
import { personOnCall, type PersonOnCall } from './person-on-call.js';

const OWNED_ITEMS = 10;

export async function personMessage(ref: string, ctx: CommandContext, command: string): Promise<SlackMessage> {
  const card = await ctx.portal.person(ref);
  if (!card) return gone(ref);
  const [ids, onCall] = await Promise.all([
    ctx.slackUserIds(card.person.email ? [card.person.email] : []),
    personOnCall(ctx, card),
  ]);
  const name = card.person.displayName ?? card.person.name;
  const slackId = card.person.email ? ids.get(card.person.email.toLowerCase()) : undefined;
  const teams = card.teams.map((t) => t.title ?? t.name);
  return {
    text: `${name}${teams.length ? `, ${teams.join(', ')}` : ''}${onCall.shifts.length ? ' (on call now)' : ''}`,
    blocks: personBlocks(card, onCall, slackId, ctx.onCall?.currentTime() ?? new Date()),
    share: { command, text: card.summary.ref },
  };
}

function personBlocks(card: PersonCard, onCall: PersonOnCall, slackId: string | undefined, now: Date): Block[] {
  const name = card.person.displayName ?? card.person.name;
  const about = [
    card.summary.description && escapeMrkdwn(card.summary.description),
    [slackId && `<@${slackId}>`, card.person.email && link(`mailto:${card.person.email}`, card.person.email)]
      .filter(Boolean)
      .join(' · '),
  ]
    .filter(Boolean)
    .join('\n');
  const blocks: Block[] = [header(name)];
  if (about) blocks.push(section(about));
  blocks.push(
    listSection(
      bold(counted('Teams', card.teams.length)),
      card.teams.map((t) => teamText(t)),
      { empty: '_In no team in the catalog._' },
    ),
  );
  blocks.push(section(`${bold('On call now')}\n${onCallLines(onCall, now).join('\n')}`));
  blocks.push(
    listSection(
      bold(counted('Their teams own', card.owned.length)),
      card.owned.map((e) => bold(e.title ?? e.name)),
      { maxItems: OWNED_ITEMS, empty: '_Nothing in the catalog._' },
    ),
  );
  blocks.push(context(`\`${escapeMrkdwn(card.summary.ref)}\``));
  return blocks;
}

function onCallLines(onCall: PersonOnCall, now: Date): string[] {
  const lines = onCall.shifts.map((s) => {
    const until = s.end ? ` until ${timeText(s.end, now)}` : '';
    const stale = s.stale ? ' _(last known)_' : '';
    const what = `${bold(s.what)} (${escapeMrkdwn(s.provider)}, level ${s.level})`;
    return `:rotating_light: On call for ${what}${until}${stale}`;
  });
  if (!lines.length)
    lines.push(onCall.off ? '_Live on-call is off here, so Callboard cannot tell._' : 'Not on call now.');
  lines.push(...onCall.problems.map((p) => `:warning: ${escapeMrkdwn(p)}.`));
  return lines;
}
