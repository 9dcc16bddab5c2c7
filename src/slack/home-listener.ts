// App Home: when someone opens the tab, publish what their teams own and how the catalog is.
// Slack shares a user's email only with the users:read.email scope; without it the tab still
// shows the catalog's health.
import type { App, webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { HomeTab } from './command.js';
import { commandContext, type ContextSource } from './command-context.js';
import type { Registry } from './registry.js';
import { homeView } from './reply.js';
import { answerSafely } from './answer.js';

export function registerHome(
  app: App,
  home: HomeTab,
  options: ContextSource & { logger: Logger },
  registry: Registry,
): void {
  registry.events.push('app_home_opened');
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const logger = options.logger.child({ event: 'app_home_opened', user: event.user });
    const ctx = commandContext(options, event.user, client);
    const email = await emailOf(client, event.user, logger);
    const message = await answerSafely(
      'App Home',
      async () => {
        const blocks = await home.render({ userId: event.user, email }, ctx);
        return { text: 'Callboard', blocks };
      },
      logger,
    );
    await client.views.publish({ user_id: event.user, view: homeView(message.blocks) });
  });
}

async function emailOf(client: webApi.WebClient, userId: string, logger: Logger): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user: userId });
    return info.user?.profile?.email || undefined;
  } catch (error) {
    logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'users.info failed; App Home shows no teams',
    );
    return undefined;
  }
}
