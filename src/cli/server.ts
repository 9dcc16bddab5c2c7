// Everything `callboard start` serves on one port: Slack (HTTP or Socket Mode, or the local
// playground when no workspace is configured), /healthz, /readyz, and GitHub's webhook.
import type { CustomRoute } from '@slack/bolt';
import { commands as allCommands, homeTab, listenerModules } from '../../commands/index.js';
import type { Logger } from '../log.js';
import { createOnCall, type OnCall } from '../oncall/index.js';
import { CatalogRules } from '../catalog/catalog-rules.js';
import { createScaffolder, type Scaffolder } from '../scaffold/create-scaffolder.js';
import { describeModuleProblem, loadActionModules } from '../scaffold/actions/custom/load-action-modules.js';
import { ScorecardViews } from '../scorecards/scorecard-views.js';
import type { GitHubConnection } from '../sources/github/index.js';
import type { GitHubSyncSetup } from '../sync/github/index.js';
import { createSlackApp, type SlackApp, type SlackMode, type SlashCommand } from '../slack/index.js';
import type { Callboard } from './open-callboard.js';
import { playgroundRoutes } from '../playground/playground-routes.js';
import { PlaygroundWebApi } from '../playground/playground-web-api.js';

export interface RunningServer {
  port?: number;
  slackMode: SlackMode;
  slack: SlackApp;
  close(): Promise<void>;
}

interface CallboardSlackOptions {
  localOnly?: boolean;
  routes?: CustomRoute[];
  /**
   * The connection to config.github's organisation that /create publishes with; without it,
   * templates can be tried but not published.
   */
  github?: GitHubConnection;
  /** The playground's Slack Web API stand-in: modals and App Home open there, and /create ends in a dry run. */
  playgroundWebApiUrl?: string;
  /** The slash commands served; default: every command in commands/ (tests add their own). */
  commands?: readonly SlashCommand[];
  /** Live on-call and paging; default: the providers config.onCall names. */
  onCall?: OnCall;
  /** How long an answer may take to ride in the acknowledgement (default: createSlackApp's). */
  ackBudgetMs?: number;
  /**
   * Recover /create requests whose process died (their lease ran out), now and as long as the app
   * runs: what a serving replica does. One-shot commands (ask, status) leave them alone.
   */
  recoverTasks?: boolean;
}

/** The Bolt app and the scaffolder behind /create; stop() waits for running tasks. */
export type CallboardSlackApp = SlackApp & { scaffolder: Scaffolder };

/** The Bolt app with every command, /create's modals and paging included: `start`, `ask` and tests build it here. */
export async function createCallboardSlackApp(
  callboard: Callboard,
  logger: Logger,
  options: CallboardSlackOptions = {},
): Promise<CallboardSlackApp> {
  const { config, stores, portal, search } = callboard;
  const onCall =
    options.onCall ??
    callboard.onCall ??
    createOnCall(config.onCall, logger, {
      observe: (provider, outcome) => callboard.metrics.providerCalls.inc({ provider, outcome }),
    });
  const connection = options.github;
  // Custom actions load before the templates are read: a template needing one is then usable.
  const loaded = await loadActionModules(config.scaffold.actionModules ?? []);
  const scaffoldProblems = loaded.problems.map(describeModuleProblem);
  for (const problem of loaded.problems)
    logger.error({ module: problem.module }, `${describeModuleProblem(problem)}; its actions are not available`);
  for (const { module, actions } of loaded.modules)
    logger.info({ module, actions: actions.map((a) => a.id) }, 'custom template actions loaded');
  const scaffolder = createScaffolder({
    actions: loaded.registry,
    stores,
    settings: config.scaffold,
    catalogRules: new CatalogRules(config.catalogRules),
    github:
      connection && config.github
        ? { octokit: connection.octokit, org: config.github.org, apiUrl: config.github.apiUrl }
        : undefined,
    onCatalogChanged: () => {
      search.refresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed'));
    },
    logger,
  });
  const scorecards = new ScorecardViews(callboard.scoring, stores.scorecards);
  const slack = await createSlackApp({
    config,
    portal,
    stores,
    commands: options.commands ?? allCommands,
    listeners: listenerModules({
      scaffolder,
      portal,
      stores,
      pager: onCall.pager,
      onCall: onCall.directory,
      scorecards,
      unfurlDomains: config.unfurlDomains,
      logger,
    }),
    home: homeTab,
    logger,
    routes: options.routes,
    localOnly: options.localOnly,
    localWebApiUrl: options.playgroundWebApiUrl,
    ackBudgetMs: options.ackBudgetMs,
    // The database is checked by the Slack app itself; answers also need the index in memory.
    readiness: {
      searchIndex: async () => (search.indexedVersion === undefined ? 'the search index is not loaded yet' : 'ok'),
    },
    onCall: onCall.directory,
    scorecards,
    scaffoldProblems,
    metrics: callboard.metrics,
  });
  // On PGlite this process alone has the folder: a request still marked running died with an
  // earlier process. On Postgres only a request whose lease ran out is recovered.
  if (options.recoverTasks) void scaffolder.tasks.keepRecovering({ everyLease: !config.databaseUrl });
  const stop = slack.stop.bind(slack);
  return {
    ...slack,
    scaffolder,
    async stop() {
      // A repository half-created when the process stops would be an orphan: let tasks finish.
      await scaffolder.tasks.idle();
      await stop();
    },
  };
}

export async function startServer(
  callboard: Callboard,
  logger: Logger,
  options: { github?: GitHubSyncSetup; routes?: CustomRoute[] } = {},
): Promise<RunningServer> {
  let slack: SlackApp | undefined;
  const routes: CustomRoute[] = [...(options.routes ?? [])];
  const webhook = options.github?.webhookHandler;
  if (webhook) {
    routes.push({
      path: '/github/webhook',
      method: ['POST', 'GET', 'PUT'],
      handler: (req, res) => {
        webhook(req, res).catch((err: unknown) => {
          logger.error({ err }, 'GitHub webhook failed');
          res.writeHead(500).end();
        });
      },
    });
  }
  // Without Slack, the playground: its Web API stand-in is where modals and App Home open.
  const playground = callboard.config.slack.botToken ? undefined : new PlaygroundWebApi('U0LOCAL');
  const playgroundWebApiUrl = await playground?.start();
  if (playground) routes.push(...playgroundRoutes(() => slack!, playground));
  let port: number | undefined;
  try {
    slack = await createCallboardSlackApp(callboard, logger, {
      routes,
      github: options.github?.source.connection,
      playgroundWebApiUrl,
      recoverTasks: true,
    });
    ({ port } = await slack.start());
  } catch (error) {
    await slack?.stop();
    await playground?.close();
    throw error;
  }
  const running = slack;
  return {
    port,
    slackMode: running.mode,
    slack: running,
    async close() {
      await running.stop();
      await playground?.close();
    },
  };
}
