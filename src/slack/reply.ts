// Turns a command's answer into what Slack is sent: a slash command reply or response_url post
// (ephemeral unless shared), or a modal. Every path ends in fitBlocks, so no answer can exceed
// Slack's block limits, whatever a command produced.
import type { types as SlackTypes } from '@slack/bolt';
import { actions, button, context, fitBlocks, SLACK_LIMITS, truncate } from './blocks.js';
import { ANSWER_ACTIONS, type Block, type SlackMessage } from './command.js';

export const SHARE_ACTION = 'callboard.share';

interface MessageReply {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: Block[];
  replace_original?: boolean;
}

/** A reply for a message surface. `shareable`: add "Share in channel" when the answer offers it. */
export function messageReply(
  message: SlackMessage,
  options: { responseType?: 'ephemeral' | 'in_channel'; shareable?: boolean } = {},
): MessageReply {
  const responseType = options.responseType ?? 'ephemeral';
  let blocks = message.blocks;
  if (options.shareable !== false && responseType === 'ephemeral' && message.share) {
    blocks = withButton(
      blocks,
      button('Share in channel', SHARE_ACTION, JSON.stringify({ c: message.share.command, t: message.share.text })),
    );
  }
  return {
    response_type: responseType,
    text: truncate(message.text, SLACK_LIMITS.messageText),
    blocks: fitBlocks(blocks, SLACK_LIMITS.messageBlocks),
  };
}

/** The same answer for everyone in the channel, saying who shared it. */
export function sharedReply(message: SlackMessage, sharedBy: string): MessageReply {
  return messageReply(
    { ...message, blocks: [...message.blocks, context(`Shared by <@${sharedBy}>`)] },
    { responseType: 'in_channel', shareable: false },
  );
}

export function modalView(message: SlackMessage): SlackTypes.ModalView {
  return {
    type: 'modal',
    title: { type: 'plain_text', text: truncate('Callboard', SLACK_LIMITS.modalTitle) },
    close: { type: 'plain_text', text: 'Close' },
    blocks: fitBlocks(message.blocks, SLACK_LIMITS.viewBlocks),
  };
}

export function homeView(blocks: Block[]): SlackTypes.HomeView {
  return { type: 'home', blocks: fitBlocks(blocks, SLACK_LIMITS.viewBlocks) };
}

/** Adds a button to the answer's main row when it has room, else in a row of its own at the end. */
function withButton(blocks: Block[], element: SlackTypes.Button): Block[] {
  const at = blocks.findIndex(
    (b) => b.type === 'actions' && b.block_id === ANSWER_ACTIONS && b.elements.length < SLACK_LIMITS.actionsElements,
  );
  if (at < 0) return [...blocks, ...actions([element])];
  const row = blocks[at] as SlackTypes.ActionsBlock;
  return [...blocks.slice(0, at), { ...row, elements: [...row.elements, element] }, ...blocks.slice(at + 1)];
}
