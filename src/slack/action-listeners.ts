// Buttons (and selects) on Callboard's answers. Every press is acknowledged first; the answer
// then replaces the message it came from when that message was the asker's own (ephemeral), goes
// to the presser alone when the message was shared with a channel, and fills a modal when the
// press came from App Home or a modal.
import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import { answerSafely } from './answer.js';
import { section } from './blocks.js';
import type { CommandContext, SlackMessage, SlashCommand } from './command.js';
import { commandContext, type ContextSource } from './command-context.js';
import { actionPattern, type Registry } from './registry.js';
import { messageReply, modalView, SHARE_ACTION, sharedReply } from './reply.js';

interface ActionListenerOptions extends ContextSource {
  logger: Logger;
  /** Look people up in Slack (a workspace is connected). */
  useWebApi: boolean;
  /** Answers to presses in a modal or App Home can open as views (Slack, or the playground). */
  showsViews?: boolean;
}

export function registerActions(
  app: App,
  commands: readonly SlashCommand[],
  options: ActionListenerOptions,
  registry: Registry,
): void {
  for (const command of commands) {
    for (const action of command.actions ?? []) {
      registry.actions.push(action.id);
      app.action<BlockAction>(actionPattern(action.id), async ({ ack, body, respond, client }) => {
        await ack();
        const ctx = commandContext(options, body.user.id, options.useWebApi ? client : undefined);
        const value = pressedValue(body);
        const logger = options.logger.child({ action: action.id, user: body.user.id });
        const message = await answerSafely(`that button (${command.name})`, () => action.handle(value, ctx), logger);
        await deliver(message, body, respond, options.useWebApi || options.showsViews ? client : undefined, logger);
      });
    }
  }

  registry.actions.push(SHARE_ACTION);
  app.action<BlockAction>(SHARE_ACTION, async ({ ack, body, respond, client }) => {
    await ack();
    if (!respond) return;
    const ctx = commandContext(options, body.user.id, options.useWebApi ? client : undefined);
    const logger = options.logger.child({ action: SHARE_ACTION, user: body.user.id });
    const message = await answerSafely('sharing', () => shareable(commands, pressedValue(body), ctx), logger);
    if (message.share === undefined) {
      await respond({ ...messageReply(message), replace_original: false });
      return;
    }
    await respond({ ...sharedReply(message, body.user.id), replace_original: false });
    // The asker's private copy has served its purpose once everyone can see the answer.
    await respond({ delete_original: true });
  });
}

/** The answer to share again, computed afresh so the channel sees the catalog as it is now. */
async function shareable(commands: readonly SlashCommand[], value: string, ctx: CommandContext): Promise<SlackMessage> {
  let request: { c?: unknown; t?: unknown };
  try {
    request = JSON.parse(value) as { c?: unknown; t?: unknown };
  } catch {
    request = {};
  }
  const command = commands.find((c) => c.name === request.c);
  if (!command || typeof request.t !== 'string') {
    const text = 'This answer can no longer be shared; run the command again.';
    return { text, blocks: [section(text)] };
  }
  return command.handle(request.t, ctx);
}

function pressedValue(body: BlockAction): string {
  const action = body.actions[0];
  if (action?.type === 'button') return action.value ?? '';
  if (action?.type === 'static_select') return action.selected_option?.value ?? '';
  return '';
}

async function deliver(
  message: SlackMessage,
  body: BlockAction,
  respond: RespondFn | undefined,
  client: webApi.WebClient | undefined,
  logger: Logger,
): Promise<void> {
  if (body.view) {
    if (!client) return;
    const view = modalView(message);
    if (body.view.type === 'home') await client.views.open({ trigger_id: body.trigger_id, view });
    else await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
    return;
  }
  if (!respond) {
    logger.warn('a button press came without a response_url; nothing to answer to');
    return;
  }
  const ownMessage = (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral !== false;
  await respond({ ...messageReply(message), replace_original: ownMessage });
}
