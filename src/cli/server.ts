// Everything `callboard start` serves on one port: Slack (HTTP or Socket Mode, or the local
// playground when no workspace is configured), /healthz, /readyz, and GitHub's webhook.
import type { CustomRoute } from '@slack/bolt';
import { commands, homeTab } from '../../commands/index.js';
import { registerCreate } from '../../commands/create.js';
import { registerPaging } from '../../commands/oncall/paging-listeners.js';
import type { Logger } from '../log.js';
import { createOnCall } from '../oncall/index.js';
import { createScaffolder } from '../scaffold/create-scaffolder.js';
import type { GitHubSyncSetup } from '../sources/github/index.js';
import { createSlackApp, type SlackApp, type SlackMode } from '../slack/index.js';
import type { Callboard } from './open-callboard.js';
import { playgroundRoutes } from './playground.js';

export interface RunningServer {
  port?: number;
  slackMode: SlackMode;
  slack: SlackApp;
  close(): Promise<void>;
}

export interface CallboardSlackOptions {
  localOnly?: boolean;
  routes?: CustomRoute[];
  /** The organisation /create publishes to; without it templates can be tried but not published. */
  github?: GitHubSyncSetup;
}

/** The Bolt app with every command, /create's modals included; stop() waits for running tasks. */
export async function createCallboardSlackApp(callboard: Callboard, logger: Logger, options: CallboardSlackOptions = {}): Promise<SlackApp> {
  const { config, store, portal, search } = callboard;
  const onCall = createOnCall(config.onCall, logger);
  const slack = await createSlackApp({
    config: callboard.config,
    portal: callboard.portal,
    store: callboard.store,
    commands,
    home: homeTab,
    logger,
    routes: options.routes,
    localOnly: options.localOnly,
    // The database is checked by the Slack app itself; answers also need the index in memory.
    readiness: {
      searchIndex: async () => (search.indexedVersion === undefined ? 'the search index is not loaded yet' : 'ok'),
    },
    onCall: onCall.directory,
  });
  const connection = options.github?.source.connection;
  const scaffolder = createScaffolder({
    store,
    settings: config.scaffold,
    github: connection && config.github ? { octokit: connection.octokit, org: config.github.org, apiUrl: config.github.apiUrl } : undefined,
    onCatalogChanged: () => { search.refresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed')); },
    logger,
  });
  registerCreate(slack.app, slack.registered, { scaffolder, portal, store, logger, slackConnected: slack.mode !== 'local' });
  registerPaging(slack.app, slack.registered, { portal, store, pager: onCall.pager, logger });
  const stop = slack.stop.bind(slack);
  return {
    ...slack,
    async stop() {
      // A repository half-created when the process stops would be an orphan: let tasks finish.
      await scaffolder.tasks.idle();
      await stop();
    },
  };
}

export async function startServer(callboard: Callboard, logger: Logger, options: { github?: GitHubSyncSetup } = {}): Promise<RunningServer> {
  let slack: SlackApp | undefined;
  const routes: CustomRoute[] = [];
  const webhook = options.github?.webhookHandler;
  if (webhook) {
    routes.push({
      path: '/github/webhook',
      method: ['POST', 'GET', 'PUT'],
      handler: (req, res) => { webhook(req, res).catch((err: unknown) => { logger.error({ err }, 'GitHub webhook failed'); res.writeHead(500).end(); }); },
    });
  }
  const local = !callboard.config.slack.botToken;
  if (local) routes.push(...playgroundRoutes(() => slack!));
  slack = await createCallboardSlackApp(callboard, logger, { routes, github: options.github });
  const { port } = await slack.start();
  const running = slack;
  return {
    port,
    slackMode: running.mode,
    slack: running,
    close: () => running.stop(),
  };
}
