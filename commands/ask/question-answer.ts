// Answers a question read by src/ownership/question-reader.ts, in plain language, from the
// catalog: who owns X, who is on call for X, what depends on X, what X depends on, what team Y
// owns, docs or runbook for X, X's scorecard (as /scorecard shows it), which services have no
// on-call, which entities have no owner. A
// question it cannot read, or a name it cannot find, gets that said and the examples it can read.
import { entityOwnerRef } from '../../src/catalog/summary.js';
import type { EntitySummary } from '../../src/portal/index.js';
import { QUESTION_EXAMPLES, readQuestion, type Question } from '../../src/ownership/question-reader.js';
import {
  bold,
  context,
  escapeMrkdwn,
  section,
  type Block,
  type CommandContext,
  type SlackMessage,
} from '../../src/slack/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { chooseEntity } from '../shared/entity-choice.js';
import { channelText, displayName } from '../shared/catalog-text.js';
import { lookUpOnCall } from '../oncall/on-call-lookup.js';
import { answerFor as scorecardAnswer } from '../scorecard.js';

/** Entities listed in one answer at most; the rest are counted. */
const MAX_LISTED = 15;
const ON_CALL_ANNOTATIONS = ['pagerduty.com/service-id', 'pagerduty.com/integration-key', 'opsgenie.com/team'];
const OWNED_KINDS = new Set(['component', 'api', 'resource', 'system', 'domain', 'template']);

export async function answerQuestion(text: string, ctx: CommandContext, store: CatalogStore): Promise<SlackMessage> {
  const question = readQuestion(text);
  switch (question.intent) {
    case 'unknown':
      return examples("I can't read that question yet.");
    case 'no-oncall':
      return withoutOnCall(store);
    case 'no-owner':
      return withoutOwner(store);
    case 'team-owns':
      return teamOwns(question.subject, ctx);
    default:
      return aboutEntity(question, ctx);
  }
}

function examples(opening: string): SlackMessage {
  const list = QUESTION_EXAMPLES.map((e) => `• ${e}`).join('\n');
  return { text: opening, blocks: [section(`${opening} Questions I can answer:\n${list}`)] };
}

async function aboutEntity(
  question: Extract<Question, { subject: string }>,
  ctx: CommandContext,
): Promise<SlackMessage> {
  const choice = await chooseEntity(ctx.portal, question.subject);
  if (choice.kind !== 'chosen') {
    const names = (choice.kind === 'ambiguous' ? choice.candidates : choice.closest).slice(0, 5);
    const hint = names.length
      ? ` Did you mean ${names.map((f) => `\`${escapeMrkdwn(f.summary.name)}\``).join(', ')}?`
      : '';
    const text =
      choice.kind === 'ambiguous'
        ? `"${escapeMrkdwn(question.subject)}" matches several things.${hint}`
        : `I found nothing called "${escapeMrkdwn(question.subject)}" in the catalog.${hint}`;
    return { text, blocks: [section(text)] };
  }
  const subject = choice.chosen.summary;
  const name = bold(displayName(subject));
  switch (question.intent) {
    case 'owner': {
      const view = await ctx.portal.owner(subject.ref);
      const team = view?.team;
      if (team) {
        const channel = channelText(team.slackChannel);
        return plain(`${name} is owned by ${bold(displayName(team))}${channel ? ` (${channel})` : ''}.`);
      }
      if (view?.members.length === 1)
        return plain(`${name} is owned by ${bold(view.members[0].displayName ?? view.members[0].name)}.`);
      if (view?.unresolvedOwner)
        return plain(`${name} names ${escapeMrkdwn(view.unresolvedOwner)} as its owner, which is not in the catalog.`);
      return plain(`${name} has no owner in the catalog.`);
    }
    case 'oncall': {
      const onCall = await lookUpOnCall(ctx, subject.ref);
      if (!onCall.answers)
        return plain(
          `Live on-call is not set up here: \`/owner ${escapeMrkdwn(subject.name)}\` shows the team's on-call links.`,
        );
      const now = onCall.answers.flatMap((a) => a.roster?.now.filter((s) => s.level === 1) ?? []);
      if (!now.length) return plain(`Nobody on call for ${name} is known right now (no PagerDuty or Opsgenie answer).`);
      const people = [
        ...new Set(
          now.map((s) => {
            const id = s.person.email ? onCall.ids.get(s.person.email.toLowerCase()) : undefined;
            return id ? `<@${id}>` : escapeMrkdwn(s.person.name);
          }),
        ),
      ];
      return plain(`On call for ${name} now: ${people.join(', ')}.`);
    }
    case 'dependents':
    case 'dependencies': {
      const card = await ctx.portal.card(subject.ref);
      const list =
        question.intent === 'dependents'
          ? (card?.dependencyOf ?? [])
          : [...(card?.dependsOn ?? []), ...(card?.consumesApis ?? [])];
      if (!list.length)
        return plain(
          question.intent === 'dependents'
            ? `Nothing in the catalog depends on ${name}.`
            : `${name} depends on nothing in the catalog.`,
        );
      const opening = question.intent === 'dependents' ? `What depends on ${name}:` : `${name} depends on:`;
      return listed(opening, list);
    }
    case 'scorecard': {
      const { share: _share, ...answer } = await scorecardAnswer(subject.ref, ctx);
      return answer;
    }
    case 'docs': {
      const docs = await ctx.portal.docs(subject.ref);
      const links = docs?.links ?? [];
      if (!links.length) return plain(`${name} lists no docs or runbook in the catalog.`);
      return plain(
        `Docs for ${name}:\n${links
          .slice(0, 8)
          .map((l) => `• <${l.url}|${escapeMrkdwn(l.title)}>`)
          .join('\n')}`,
      );
    }
    default:
      return examples("I can't read that question yet.");
  }
}

