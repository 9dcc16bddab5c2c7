// /oncall <words>: the short form of /owner for the person paging at 3 a.m. Who is on call now for
// a service, team or system (each escalation level, with shift ends), the next shift, and a
// button that pages them: in one compact message.
import type { EntitySummary } from '../src/portal/index.js';
import {
  actions,
  ANSWER_ACTIONS,
  bold,
  escapeMrkdwn,
  section,
  type Block,
  type CommandContext,
} from '../src/slack/index.js';
import { displayName } from './shared/catalog-text.js';
import { entityCommand, openButton, type EntityReply } from './shared/entity-command.js';
import { lookUpOnCall, type OnCallView } from './oncall/on-call-lookup.js';
import { answerLines, answerTitle } from './oncall/on-call-text.js';
import { pageButton } from './oncall/page-button.js';

async function onCallReply(ref: string, ctx: CommandContext): Promise<EntityReply | undefined> {
  const [summary, onCall] = await Promise.all([ctx.portal.summary(ref), lookUpOnCall(ctx, ref)]);
  if (!summary) return undefined;
  const name = displayName(summary);
  const blocks: Block[] = [section(`${bold(`On call for ${name}`)}`), ...answerBlocks(summary, onCall)];
  const page = onCall.pageable ? [pageButton(ref)] : [];
  blocks.push(...actions([...page, openButton('owner', 'Owner and people', ref)], ANSWER_ACTIONS));
  return { ref, text: summaryText(name, onCall), blocks };
}

function answerBlocks(subject: EntitySummary, onCall: OnCallView): Block[] {
  if (!onCall.answers)
    return [section("_Live on-call is not set up here: `/owner` shows the team's PagerDuty and Opsgenie links._")];
  if (!onCall.answers.length) {
    return [
      section(
        `_Neither ${escapeMrkdwn(displayName(subject))}, its owner nor the owner's parents name ` +
          'a PagerDuty or Opsgenie on-call._ ' +
          "Add `pagerduty.com/service-id` or `opsgenie.com/team` to the team's catalog-info.yaml.",
      ),
    ];
  }
  return onCall.answers.map((answer) =>
    section(
      `${answerTitle(answer, subject.ref)}\n${answerLines(answer, onCall.ids, onCall.now, { next: true }).join('\n')}`,
    ),
  );
}

/** The notification text: level 1's names, or what stands in their way. */
function summaryText(name: string, onCall: OnCallView): string {
  const first = (onCall.answers ?? []).flatMap((a) => a.roster?.now.filter((s) => s.level === 1) ?? []);
  if (first.length) return `On call for ${name}: ${[...new Set(first.map((s) => s.person.name))].join(', ')}`;
  return `On call for ${name}: not known here`;
}

export const oncall = entityCommand({
  name: 'oncall',
  description:
    'Who is on call now for a service, team or system: each escalation level, shift ends, the next shift, and paging.',
  usageHint: '<service, team or system>',
  examples: ['/oncall payments', '/oncall payments-team'],
  people: true,
  answer: onCallReply,
});
