// /owner <words>: for whoever is on call. The owning team and its channel, its people as Slack
// mentions, who is on call now (live from PagerDuty or Opsgenie), a button that pages them, whom
// to escalate to, and what else the team owns: in one reply. A person gets their person card.
import type { OwnerView } from '../src/portal/index.js';
import {
  actions,
  ANSWER_ACTIONS,
  bold,
  context,
  escapeMrkdwn,
  header,
  link,
  listSection,
  section,
  type Block,
  type CommandContext,
} from '../src/slack/index.js';
import { channelText, counted, displayName, personText, onCallText, teamText } from './shared/catalog-text.js';
import { entityCommand, openButton, type EntityReply } from './shared/entity-command.js';
import { lookUpOnCall, type OnCallView } from './oncall/on-call-lookup.js';
import { answerLines, answerTitle } from './oncall/on-call-text.js';
import { pageButton } from './oncall/page-button.js';

const OWNED_ITEMS = 10;

async function ownerReply(ref: string, ctx: CommandContext): Promise<EntityReply | undefined> {
  const [view, onCall] = await Promise.all([ctx.portal.owner(ref), lookUpOnCall(ctx, ref)]);
  if (!view) return undefined;
  const ids = await ctx.slackUserIds(view.members.flatMap((p) => (p.email ? [p.email] : [])));
  return { ref: view.subject.ref, text: summaryText(view), blocks: ownerBlocks(view, ids, onCall) };
}

/** "On call now": each provider's levels live, or the links as before when live on-call is not wired in. */
function onCallSection(view: OwnerView, onCall: OnCallView): Block[] {
  const heading = bold('On call now');
  if (!onCall.answers) {
    const links = view.team && onCallText(view.team.onCall);
    return view.team ? [section(`${heading}\n${links ?? '_No PagerDuty or Opsgenie annotation on this team._'}`)] : [];
  }
  if (!onCall.answers.length) {
    return view.team ? [section(`${heading}\n_No PagerDuty or Opsgenie annotation on this team or its parents._`)] : [];
  }
  return onCall.answers.map((answer) => {
    const lines = answerLines(answer, onCall.ids, onCall.now);
    return section(`${heading} · ${answerTitle(answer, view.subject.ref)}\n${lines.join('\n')}`);
  });
}

function summaryText(view: OwnerView): string {
  const subject = displayName(view.subject);
  if (view.team)
    return `${subject} is owned by ${displayName(view.team)}${view.team.slackChannel?.name ? ` (#${view.team.slackChannel.name})` : ''}`;
  if (view.members.length)
    return `${subject} is owned by ${view.members.map((m) => m.displayName ?? m.name).join(', ')}`;
  if (view.unresolvedOwner) return `${subject} names ${view.unresolvedOwner} as owner, which is not in the catalog`;
  return `${subject} has no owner in the catalog`;
}

function ownerBlocks(view: OwnerView, ids: Map<string, string>, onCall: OnCallView): Block[] {
  const subject = displayName(view.subject);
  const isTeamItself = view.team?.ref === view.subject.ref;
  const blocks: Block[] = [header(isTeamItself ? subject : `Who owns ${subject}`)];

  if (view.team) {
    const team = view.team;
    const reach = [
      channelText(team.slackChannel) && `Channel: ${channelText(team.slackChannel)}`,
      team.email && `Email: ${link(`mailto:${team.email}`, team.email)}`,
    ]
      .filter(Boolean)
      .join('   ');
    blocks.push(section(`${isTeamItself ? 'Team' : 'Owner'}: ${bold(displayName(team))}${reach ? `\n${reach}` : ''}`));
  } else if (view.unresolvedOwner) {
    blocks.push(section(`Owner: ${escapeMrkdwn(view.unresolvedOwner)} _(not in the catalog: check spec.owner)_`));
  } else if (!view.members.length) {
    blocks.push(section('_No owner in the catalog._ Set `spec.owner` in its catalog-info.yaml.'));
  }

  blocks.push(...onCallSection(view, onCall));
  if (view.members.length || view.team) {
    const label = view.team ? counted('People', view.members.length) : 'Owner';
    blocks.push(
      listSection(
        bold(label),
        view.members.map((p) => personLine(p, ids)),
        { empty: '_No members listed for this team._' },
      ),
    );
  }
  if (view.escalation.length) {
    const path = view.escalation.map((group) => teamText(group)).join('  →  ');
    blocks.push(section(`${bold('Escalation')}\n${path}`));
  }
  if (view.owns.length) {
    blocks.push(
      listSection(
        bold(counted('Also owns', view.owns.length)),
        view.owns.map((e) => bold(displayName(e))),
        { maxItems: OWNED_ITEMS },
      ),
    );
  }
  if (!isTeamItself) blocks.push(context(`About \`${escapeMrkdwn(view.subject.ref)}\``));
  const page = onCall.pageable ? [pageButton(view.subject.ref)] : [];
  const card = openButton('service', `${subject}: card`, view.subject.ref);
  blocks.push(...actions([card, ...page], ANSWER_ACTIONS));
  return blocks;
}

function personLine(person: OwnerView['members'][number], ids: Map<string, string>): string {
  const shown = personText(person, ids);
  const name = person.displayName ?? person.name;
  // A mention already shows the person's Slack name; a plain name gets the email to reach them by.
  if (shown.startsWith('<@')) return `${shown} (${escapeMrkdwn(name)})`;
  return person.email ? `${shown} · ${link(`mailto:${person.email}`, person.email)}` : shown;
}

export const owner = entityCommand({
  name: 'owner',
  description: 'Who owns something, for on-call: team, channel, people, who is on call now, escalation path.',
  usageHint: '<service, API, team, @person or repository URL>',
  examples: ['/owner payments', '/owner payments-api', '/owner @amara.mendes'],
  people: true,
  answer: ownerReply,
});
