// How the commands that answer about one entity (/service, /owner, /oncall, /docs) go from loose
// words to their answer: the entity chosen, with the other matches as a row of buttons under it;
// a did-you-mean list when several match as well; the closest names when nothing matches.
import { escapeMrkdwn, section, type CommandContext, type SlackMessage } from '../../src/slack/index.js';
import type { EntityCard, FoundEntity } from '../../src/portal/index.js';
import { alternativesRow, chooseEntity, didYouMean, notFound, openCardOutright } from './entity-choice.js';

interface EntityAnswer {
  /** The action that opens one of the other matches with this same command. */
  openAction: string;
  /** The answer about the entity chosen. */
  answer: (ref: string, ctx: CommandContext) => Promise<SlackMessage>;
  /**
   * For a command whose answer is the entity's card (/service): the same answer from a card
   * already read, and which refs it answers with their card. A card opened outright is then read
   * at the same time as the other matches' summaries, not after them.
   */
  fromCard?: {
    wants: (ref: string) => boolean;
    answer: (card: EntityCard, ctx: CommandContext) => Promise<SlackMessage>;
  };
}

export async function answerEntity(words: string, ctx: CommandContext, how: EntityAnswer): Promise<SlackMessage> {
  const opened = how.fromCard && (await openCardOutright(ctx.portal, words, how.fromCard.wants));
  if (opened && how.fromCard) {
    return withAlternatives(words, opened.chosen, opened.others, await how.fromCard.answer(opened.card, ctx), how);
  }
  const choice = await chooseEntity(ctx.portal, words);
  if (choice.kind === 'none') return notFound(words, choice.closest, 'entry', how.openAction);
  if (choice.kind === 'ambiguous') return didYouMean(words, choice.candidates, how.openAction);
  return withAlternatives(words, choice.chosen, choice.others, await how.answer(choice.chosen.summary.ref, ctx), how);
}

function withAlternatives(
  words: string,
  chosen: FoundEntity,
  others: FoundEntity[],
  message: SlackMessage,
  how: EntityAnswer,
): SlackMessage {
  // Asked by its full ref (as "Share in channel" asks again), the entity was named outright:
  // nothing else was meant, so the shared copy offers no alternatives.
  if (words.trim().toLowerCase() === chosen.summary.ref.toLowerCase()) return message;
  return { ...message, blocks: [...message.blocks, ...alternativesRow(others, how.openAction)] };
}

/** `ref` was removed from the catalog (a button pressed after a sync, or a stale search hit). */
export function gone(ref: string): SlackMessage {
  const text = `${ref} is no longer in the catalog.`;
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
