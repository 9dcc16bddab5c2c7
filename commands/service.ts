// /service <words>: the entity card. What it is, who owns it (with their channel), where it sits
// (system, domain), its APIs and dependencies, its repository, docs and tags; buttons show the
// full lists in place. A person gets their person card instead.
import type { EntityCard, EntitySummary, Portal } from '../src/portal/index.js';
import type { ScorecardViews } from '../src/scorecards/scorecard-views.js';
import {
  actionId,
  actions,
  ANSWER_ACTIONS,
  bold,
  context,
  escapeMrkdwn,
  fieldSections,
  header,
  inlineList,
  link,
  listSection,
  section,
  select,
  truncate,
  type Block,
  type CommandContext,
} from '../src/slack/index.js';
import { counted, displayName, entityLine, kindLine, personText, teamText } from './shared/catalog-text.js';
import { detailButton, entityCommand, openAction, openButton, type EntityReply } from './shared/entity-command.js';

/** Items a card lists before pointing at the button that shows them all. */
const CARD_LIST_ITEMS = 8;
/** Cut before escaping, so an escape is never cut in half. */
const DESCRIPTION_CHARS = 2800;
/** A field's 2000 characters, less its label. */
const FIELD_BUDGET = 1900;

const RELATED_LISTS = ['dependencies', 'dependents', 'apis', 'members'] as const;
type RelatedList = (typeof RELATED_LISTS)[number];

/** The card for `ref`; undefined when it has left the catalog. */
export async function cardReply(
  portal: Portal,
  ref: string,
  scorecards?: ScorecardViews,
): Promise<EntityReply | undefined> {
  const [card, scores] = await Promise.all([portal.card(ref), scorecards?.cardLines(ref) ?? []]);
  return card && cardReplyWith(card, scores);
}

/** The reply for a card already read (read with the search's other matches, see answerEntity). */
export async function cardReplyFrom(card: EntityCard, scorecards?: ScorecardViews): Promise<EntityReply> {
  return cardReplyWith(card, (await scorecards?.cardLines(card.summary.ref)) ?? []);
}

function cardReplyWith(card: EntityCard, scores: string[]): EntityReply {
  return {
    ref: card.summary.ref,
    text: `${displayName(card.summary)}: ${kindLine(card.summary)}`,
    blocks: cardBlocks(card, scores),
  };
}

