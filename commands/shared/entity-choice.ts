// From loose words to the one entity meant, or to a short did-you-mean list. Shared by every
// command that answers about one entity (/service, /owner, /docs).
import type { EntityCard, FoundEntity, Portal } from '../../src/portal/index.js';
import { type AnswerChoice, chooseAnswer, chooseMatch, closestGuesses } from '../../src/search/answer-choice.js';
import { actions, button, context, escapeMrkdwn, section } from '../../src/slack/blocks.js';
import { actionId, type Block, type SlackMessage } from '../../src/slack/command.js';
import { displayName, entityLine } from './catalog-text.js';

/** How many alternatives a did-you-mean row or list offers. */
const ALTERNATIVES = 5;
/** How many of one repository's entities a did-you-mean list offers (a monorepo may hold many). */
const REPOSITORY_CHOICES = 10;

type EntityChoice = AnswerChoice<FoundEntity>;

const scored = (hit: FoundEntity) => ({ ref: hit.summary.ref, match: hit.match, score: hit.score });

/**
 * One entity when its match is clearly better than the next (search/answer-choice.ts); several
 * close matches become a did-you-mean list, best first; weak matches, or none, say nothing
 * matches and offer the closest names. A repository's address finds the entities that live
 * there, before any search: search would match its organisation's name, confidently.
 */
export async function chooseEntity(portal: Portal, words: string): Promise<EntityChoice> {
  const byRepository = await portal.findByRepository(words);
  if (byRepository) {
    const { repository, found } = byRepository;
    if (!found.length) return { kind: 'none', closest: await closestNames(portal, repository.split('/')[1]) };
    if (found.length === 1) return { kind: 'chosen', chosen: found[0], others: [] };
    return { kind: 'ambiguous', candidates: found.slice(0, REPOSITORY_CHOICES) };
  }
  return chooseMatch(words, (query, limit) => portal.find(query, { limit }), scored, ALTERNATIVES);
}

/** A card opened outright, with the other matches chooseEntity offers under it. */
export interface OpenedCard {
  chosen: FoundEntity;
  others: FoundEntity[];
  card: EntityCard;
}

/**
 * chooseEntity's choice when it opens one entity outright, made on the search's hits before any
 * database read, then that entity's card and the hits' summaries read at once (a card waited
 * on two round trips in sequence; on Postgres the two now run side by side). `wants` says whether the answer about the ref chosen is
 * its card. Undefined whenever chooseEntity could choose differently: words that may be a
 * repository's address, no clear answer, an answer that is not a card, or a hit no longer in the
 * catalog (chooseEntity chooses without it).
 */
export async function openCardOutright(
  portal: Portal,
  words: string,
  wants: (ref: string) => boolean,
): Promise<OpenedCard | undefined> {
  if (portal.namesRepository(words)) return undefined;
  const hits = await portal.searchHits(words, { limit: ALTERNATIVES + 1 });
  const choice = chooseAnswer(hits, (hit) => hit, ALTERNATIVES);
  if (choice.kind !== 'chosen' || !wants(choice.chosen.ref)) return undefined;
  const read = await portal.cardWithHits(choice.chosen.ref, hits);
  if (!read || read.found.length !== hits.length) return undefined;
  const [chosen, ...others] = [choice.chosen, ...choice.others].map(
    (hit) => read.found.find((found) => found.summary.ref === hit.ref)!,
  );
  return { chosen, others, card: read.card };
}

/** The closest names to `words`, offered when nothing matches them. */
function closestNames(portal: Portal, words: string): Promise<FoundEntity[]> {
  return closestGuesses(words, (query, limit) => portal.find(query, { limit }), scored, ALTERNATIVES);
}

/** "Not what you meant?" and a button for each other match, under an answer. */
export function alternativesRow(others: FoundEntity[], openAction: string): Block[] {
  if (!others.length) return [];
  return [
    context('Not what you meant?'),
    ...actions(
      others.map((hit, i) =>
        button(`${displayName(hit.summary)} (${hit.summary.kind})`, actionId(openAction, i), hit.summary.ref),
      ),
      'alternatives',
    ),
  ];
}

/** Several plausible matches, each with a button that opens it. */
export function didYouMean(words: string, candidates: FoundEntity[], openAction: string): SlackMessage {
  const text = `Several entries match “${words}”. Did you mean one of these?`;
  return {
    text,
    blocks: [
      section(escapeMrkdwn(text)),
      ...candidates.map((hit, i) =>
        section(entityLine(hit.summary), button('Open', actionId(openAction, i), hit.summary.ref)),
      ),
    ],
  };
}

/** Nothing matched: say so, and offer the closest names there are. */
export function notFound(words: string, closest: FoundEntity[], what: string, openAction: string): SlackMessage {
  const text = closest.length
    ? `No ${what} matches “${words}”. The closest names in the catalog:`
    : `No ${what} matches “${words}”, and nothing in the catalog comes close. Try \`/callboard search ${words}\`.`;
  const blocks: Block[] = [section(`:mag: ${escapeMrkdwn(text)}`)];
  if (closest.length) {
    blocks.push(
      ...closest.map((hit, i) =>
        section(`${entityLine(hit.summary)}`, button('Open', actionId(openAction, i), hit.summary.ref)),
      ),
    );
  }
  return { text, blocks };
}

/** A usage line for a command typed without words. */
export function usage(command: string, hint: string, example: string): SlackMessage {
  const text = `Usage: /${command} ${hint} (for example \`${example}\`).`;
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
