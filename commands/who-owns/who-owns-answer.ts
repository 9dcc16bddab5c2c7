// The "Who owns this?" answer: each thing the message names with its owner team, the team's
// channel, who is on call now, and *Page on-call* and *Share in thread* buttons; or, when nothing
// is found, what was looked for. Visible to the one who asked.
import type { OwnerFromAnywhere, OwnedThing } from '../../src/portal/owner-from-anywhere.js';
import type { OwnerView } from '../../src/portal/index.js';
import {
  actions,
  bold,
  button,
  context,
  escapeMrkdwn,
  section,
  type Block,
  type SlackMessage,
} from '../../src/slack/index.js';
import { channelText, displayName } from '../shared/catalog-text.js';
import type { OnCallView } from '../oncall/on-call-lookup.js';
import { pageButton } from '../oncall/page-button.js';

export const SHARE_IN_THREAD = 'whoowns.share';

/** Things shown at most; the rest are counted. */
export const MAX_SHOWN = 6;

const LOOKED_FOR =
  'GitHub links (a repository, a file, a pull request, an Actions run), `org/repo`, ' +
  'stack-trace file paths (JavaScript, Python, Java, Go), catalog names and refs, and PagerDuty service links';

export interface ThingDetails {
  thing: OwnedThing;
  owner?: OwnerView;
  onCall?: OnCallView;
}

interface WhereAsked {
  channel?: string;
  /** The message's thread (or its own ts): where *Share in thread* posts. */
  threadTs?: string;
}

export function whoOwnsMessage(
  found: OwnerFromAnywhere,
  details: ThingDetails[],
  where: WhereAsked,
  read: { truncated: boolean; length: number; readChars: number },
): SlackMessage {
  const blocks: Block[] = [];
  if (!details.length) {
    const unknown = found.unknown.slice(0, 5).map((u) => `• ${escapeMrkdwn(u)}`);
    const text = unknown.length
      ? `This message names things Callboard does not know:\n${unknown.join('\n')}\n_They are in no synced repository's CODEOWNERS and no catalog entity names them._`
      : `Callboard found nothing it knows in this message. It looked for ${LOOKED_FOR}.`;
    blocks.push(section(text));
    if (read.truncated) blocks.push(context(truncationNote(read)));
    return { text: unknown.length ? 'Nothing in this message is in the catalog' : 'Nothing found to own', blocks };
  }
  details.slice(0, MAX_SHOWN).forEach((detail, i) => {
    const lines = thingLines(detail);
    blocks.push(section(lines.join('\n')));
    const buttons = [];
    const pageRef = detail.onCall?.pageable ? (detail.thing.entityRef ?? detail.thing.ownerRef) : undefined;
    if (pageRef) buttons.push(pageButton(pageRef));
    if (where.channel && where.threadTs) {
      const value = JSON.stringify({ c: where.channel, t: where.threadTs, m: lines.join('\n').slice(0, 1500) });
      buttons.push(button('Share in thread', `${SHARE_IN_THREAD}:${i}`, value));
    }
    if (buttons.length) blocks.push(...actions(buttons));
  });
  const notes: string[] = [];
  if (details.length > MAX_SHOWN) notes.push(`${details.length - MAX_SHOWN} more not shown.`);
  if (found.unknown.length)
    notes.push(
      `Not in the catalog: ${found.unknown.slice(0, 3).map(escapeMrkdwn).join(', ')}${found.unknown.length > 3 ? ', …' : ''}.`,
    );
  if (read.truncated) notes.push(truncationNote(read));
  if (notes.length) blocks.push(context(notes.join(' ')));
  const first = details[0];
  const team = first.owner?.team ? displayName(first.owner.team) : first.thing.ownerRef;
  return { text: team ? `Owned by ${team}` : 'Who owns this', blocks };
}

function thingLines({ thing, owner, onCall }: ThingDetails): string[] {
  const labels = thing.labels.slice(0, 3).map((l) => `\`${escapeMrkdwn(l)}\``);
  const more = thing.labels.length > 3 ? ` and ${thing.labels.length - 3} more` : '';
  const lines = [`${labels.join(', ')}${more}`];
  const team = owner?.team;
  if (team) {
    const channel = channelText(team.slackChannel);
    lines.push(`Owner: ${bold(displayName(team))}${channel ? ` · ${channel}` : ''}`);
  } else if (owner?.members.length === 1 && thing.ownerRef?.startsWith('user:')) {
    lines.push(`Owner: ${bold(owner.members[0].displayName ?? owner.members[0].name)}`);
  } else if (thing.unknownOwners.length) {
    lines.push(`Owner: ${escapeMrkdwn(thing.unknownOwners.join(', '))} _(not in the catalog)_`);
  } else lines.push('Owner: _nobody is named_');
  lines.push(`_via ${escapeMrkdwn(thing.via)}_`);
  lines.push(`On call now: ${onCallNowText(onCall)}`);
  return lines;
}

/** Level 1 now as Slack mentions (names where Slack does not know them), or why nobody is named. */
export function onCallNowText(onCall: OnCallView | undefined): string {
  if (!onCall?.answers) return '_live on-call is not set up here_';
  const now = onCall.answers.flatMap((a) => a.roster?.now.filter((s) => s.level === 1) ?? []);
  if (now.length) {
    return [
      ...new Set(
        now.map((s) => {
          const id = s.person.email ? onCall.ids.get(s.person.email.toLowerCase()) : undefined;
          return id ? `<@${id}>` : escapeMrkdwn(s.person.name);
        }),
      ),
    ].join(', ');
  }
  const failed = onCall.answers.find((a) => a.problem);
  if (failed?.problem) return `_not known (${escapeMrkdwn(failed.problem)})_`;
  return onCall.answers.length ? '_nobody right now_' : '_no PagerDuty or Opsgenie on-call is named_';
}

function truncationNote(read: { length: number; readChars: number }): string {
  return `Read the first ${read.readChars.toLocaleString('en-US')} of ${read.length.toLocaleString('en-US')} characters.`;
}