async function teamOwns(subject: string, ctx: CommandContext): Promise<SlackMessage> {
  const [group] = await ctx.portal.find(subject, { kinds: ['group'], limit: 1 });
  if (!group) return plain(`I found no team called "${escapeMrkdwn(subject)}" in the catalog.`);
  const view = await ctx.portal.owner(group.summary.ref);
  const owns = view?.owns ?? [];
  if (!owns.length) return plain(`${bold(displayName(group.summary))} owns nothing in the catalog.`);
  return listed(`${bold(displayName(group.summary))} owns:`, owns);
}

async function withoutOnCall(store: CatalogStore): Promise<SlackMessage> {
  const [components, groups] = await Promise.all([
    store.listEntities({ kind: 'component' }),
    store.listEntities({ kind: 'group' }),
  ]);
  const groupsWithOnCall = new Set(groups.filter((g) => hasOnCall(g.entity.metadata.annotations)).map((g) => g.ref));
  const without = components.filter((c) => {
    const owner = entityOwnerRef(c.entity);
    return !hasOnCall(c.entity.metadata.annotations) && !(owner && groupsWithOnCall.has(owner));
  });
  if (!without.length) return plain('Every component, or its owner team, names a PagerDuty or Opsgenie on-call.');
  return listed(
    'Components whose entity and owner team name no PagerDuty or Opsgenie on-call:',
    without.map(summaryOf),
  );
}

async function withoutOwner(store: CatalogStore): Promise<SlackMessage> {
  const all = await store.listEntities();
  const refs = new Set(all.map((e) => e.ref));
  const without = all.filter((e) => {
    const owner = entityOwnerRef(e.entity);
    return OWNED_KINDS.has(e.kind) && (!owner || !refs.has(owner));
  });
  if (!without.length) return plain('Every entity names an owner the catalog knows.');
  return listed('Entities with no owner, or an owner the catalog does not know:', without.map(summaryOf));
}

function hasOnCall(annotations: Record<string, string> | undefined): boolean {
  return ON_CALL_ANNOTATIONS.some((key) => annotations?.[key]?.trim());
}

function summaryOf(e: {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string | null;
}): EntitySummary {
  return { ref: e.ref, kind: e.kind, namespace: e.namespace, name: e.name, ...(e.title ? { title: e.title } : {}) };
}

function listed(opening: string, list: EntitySummary[]): SlackMessage {
  const lines = list.slice(0, MAX_LISTED).map((e) => `• ${bold(displayName(e))} _${escapeMrkdwn(e.kind)}_`);
  const blocks: Block[] = [section(`${opening}\n${lines.join('\n')}`)];
  if (list.length > MAX_LISTED) blocks.push(context(`and ${list.length - MAX_LISTED} more`));
  return { text: opening.replace(/\*/g, ''), blocks };
}

function plain(text: string): SlackMessage {
  return { text: text.replace(/\*/g, ''), blocks: [section(text)] };
}
