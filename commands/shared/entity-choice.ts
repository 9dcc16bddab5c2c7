// From loose words to the one entity meant, or to a short did-you-mean list. Shared by every
// command that answers about one entity (/service, /owner, /docs).
import type { FoundEntity, Portal } from '../../src/portal/index.js';
import { actions, button, context, escapeMrkdwn, section } from '../../src/slack/blocks.js';
import { actionId, type Block, type SlackMessage } from '../../src/slack/command.js';
import { displayName, entityLine } from './catalog-text.js';

/** How many alternatives a did-you-mean row or list offers. */
const ALTERNATIVES = 5;
/** How many of one repository's entities a did-you-mean list offers (a monorepo may hold many). */
const REPOSITORY_CHOICES = 10;

export type EntityChoice =
  | { kind: 'chosen'; chosen: FoundEntity; others: FoundEntity[] }
  | { kind: 'ambiguous'; candidates: FoundEntity[] }
  | { kind: 'none'; closest: FoundEntity[] };

/**
 * One entity when the best match stands out: a strictly better score, or an equal one of a kind
 * search ranks first (a Component before a Resource of the same name). Equally good matches of
 * one kind (two `payments` components in different namespaces) become a did-you-mean list.
 * When nothing matches, the closest names there are. A repository's address finds the entities
 * that live there, before any search: search would match its organisation's name, confidently.
 */
export async function chooseEntity(portal: Portal, words: string): Promise<EntityChoice> {
  const byRepository = await portal.findByRepository(words);
  if (byRepository) {
    const { repository, found } = byRepository;
    if (!found.length) return { kind: 'none', closest: await closestNames(portal, repository.split('/')[1]) };
    if (found.length === 1) return { kind: 'chosen', chosen: found[0], others: [] };
    return { kind: 'ambiguous', candidates: found.slice(0, REPOSITORY_CHOICES) };
  }
  const hits = await portal.find(words, { limit: ALTERNATIVES + 1 });
  if (!hits.length) return { kind: 'none', closest: await closestNames(portal, words) };
  const [best, second] = hits;
  if (!second || best.score < second.score || best.summary.kind !== second.summary.kind) {
    return { kind: 'chosen', chosen: best, others: hits.slice(1, ALTERNATIVES + 1) };
  }
  return { kind: 'ambiguous', candidates: hits.slice(0, ALTERNATIVES) };
}

/**
 * Looser guesses for words that matched nothing as a whole: each word alone, then each word's
 * first three letters (a misspelling usually starts right).
 */
async function closestNames(portal: Portal, words: string): Promise<FoundEntity[]> {
  const parts = words.split(/\s+/).filter((w) => w.length >= 3);
  const attempts = [...new Set([...(parts.length > 1 ? parts : []), ...parts.map((w) => w.slice(0, 3))])];
  const found = new Map<string, FoundEntity>();
  for (const attempt of attempts) {
    for (const hit of await portal.find(attempt, { limit: ALTERNATIVES })) {
      if (found.size < ALTERNATIVES && !found.has(hit.summary.ref)) found.set(hit.summary.ref, hit);
    }
    if (found.size >= ALTERNATIVES) break;
  }
  return [...found.values()];
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
