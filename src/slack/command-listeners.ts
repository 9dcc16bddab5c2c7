// Each slash command is acknowledged within Slack's 3 seconds, always: an answer ready within
// the budget rides in the acknowledgement itself; a slower one is acknowledged empty and then
// posted to the response_url.
import type { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import { answerSafely, within } from './answer.js';
import type { SlashCommand } from './command.js';
import { commandContext, type ContextSource } from './command-context.js';
import { messageReply } from './reply.js';
import type { Registry } from './registry.js';

export interface CommandListenerOptions extends ContextSource {
  logger: Logger;
  /** How long an answer may take and still ride in the acknowledgement (well under 3 s). */
  ackBudgetMs: number;
  /** False when no bot token is configured: commands then show people as plain names. */
  useWebApi: boolean;
}

export function registerCommands(app: App, commands: readonly SlashCommand[], options: CommandListenerOptions, registry: Registry): void {
  for (const command of commands) {
    const slash = `/${command.name}`;
    registry.commands.push(slash);
    app.command(slash, async ({ command: payload, ack, respond, client }) => {
      const logger = options.logger.child({ command: slash, user: payload.user_id });
      const ctx = commandContext(options, payload.user_id, options.useWebApi ? client : undefined);
      const text = payload.text.trim();
      const answer = answerSafely(`${slash} ${text}`.trim(), () => command.handle(text, ctx), logger);
      const quick = await within(answer, options.ackBudgetMs);
      if (quick) {
        await ack(messageReply(quick));
        return;
      }
      await ack();
      await respond(messageReply(await answer));
    });
  }
}
