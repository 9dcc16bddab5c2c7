// Everything `callboard start` serves on one port: Slack (HTTP or Socket Mode, or the local
// playground when no workspace is configured), /healthz, and GitHub's webhook.
import type { CustomRoute } from '@slack/bolt';
import { commands, homeTab } from '../../commands/index.js';
import type { Logger } from '../log.js';
import type { NodeRequestHandler } from '../sources/github/index.js';
import { createSlackApp, type SlackApp, type SlackMode } from '../slack/index.js';
import type { Callboard } from './open-callboard.js';
import { playgroundRoutes } from './playground.js';

export interface RunningServer {
  port?: number;
  slackMode: SlackMode;
  slack: SlackApp;
  close(): Promise<void>;
}

export async function createCallboardSlackApp(callboard: Callboard, logger: Logger, options: { localOnly?: boolean; routes?: CustomRoute[] } = {}): Promise<SlackApp> {
  return createSlackApp({
    config: callboard.config,
    portal: callboard.portal,
    store: callboard.store,
    commands,
    home: homeTab,
    logger,
    routes: options.routes,
    localOnly: options.localOnly,
  });
}

export async function startServer(callboard: Callboard, logger: Logger, options: { githubWebhook?: NodeRequestHandler } = {}): Promise<RunningServer> {
  let slack: SlackApp | undefined;
  const routes: CustomRoute[] = [];
  const webhook = options.githubWebhook;
  if (webhook) {
    routes.push({
      path: '/github/webhook',
      method: ['POST', 'GET', 'PUT'],
      handler: (req, res) => { webhook(req, res).catch((err: unknown) => { logger.error({ err }, 'GitHub webhook failed'); res.writeHead(500).end(); }); },
    });
  }
  const local = !callboard.config.slack.botToken;
  if (local) routes.push(...playgroundRoutes(() => slack!));
  slack = await createCallboardSlackApp(callboard, logger, { routes });
  const { port } = await slack.start();
  const running = slack;
  return {
    port,
    slackMode: running.mode,
    slack: running,
    close: () => running.stop(),
  };
}
