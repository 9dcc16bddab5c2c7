// How /service, /owner and /oncall find what they were asked about: a person first (a mention, a
// catalog user or an email), else a catalog entity, with did-you-mean for several close matches and
// the others offered as a row of buttons under the answer.
import type { CommandContext, SlackMessage } from '../../src/slack/index.js';
import { answerEntity, type EntityAnswer } from '../shared/entity-answer.js';
import { findPerson, personNotFound } from './find-person.js';
import { personMessage } from './person-message.js';

export interface PersonOrEntityAnswer extends EntityAnswer {
  /** The command asked, for the person card's wording. */
  command: 'service' | 'owner' | 'oncall';
}

export async function answerPersonOrEntity(
  words: string,
  ctx: CommandContext,
  how: PersonOrEntityAnswer,
): Promise<SlackMessage> {
  const person = await findPerson(words, ctx);
  if (person && 'problem' in person) return personNotFound(person.problem);
  if (person) return personMessage(person.ref, ctx, how.command);
  return answerEntity(words, ctx, how);
}
