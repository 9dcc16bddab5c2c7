// How /owner and /oncall find what they were asked about: a person first (a mention, a catalog user
// or an email), else a catalog entity, with did-you-mean for several close matches and the others
// offered as a row of buttons under the answer.
import type { CommandContext, SlackMessage } from '../../src/slack/index.js';
import { alternativesRow, chooseEntity, didYouMean, notFound } from '../../src/slack/entity-choice.js';
import { findPerson, personNotFound } from './find-person.js';
import { personMessage } from './person-message.js';

export interface PersonOrEntityAnswer {
  /** The command asked, for the person card's wording. */
  command: 'owner' | 'oncall';
  /** The action that opens one of the other matches with this same command. */
  openAction: string;
  /** The answer about the entity chosen. */
  answer: (ref: string, ctx: CommandContext) => Promise<SlackMessage>;
}

export async function answerPersonOrEntity(
  words: string,
  ctx: CommandContext,
  how: PersonOrEntityAnswer,
): Promise<SlackMessage> {
  const person = await findPerson(words, ctx);
  if (person && 'problem' in person) return personNotFound(person.problem);
  if (person) return personMessage(person.ref, ctx, how.command);
  const choice = await chooseEntity(ctx.portal, words);
  if (choice.kind === 'none') return notFound(words, choice.closest, 'entry', how.openAction);
  if (choice.kind === 'ambiguous') return didYouMean(words, choice.candidates, how.openAction);
  const message = await how.answer(choice.chosen.summary.ref, ctx);
  return { ...message, blocks: [...message.blocks, ...alternativesRow(choice.others, how.openAction)] };
}
