// How /create shows templates that cannot run (an action nobody provides, a broken skeleton):
// listed under the picker with why, and explained when /create names one, so a person looking
// for a template learns it exists and what keeps it from running rather than that it is missing.
import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn } from '../../../src/slack/index.js';
import type { UnavailableTemplate } from '../../../src/scaffold/types.js';
import { clip, SLACK_LIMITS } from './slack-limits.js';

/** How many unavailable templates the picker names; the rest are counted. */
const LISTED = 8;
/** A reason's share of a line: the whole list must fit one section. */
const REASON_CHARS = 240;

function line(template: UnavailableTemplate): string {
  const reason = template.reasons[0] ?? 'it has problems';
  const more = template.reasons.length > 1 ? ` (and ${template.reasons.length - 1} more problem(s))` : '';
  return `• *${escapeMrkdwn(template.title)}*: ${escapeMrkdwn(clip(reason, REASON_CHARS))}${more}`;
}

/** The blocks under the picker: which templates cannot be chosen, and why. */
export function unavailableBlocks(unavailable: readonly UnavailableTemplate[]): KnownBlock[] {
  if (!unavailable.length) return [];
  const lines = unavailable.slice(0, LISTED).map(line);
  if (unavailable.length > LISTED) lines.push(`…and ${unavailable.length - LISTED} more: run \`callboard templates\``);
  return [
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: clip(`:no_entry: *Not available until fixed*\n${lines.join('\n')}`, SLACK_LIMITS.sectionText),
      },
    },
  ];
}

/** What /create says when it names a template that cannot run. */
export function unavailableText(template: UnavailableTemplate): string {
  const reasons = template.reasons
    .slice(0, 5)
    .map((r) => `• ${escapeMrkdwn(clip(r, REASON_CHARS * 2))}`)
    .join('\n');
  return `:no_entry: *${escapeMrkdwn(template.title)}* cannot be used until this is fixed:\n${reasons}\nAsk your platform team; \`callboard templates\` shows the same.`;
}
