// One factory for the commands that answer about one entity (/service, /owner, /oncall, /docs).
// It writes what they share once: the usage line, the entity (or, first, the person) chosen from
// loose words, the open action that other matches' buttons press, the person card for a User,
// "no longer in the catalog", and Share in channel. Each command writes only its answer.
// Action ids come from the command's name (`service.open`), so a button that opens another
// command's answer names that command instead of importing its constants.
import {
  actionId,
  button,
  type Block,
  type CommandAction,
  type CommandContext,
  type CommandInfo,
  type SlackMessage,
  type SlashCommand,
} from '../../src/slack/index.js';
import type { EntityCard } from '../../src/portal/index.js';
import { findPerson, personNotFound } from '../person/find-person.js';
import { personMessage } from '../person/person-message.js';
import { answerEntity, gone } from './entity-answer.js';
import { usage } from './entity-choice.js';

/** What a one-entity command says about the entity chosen. */
export interface EntityReply {
  /** The entity's ref as the catalog holds it: Share in channel asks again with it. */
  ref: string;
  text: string;
  blocks: Block[];
}

/** A further answer about the same entity, opened by a button `detailButton` makes. */
interface EntityDetail {
  /** After the command's name in the action id: `related` answers `service.related`. */
  name: string;
  answer(ref: string, detail: string, ctx: CommandContext): Promise<EntityReply | undefined>;
}

interface EntityCommandSpec extends CommandInfo {
  /** A person asked about (a mention, a User, an email) gets their person card. */
  people: boolean;
  /** The answer about one entity; undefined when it is no longer in the catalog. */
  answer(ref: string, ctx: CommandContext): Promise<EntityReply | undefined>;
  /** When the answer is the entity's card: the same answer from a card already read (see answerEntity). */
  answerFromCard?(card: EntityCard, ctx: CommandContext): Promise<EntityReply>;
  details?: EntityDetail[];
}

interface EntityCommand extends SlashCommand {
  /** The command's answer about `ref`, as its open action gives it. */
  open(ref: string, ctx: CommandContext): Promise<SlackMessage>;
}

/** The action that opens `command`'s answer about the ref a button or menu option carries. */
export function openAction(command: string): string {
  return `${command}.open`;
}

/** A button that opens `command`'s answer about `ref` (`index` tells apart several in one message). */
export function openButton(command: string, label: string, ref: string, index = 0) {
  return button(label, actionId(openAction(command), index), ref);
}

/** A button that opens a detail of `command`'s answer about `ref` (see EntityDetail). */
export function detailButton(command: string, detail: string, label: string, ref: string, what: string, index = 0) {
  return button(label, actionId(`${command}.${detail}`, index), JSON.stringify({ r: ref, l: what }));
}

export function entityCommand(spec: EntityCommandSpec): EntityCommand {
  const { name, people } = spec;
  const finish = (ref: string, reply: EntityReply | undefined): SlackMessage =>
    reply ? { text: reply.text, blocks: reply.blocks, share: { command: name, text: reply.ref } } : gone(ref);
  const open = async (ref: string, ctx: CommandContext): Promise<SlackMessage> =>
    people && ref.startsWith('user:') ? personMessage(ref, ctx, name) : finish(ref, await spec.answer(ref, ctx));
  const { answerFromCard } = spec;
  const fromCard = answerFromCard && {
    // A person's answer is their person card, not the entity card.
    wants: (ref: string) => !(people && ref.startsWith('user:')),
    answer: async (card: EntityCard, ctx: CommandContext) => finish(card.summary.ref, await answerFromCard(card, ctx)),
  };
  const details: CommandAction[] = (spec.details ?? []).map((detail) => ({
    id: `${name}.${detail.name}`,
    async handle(value, ctx) {
      const { r: ref, l: what } = JSON.parse(value) as { r: string; l: string };
      return finish(ref, await detail.answer(ref, what, ctx));
    },
  }));
  return {
    name,
    description: spec.description,
    usageHint: spec.usageHint,
    examples: spec.examples,
    async handle(text, ctx) {
      const words = text.trim();
      if (!words) return usage(name, spec.usageHint, spec.examples[0]);
      if (people) {
        const person = await findPerson(words, ctx);
        if (person && 'problem' in person) return personNotFound(person.problem);
        if (person) return personMessage(person.ref, ctx, name);
      }
      return answerEntity(words, ctx, { openAction: openAction(name), answer: open, fromCard });
    },
    actions: [{ id: openAction(name), handle: open }, ...details],
    open,
  };
}
