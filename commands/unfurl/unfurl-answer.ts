// What an unfurl shows under a link to a domain UNFURL_DOMAINS lists: a Backstage entity page as
// the entity's compact card (name, what it is, the start of its description, owner and channel,
// system), a PagerDuty service page as who is on call now for the entity that names that service.
import type { EntityCard, OwnerView } from '../../src/portal/index.js';
import { bold, context, escapeMrkdwn, section, truncate, type Block } from '../../src/slack/index.js';
import { displayName, kindLine, teamText } from '../shared/catalog-text.js';
import type { OnCallView } from '../oncall/on-call-lookup.js';
import { onCallNowText } from '../who-owns/who-owns-answer.js';

/** An unfurl is a preview: the start of a description is enough, the card is a command away. */
const DESCRIPTION_CHARS = 200;

export function entityUnfurl(card: EntityCard): { blocks: Block[] } {
  const { summary } = card;
  const description = summary.description
    ? `\n${escapeMrkdwn(truncate(summary.description.replace(/\s+/g, ' '), DESCRIPTION_CHARS))}`
    : '';
  const owner = card.owner
    ? teamText(card.owner)
    : card.unresolvedOwner
      ? `${escapeMrkdwn(card.unresolvedOwner)} _(not in the catalog)_`
      : '_no owner_';
  const facts = [`Owner: ${owner}`];
  if (card.system) facts.push(`System: ${escapeMrkdwn(displayName(card.system))}`);
  return {
    blocks: [
      section(`${bold(displayName(summary))} _${escapeMrkdwn(kindLine(summary))}_${description}`),
      context(facts.join(' · '), `\`${escapeMrkdwn(summary.ref)}\``),
    ],
  };
}

export function onCallUnfurl(
  serviceId: string,
  subject: EntityCard['summary'],
  owner: OwnerView | undefined,
  onCall: OnCallView,
): { blocks: Block[] } {
  const team = owner?.team ? teamText(owner.team) : undefined;
  return {
    blocks: [
      section(`On call now for ${bold(displayName(subject))}: ${onCallNowText(onCall)}`),
      context(
        [`PagerDuty service ${escapeMrkdwn(serviceId)}`, team ? `owned by ${team}` : undefined]
          .filter(Boolean)
          .join(' · '),
      ),
    ],
  };
}
