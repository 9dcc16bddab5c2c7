// /scorecard [entity | team | @person]: how things measure up to the scorecards (src/scorecards).
// An entity: its level on each scorecard that applies, failing checks first with how to fix
// them, and what the next level needs. A team (or a person's teams): its entities by level and
// the checks failing most. Alone: the organisation by level, the five checks failing most and
// this week's biggest movers.
import { FACTS_BY_NAME } from '../src/scorecards/facts.js';
import {
  standingLine,
  type EntityStanding,
  type OrganisationStanding,
  type ScorecardViews,
  type TeamStanding,
} from '../src/scorecards/scorecard-views.js';
import type { ScorecardCheck } from '../src/scorecards/types.js';
import {
  bold,
  context,
  escapeMrkdwn,
  header,
  listSection,
  section,
  truncate,
  type Block,
  type CommandAction,
  type CommandContext,
  type SlackMessage,
  type SlashCommand,
} from '../src/slack/index.js';
import { displayName } from './shared/catalog-text.js';
import { answerEntity, gone } from './shared/entity-answer.js';
import { openAction } from './shared/entity-command.js';
import { findPerson, personNotFound } from './person/find-person.js';

const OPEN_SCORECARD = openAction('scorecard');

const SOLUTION_CHARS = 600;
const LISTED_ENTITIES = 25;

async function handle(text: string, ctx: CommandContext): Promise<SlackMessage> {
  const views = ctx.scorecards;
  if (!views) return unavailable();
  const words = text.trim();
  if (!words) return organisationMessage(await views.organisation(), views);
  const person = await findPerson(words, ctx);
  if (person && 'problem' in person) return personNotFound(person.problem);
  if (person) return answerFor(person.ref, ctx);
  return answerEntity(words, ctx, { openAction: OPEN_SCORECARD, answer: answerFor });
}

function unavailable(): SlackMessage {
  const text = 'Scorecards are not set up on this Callboard.';
  return { text, blocks: [section(text)] };
}

/**
 * A team's view for a Group, their teams' for a person, the entity's standing for anything else
 * (also the answer to "how is X scoring?" in a mention or DM).
 */
export async function answerFor(ref: string, ctx: CommandContext): Promise<SlackMessage> {
  const views = ctx.scorecards;
  if (!views) return unavailable();
  const summary = await ctx.portal.summary(ref);
  if (!summary) return gone(ref);
  const name = displayName(summary);
  const share = { command: 'scorecard', text: ref };
  if (ref.startsWith('group:')) return { ...teamMessage(name, await views.team([ref])), share };
  if (ref.startsWith('user:')) {
    const card = await ctx.portal.person(ref);
    const who = card?.person.displayName ?? name;
    const message = teamMessage(`${who}'s teams`, await views.team(card?.teams.map((t) => t.ref) ?? []));
    return { ...message, share };
  }
  return { ...entityMessage(ref, name, await views.entity(ref), views), share };
}

// --- one entity -------------------------------------------------------------------------------

/** The action id of a failing check's "Fix it" button; /create's listeners open its template. */
export const SCORECARD_FIX_ACTION = 'scorecard.fix';

/** What a "Fix it" button carries: the template to open and the entity to fill it in from. */
export interface ScorecardFix {
  template: string;
  entityRef: string;
}

function entityMessage(ref: string, name: string, standings: EntityStanding[], views: ScorecardViews): SlackMessage {
  if (!standings.length) {
    const scope = views.scorecards.map((s) => `${bold(escapeMrkdwn(s.title))}: ${filterText(s.filter)}`);
    const text = `No scorecard applies to ${name}.`;
    return {
      text,
      blocks: [
        section(`No scorecard applies to ${bold(escapeMrkdwn(name))}.`),
        ...(scope.length ? [context(...scope.slice(0, 10))] : []),
      ],
    };
  }
  const blocks: Block[] = [header(`${name}: scorecards`)];
  for (const s of standings) {
    blocks.push(section(`${bold(escapeMrkdwn(s.scorecard.title))}: ${levelText(s)}`));
    const notPassing = s.checks.filter((c) => c.outcome !== 'pass');
    for (const c of notPassing) {
      const mark = c.outcome === 'fail' ? ':x:' : ':grey_question:';
      const why =
        c.outcome === 'unknown'
          ? `_Not known yet: needs ${sourcesOf(c.check)}._`
          : c.check.solution
            ? truncate(c.check.solution, SOLUTION_CHARS)
            : '';
      const line = section(
        `${mark} ${bold(escapeMrkdwn(c.check.title))} · ${escapeMrkdwn(c.check.level)}${why ? `\n${why}` : ''}`,
      );
      // A failing check with a fix: its button opens the fix's template, filled in from the entity.
      blocks.push(
        c.outcome === 'fail' && c.check.fix ? { ...line, accessory: fixButton(c.check.fix.template, ref) } : line,
      );
    }
    const passing = s.checks.filter((c) => c.outcome === 'pass').map((c) => escapeMrkdwn(c.check.title));
    if (passing.length) blocks.push(context(truncate(`:white_check_mark: Passing: ${passing.join(' · ')}`, 2900)));
  }
  return { text: `${name}: ${standings.map(standingLine).join('; ')}`, blocks };
}

function fixButton(template: string, entityRef: string) {
  return {
    type: 'button' as const,
    action_id: SCORECARD_FIX_ACTION,
    text: { type: 'plain_text' as const, text: 'Fix it' },
    value: JSON.stringify({ template, entityRef } satisfies ScorecardFix),
  };
}

