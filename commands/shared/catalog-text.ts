// How catalog things read in Slack mrkdwn: entity names, teams' channels, people as mentions,
// on-call links. Shared by every command so that a team looks the same wherever it appears.
import type { EntitySummary, Person, TeamContact } from '../../src/portal/index.js';
import { bold, escapeMrkdwn, link, truncate } from '../../src/slack/blocks.js';

export function displayName(entity: EntitySummary): string {
  return entity.title ?? entity.name;
}

/** `Component · service · production` */
export function kindLine(entity: EntitySummary): string {
  return [entity.kind, entity.type, entity.lifecycle].filter(Boolean).join(' · ');
}

/** One list line: bold name, what it is, and the start of its description. */
export function entityLine(entity: EntitySummary, descriptionChars = 90): string {
  const description = entity.description
    ? ` — ${escapeMrkdwn(truncate(entity.description.replace(/\s+/g, ' '), descriptionChars))}`
    : '';
  return `${bold(displayName(entity))} _${escapeMrkdwn(kindLine(entity))}_${description}`;
}

/** A channel as Slack links it: `<#C123|payments>` with an id, `#payments` with only a name. */
export function channelText(channel: TeamContact['slackChannel']): string | undefined {
  if (!channel) return undefined;
  if (channel.id && /^[CGD][A-Z0-9]+$/.test(channel.id))
    return channel.name ? `<#${channel.id}|${escapeMrkdwn(channel.name)}>` : `<#${channel.id}>`;
  return channel.name ? `#${escapeMrkdwn(channel.name)}` : undefined;
}

/** A team with its channel: `*Payments Team* · <#C0PAY|payments>` */
export function teamText(team: EntitySummary & Partial<TeamContact>): string {
  const channel = channelText(team.slackChannel);
  return channel ? `${bold(displayName(team))} · ${channel}` : bold(displayName(team));
}

/** A person as a Slack mention when Slack knows their email, else their name. */
export function personText(person: Person, slackIds: Map<string, string>): string {
  const id = person.email ? slackIds.get(person.email.toLowerCase()) : undefined;
  const name = person.displayName ?? person.name;
  return id ? `<@${id}>` : escapeMrkdwn(name);
}

export function onCallText(onCall: TeamContact['onCall']): string | undefined {
  if (!onCall.length) return undefined;
  return onCall.map((o) => (o.url ? link(o.url, o.label) : escapeMrkdwn(o.label))).join('\n');
}

/** A count in a label, e.g. `Dependencies (12)`. */
export function counted(label: string, n: number): string {
  return `${label} (${n})`;
}