/** `scores`: one line per scorecard ("Production readiness: Silver, 5 checks to Gold"). */
function cardBlocks(card: EntityCard, scores: string[]): Block[] {
  const { summary } = card;
  const owner = card.owner
    ? teamText(card.owner)
    : card.unresolvedOwner
      ? `${escapeMrkdwn(card.unresolvedOwner)} _(not in the catalog)_`
      : '_no owner_';
  const apis = [
    ...card.providesApis.map((api) => `provides ${bold(displayName(api))}`),
    ...card.consumesApis.map((api) => `consumes ${bold(displayName(api))}`),
  ];
  const blocks: Block[] = [
    header(displayName(summary)),
    section(
      summary.description
        ? escapeMrkdwn(truncate(summary.description, DESCRIPTION_CHARS))
        : '_No description in the catalog._',
    ),
    context(escapeMrkdwn(kindLine(summary)), `\`${escapeMrkdwn(summary.ref)}\``),
    ...fieldSections([
      ['Owner', owner],
      ['Lifecycle', summary.lifecycle && escapeMrkdwn(summary.lifecycle)],
      ['System', card.system && escapeMrkdwn(displayName(card.system))],
      ['Domain', card.domain && escapeMrkdwn(displayName(card.domain))],
      ['Repository', card.repoUrl && link(card.repoUrl, card.repoUrl.replace(/^https?:\/\//, ''))],
      [
        'Docs',
        card.docs.length
          ? inlineList(
              card.docs.map((d) => link(d.url, d.title)),
              FIELD_BUDGET,
            )
          : undefined,
      ],
    ]),
  ];
  if (apis.length) blocks.push(listSection(bold(counted('APIs', apis.length)), apis, { maxItems: CARD_LIST_ITEMS }));
  const related: Array<[string, EntitySummary[]]> = [
    ['Depends on', card.dependsOn],
    ['Depended on by', card.dependencyOf],
    [partsLabel(summary), card.hasPart],
  ];
  for (const [label, entities] of related) {
    if (entities.length)
      blocks.push(
        listSection(
          bold(counted(label, entities.length)),
          entities.map((e) => bold(displayName(e))),
          { maxItems: CARD_LIST_ITEMS },
        ),
      );
  }
  if (scores.length) blocks.push(context(...scores.slice(0, 10).map((line) => `:bar_chart: ${escapeMrkdwn(line)}`)));
  if (card.tags.length) blocks.push(context(card.tags.map((t) => `\`${escapeMrkdwn(t)}\``).join(' ')));
  blocks.push(...actions(relatedButtons(card), ANSWER_ACTIONS));
  return blocks;
}

function relatedButtons(card: EntityCard) {
  const ref = card.summary.ref;
  const press = (label: string, list: RelatedList) =>
    detailButton('service', 'related', label, ref, list, RELATED_LISTS.indexOf(list));
  return [
    press(counted('Dependencies', card.dependsOn.length), 'dependencies'),
    press(counted('Dependents', card.dependencyOf.length), 'dependents'),
    press(counted('APIs', card.providesApis.length + card.consumesApis.length), 'apis'),
    press('Members', 'members'),
  ];
}

function partsLabel(summary: EntitySummary): string {
  switch (summary.kind.toLowerCase()) {
    case 'group':
      return 'Members';
    case 'api':
      return 'Provided by';
    default:
      return 'Parts';
  }
}

/** A full related list in place of the card, with a way back. */
function relatedReply(ref: string, list: string, ctx: CommandContext): Promise<EntityReply | undefined> {
  return list === 'members' ? membersReply(ref, ctx) : entitiesReply(ref, list as Exclude<RelatedList, 'members'>, ctx);
}

/** The owner's people, from the owner view (which carries the subject's summary too). */
async function membersReply(ref: string, ctx: CommandContext): Promise<EntityReply | undefined> {
  const view = await ctx.portal.owner(ref);
  if (!view) return undefined;
  const name = displayName(view.subject);
  const people = view.members;
  const ids = await ctx.slackUserIds(people.flatMap((p) => (p.email ? [p.email] : [])));
  const team = view.team ? teamText(view.team) : view.unresolvedOwner ? escapeMrkdwn(view.unresolvedOwner) : undefined;
  const title = team ? `People of ${team}` : `People who own ${bold(name)}`;
  return {
    ref,
    text: `People who own ${name}: ${people.length}`,
    blocks: [
      header(`${name}: people`),
      listSection(
        `${title} (${people.length})`,
        people.map((p) => personText(p, ids)),
        { empty: '_No people in the catalog for this owner._' },
      ),
      ...backToCard(ref),
    ],
  };
}

async function entitiesReply(
  ref: string,
  list: Exclude<RelatedList, 'members'>,
  ctx: CommandContext,
): Promise<EntityReply | undefined> {
  const subject = await ctx.portal.summary(ref);
  if (!subject) return undefined;
  const name = displayName(subject);
  const sections: Array<[string, EntitySummary[]]> =
    list === 'apis'
      ? [
          ['Provides', await ctx.portal.related(ref, 'providesApi')],
          ['Consumes', await ctx.portal.related(ref, 'consumesApi')],
        ]
      : [
          [
            list === 'dependencies' ? 'Depends on' : 'Depended on by',
            await ctx.portal.related(ref, list === 'dependencies' ? 'dependsOn' : 'dependencyOf'),
          ],
        ];
  const everything = sections.flatMap(([, items]) => items);
  const picker = select(
    `Open one of the ${everything.length}…`,
    actionId(openAction('service'), 1),
    everything.map((e) => ({ label: displayName(e), value: e.ref })),
  );
  const title = list === 'apis' ? 'APIs' : list === 'dependencies' ? 'dependencies' : 'dependents';
  return {
    ref,
    text: `${name}: ${everything.length} ${title}`,
    blocks: [
      header(`${name}: ${title}`),
      ...sections.map(([label, items]) =>
        listSection(
          bold(counted(label, items.length)),
          items.map((e) => entityLine(e, 60)),
          { empty: '_none_' },
        ),
      ),
      ...(picker ? [section('Open a card:', picker)] : []),
      ...backToCard(ref),
    ],
  };
}

function backToCard(ref: string): Block[] {
  return actions([openButton('service', 'Back to card', ref)], ANSWER_ACTIONS);
}

export const service = entityCommand({
  name: 'service',
  description: 'The card of a service (or API, resource, system): owner and channel, APIs, dependencies, docs.',
  usageHint: '<name, words or repository URL>',
  examples: ['/service payments', '/service checkout api', '/service github.com/kestrel-pay/ledger'],
  people: true,
  answer: (ref, ctx) => cardReply(ctx.portal, ref, ctx.scorecards),
  answerFromCard: (card, ctx) => cardReplyFrom(card, ctx.scorecards),
  details: [{ name: 'related', answer: relatedReply }],
});