function levelText(s: EntityStanding): string {
  const level = s.level ? bold(escapeMrkdwn(s.level)) : '_no level yet_';
  if (!s.nextLevel) return `${level}, the top level`;
  const n = s.missingForNext.length;
  return `${level} · ${n} check${n === 1 ? '' : 's'} to ${escapeMrkdwn(s.nextLevel)}`;
}

/** "GitHub facts" or "on-call facts": why a check could not be decided. */
function sourcesOf(check: ScorecardCheck): string {
  const sources = new Set(check.facts.map((f) => FACTS_BY_NAME.get(f)?.source).filter((s) => s && s !== 'catalog'));
  const names = [...sources].map((s) => (s === 'github' ? 'GitHub (GITHUB_ORG)' : 'an on-call provider'));
  return names.length ? names.join(' and ') : 'facts not read yet';
}

function filterText(filter: EntityStanding['scorecard']['filter']): string {
  if (!filter) return 'every entity';
  const clauses = Array.isArray(filter) ? filter : [filter];
  return clauses
    .map((c) =>
      Object.entries(c)
        .map(([k, v]) => `\`${escapeMrkdwn(k)}: ${escapeMrkdwn(Array.isArray(v) ? v.join(' or ') : v)}\``)
        .join(', '),
    )
    .join(' or ');
}

// --- a team -----------------------------------------------------------------------------------

function teamMessage(name: string, standings: TeamStanding[]): SlackMessage {
  if (!standings.length) {
    const text = `No scorecard applies to anything ${name} owns.`;
    return { text, blocks: [section(escapeMrkdwn(text))] };
  }
  const blocks: Block[] = [header(`${name}: scorecards`)];
  const summary: string[] = [];
  for (const s of standings) {
    const total = s.byLevel.reduce((n, g) => n + g.entityRefs.length, 0);
    summary.push(
      `${s.scorecard.title}: ${s.byLevel.map((g) => `${g.entityRefs.length} ${g.level ?? 'no level'}`).join(', ')}`,
    );
    blocks.push(
      listSection(
        `${bold(escapeMrkdwn(s.scorecard.title))} · ${total} entit${total === 1 ? 'y' : 'ies'}`,
        s.byLevel.map(
          (g) =>
            `${bold(escapeMrkdwn(g.level ?? 'No level yet'))} (${g.entityRefs.length}): ${g.entityRefs
              .slice(0, LISTED_ENTITIES)
              .map((r) => escapeMrkdwn(refName(r)))
              .join(', ')}${g.entityRefs.length > LISTED_ENTITIES ? ', …' : ''}`,
        ),
      ),
    );
    if (s.mostFailing.length)
      blocks.push(
        listSection(
          bold('Checks failing most'),
          s.mostFailing.map((f) => `${escapeMrkdwn(f.check.title)} · ${f.count} of ${total}`),
        ),
      );
  }
  return { text: `${name}: ${summary.join('; ')}`, blocks };
}

// --- the organisation -------------------------------------------------------------------------

function organisationMessage(org: OrganisationStanding, views: ScorecardViews): SlackMessage {
  const blocks: Block[] = [header('Scorecards')];
  if (!org.perScorecard.length) blocks.push(section('_No scorecards are loaded._'));
  const summary: string[] = [];
  for (const { scorecard, counts } of org.perScorecard) {
    const line = counts.map((c) => `${c.level ?? 'no level'} ${c.count}`).join(' · ');
    summary.push(`${scorecard.title}: ${line}`);
    blocks.push(
      section(
        `${bold(escapeMrkdwn(scorecard.title))}\n${counts.map((c) => `${bold(escapeMrkdwn(c.level ?? 'No level yet'))} ${c.count}`).join(' · ')}`,
      ),
    );
  }
  if (org.mostFailing.length)
    blocks.push(
      listSection(
        bold('Checks failing most'),
        org.mostFailing.map(
          (f) => `${escapeMrkdwn(f.check.title)} · ${f.count} · _${escapeMrkdwn(f.scorecard.title)}_`,
        ),
      ),
    );
  blocks.push(
    listSection(
      bold('Biggest movers this week'),
      org.movers.map(
        (m) =>
          `${m.levelIndex > m.beforeIndex ? ':arrow_up:' : ':arrow_down:'} ${bold(escapeMrkdwn(refName(m.entityRef)))}: ${escapeMrkdwn(m.beforeLevel ?? 'no level')} → ${escapeMrkdwn(m.level ?? 'no level')} · _${escapeMrkdwn(m.scorecard.title)}_`,
      ),
      { empty: '_No level changed this week._' },
    ),
  );
  if (views.problems.length)
    blocks.push(
      context(
        `:warning: ${views.problems.length} scorecard problem${views.problems.length === 1 ? '' : 's'}: see \`/callboard status\`.`,
      ),
    );
  return { text: `Scorecards: ${summary.join('; ')}`, blocks, share: { command: 'scorecard', text: '' } };
}

/** `component:default/payments` → `payments` (the namespace when it is not the default). */
function refName(ref: string): string {
  const [, rest = ref] = ref.split(':');
  return rest.startsWith('default/') ? rest.slice('default/'.length) : rest;
}

const open: CommandAction = { id: OPEN_SCORECARD, handle: answerFor };

export const scorecard: SlashCommand = {
  name: 'scorecard',
  description:
    'How a service, a team or the whole organisation measures up to the scorecards: levels, failing checks and how to fix them.',
  usageHint: '[service, team or @person]',
  examples: ['/scorecard payments', '/scorecard payments-team', '/scorecard'],
  handle,
  actions: [open],
};
