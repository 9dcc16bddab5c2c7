// How on-call reads in Slack: each level's people as mentions with their shift end ("until 18:00
// UTC"), the schedule, the provider's link; and, when a provider failed or was slow, why, with
// the last known roster and its age.
import type { OnCallAnswer, OnCallShift } from '../../src/oncall/index.js';
import { bold, escapeMrkdwn, link } from '../../src/slack/index.js';

/** A person on call: a Slack mention when Slack knows their email, else their name. */
function onCallPerson(shift: OnCallShift, ids: Map<string, string>): string {
  const id = shift.person.email ? ids.get(shift.person.email.toLowerCase()) : undefined;
  return id ? `<@${id}>` : escapeMrkdwn(shift.person.name);
}

/** `18:00 UTC` today, `Wed 2 Dec 09:00 UTC` another day. */
export function timeText(at: Date, now: Date): string {
  const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')} UTC`;
  if (at.toISOString().slice(0, 10) === now.toISOString().slice(0, 10)) return time;
  const day = at
    .toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' })
    .replace(',', '');
  return `${day} ${time}`;
}

/** `4 min`, `2 h`: how old a last known answer is. */
function ageText(asOf: Date, now: Date): string {
  const seconds = Math.max(0, Math.round((now.getTime() - asOf.getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function shiftText(shift: OnCallShift, ids: Map<string, string>, now: Date): string {
  const until = shift.end ? ` until ${timeText(shift.end, now)}` : '';
  const schedule = shift.schedule ? ` _(${escapeMrkdwn(shift.schedule)})_` : '';
  return `${onCallPerson(shift, ids)}${until}${schedule}`;
}

/** One line per escalation level, level 1 first. */
function levelLines(shifts: OnCallShift[], ids: Map<string, string>, now: Date): string[] {
  const levels = [...new Set(shifts.map((s) => s.level))].sort((a, b) => a - b);
  return levels.map(
    (level) =>
      `Level ${level}: ${shifts
        .filter((s) => s.level === level)
        .map((s) => shiftText(s, ids, now))
        .join(', ')}`,
  );
}

/** `Next: <@U1> from 18:00 UTC`, when the provider told. */
export function nextLine(answer: OnCallAnswer, ids: Map<string, string>, now: Date): string | undefined {
  const next = answer.roster?.next ?? [];
  if (!next.length) return undefined;
  const from = next[0].start ? ` from ${timeText(next[0].start, now)}` : '';
  return `Next: ${next.map((s) => onCallPerson(s, ids)).join(', ')}${from}`;
}

/** `PagerDuty · <url|Payments escalation policy> (from Payments Team)` */
export function answerTitle(answer: OnCallAnswer, subjectRef?: string): string {
  // An integration key is a secret of sorts (it pages the team): never shown, only named.
  const { kind, value } = answer.target;
  const name =
    answer.roster?.name ?? (kind === 'integration-key' ? 'integration key' : `${kind.replace(/-/g, ' ')} ${value}`);
  const url = answer.roster?.url ?? answer.link;
  const from = subjectRef && answer.source.ref !== subjectRef ? ` (from ${bold(answer.source.name)})` : '';
  return `${answer.provider.label} · ${url ? link(url, name) : escapeMrkdwn(name)}${from}`;
}

/** The body of one provider's answer: levels, or why there are none, and what was last known. */
export function answerLines(
  answer: OnCallAnswer,
  ids: Map<string, string>,
  now: Date,
  options: { next?: boolean } = {},
): string[] {
  const lines: string[] = [];
  if (answer.state === 'off') {
    return [
      `_Live on-call is off: set \`${answer.provider.setting}\` ` +
        `to see here who is on call in ${answer.provider.label}._`,
    ];
  }
  if (answer.state === 'unavailable')
    return [`:warning: ${escapeMrkdwn(problemOf(answer))}. No earlier answer is known.`];
  if (answer.state === 'stale') {
    const age = answer.asOf ? `, ${ageText(answer.asOf, now)} ago` : '';
    lines.push(`:warning: ${escapeMrkdwn(problemOf(answer))}. Last known${age}:`);
  }
  const roster = answer.roster;
  if (!roster?.now.length) lines.push('_Nobody is on call right now._');
  else lines.push(...levelLines(roster.now, ids, now));
  const next = options.next ? nextLine(answer, ids, now) : undefined;
  if (next) lines.push(next);
  return lines;
}

function problemOf(answer: OnCallAnswer): string {
  return answer.problem ?? `${answer.provider.label} did not answer`;
}
