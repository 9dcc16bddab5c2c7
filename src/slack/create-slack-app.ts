// The Bolt app: one set of listeners behind whichever receiver the configuration calls for.
//   SLACK_SIGNING_SECRET  -> HTTP on /slack/events (Bolt verifies each request's signature)
//   SLACK_APP_TOKEN       -> Socket Mode (no public URL)
//   neither               -> local only: `callboard ask` and the playground
// Extra routes (/healthz, /readyz, /github/webhook) are served on the same port in every mode.
// Nothing here is kept in process memory that replicas could disagree on: conversation state is
// off, and Slack user ids and handled event ids live in the store.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, SocketModeReceiver, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ScorecardViews } from '../scorecards/scorecard-views.js';
import type { OnCallDirectory } from '../oncall/index.js';
import type { Portal } from '../portal/index.js';
import { describeDbError, type CatalogStore, type Stores } from '../store/index.js';
import { registerActions } from './action-listeners.js';
import { boltLogger } from './bolt-logger.js';
import type { HomeTab, SlashCommand } from './command.js';
import { registerCommands } from './command-listeners.js';
import { GuardedHTTPReceiver, ARRIVED_AT } from './guarded-http-receiver.js';
import { healthRoute, readyRoute, type ReadinessChecks } from './health-route.js';
import { metricsRoute } from './metrics-route.js';
import { registerHome } from './home-listener.js';
import type { ListenerModule } from './listener-module.js';
import { LocalAsker, type LocalAnswer, type LocalUser } from './local-asker.js';
import { LocalReceiver } from './local-receiver.js';
import { skipRepeatedEvents, sweepProcessedEvents } from './processed-events.js';
import { emptyRegistry, type Registry } from './registry.js';
import { createSlackUserIdLookup } from './slack-user-ids.js';

export type SlackMode = 'http' | 'socket' | 'local';

export interface SlackAppOptions {
  config: Pick<Config, 'slack' | 'port'>;
  portal: Portal;
  /** The catalog (for /readyz) and what Slack told us (user ids, handled event ids). */
  stores: Pick<Stores, 'catalog' | 'slackCache'>;
  /** Every slash command to serve (the entry point hands in commands/). */
  commands: readonly SlashCommand[];
  /** Commands and modals that wire their own listeners (/create, paging); their commands are listed in help. */
  listeners?: readonly ListenerModule[];
  /** The App Home tab; without it, app_home_opened is not listened for. */
  home?: HomeTab;
  logger: Logger;
  /** More routes on the same port, e.g. POST /github/webhook. */
  routes?: CustomRoute[];
  /**
   * Answers ready within this many ms of their request's arrival ride in the acknowledgement
   * (default 2000; Slack allows 3000).
   */
  ackBudgetMs?: number;
  /** Serve no Slack connection even when one is configured (`callboard ask`). */
  localOnly?: boolean;
  /**
   * Local mode only: a Slack Web API stand-in (the playground's) for modals and App Home, which
   * then open there as they would in Slack. People are still shown by name: it knows no one.
   */
  localWebApiUrl?: string;
  /** What /readyz checks besides the database (e.g. that the search index is loaded). */
  readiness?: ReadinessChecks;
  /** The clock (ms) that request arrivals and acknowledgement deadlines are measured on. */
  now?: () => number;
  /** Live on-call for /owner, /oncall, person cards and App Home. */
  onCall?: OnCallDirectory;
  /** Scorecard levels for /scorecard, the /service card and App Home. */
  scorecards?: ScorecardViews;
  /** Problems with /create's setup (action modules that could not be loaded), shown by status. */
  scaffoldProblems?: readonly string[];
  /** Counts answers and serves GET /metrics on the same port. */
  metrics?: Metrics;
}

export interface SlackApp {
  app: App;
  mode: SlackMode;
  /** The commands, events and action ids the app listens for (the manifest must declare them). */
  registered: Registry;
  /** Starts listening: HTTP (/slack/events and routes), Socket Mode, or routes only. */
  start(): Promise<{ port?: number }>;
  /** Stops taking requests, then waits for the answers already under way. */
  stop(): Promise<void>;
  /** A slash command line, answered by the same listeners Slack reaches. */
  ask(commandLine: string, who?: LocalUser): Promise<LocalAnswer>;
  /** Presses a button of an earlier answer. */
  press(
    element: { action_id: string; value?: string },
    who?: LocalUser & { inSharedMessage?: boolean },
  ): Promise<LocalAnswer>;
  /** The local requests the playground makes: any element, a modal's submit, an external select's options, App Home. */
  local: LocalAsker;
}

const DEFAULT_ACK_BUDGET_MS = 2000;
const SLACK_API_URL = 'https://slack.com/api/';
const SLACK_CALL_TIMEOUT_MS = 5000;

export async function createSlackApp(options: SlackAppOptions): Promise<SlackApp> {
  const { slack, port } = options.config;
  const mode: SlackMode =
    options.localOnly || !slack.botToken ? 'local' : slack.appToken ? 'socket' : slack.signingSecret ? 'http' : 'local';
  const logger = options.logger.child({ component: 'slack', mode });
  const bolt = boltLogger(options.logger);
  const localWebApi = mode === 'local' ? options.localWebApiUrl : undefined;
  const slackApiUrl = localWebApi ?? (slack.apiUrl ? `${slack.apiUrl.replace(/\/+$/, '')}/` : SLACK_API_URL);
  const now = options.now ?? Date.now;
  const readiness: ReadinessChecks = { database: () => databaseAnswers(options.stores.catalog), ...options.readiness };
  const routes = [
    healthRoute(),
    readyRoute(readiness),
    ...(options.metrics ? [metricsRoute(options.metrics)] : []),
    ...(options.routes ?? []),
  ];

  const receiver: Receiver =
    mode === 'http'
      ? new GuardedHTTPReceiver({
          signingSecret: slack.signingSecret!,
          endpoints: '/slack/events',
          customRoutes: routes,
          logger: bolt,
          log: logger,
          now,
        })
      : mode === 'socket'
        ? new SocketModeReceiver({
            appToken: slack.appToken!,
            customRoutes: routes,
            logger: bolt,
            installerOptions: { port, clientOptions: { slackApiUrl } },
            // A Socket Mode envelope is handed to the app as it arrives: its arrival is now.
            customPropertiesExtractor: () => ({ [ARRIVED_AT]: now() }),
          })
        : new LocalReceiver(routes);

  const app = new App({
    receiver,
    ...(slack.botToken ? { token: slack.botToken } : { authorize: async () => ({}) }),
    convoStore: false,
    logger: bolt,
    // A hung Slack call must not hold an answer forever: give up and show names instead.
    clientOptions: {
      slackApiUrl,
      timeout: SLACK_CALL_TIMEOUT_MS,
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1000 },
    },
    deferInitialization: true,
  });
  await verifyToken(app, slackApiUrl, Boolean(slack.botToken));
  app.error(async (error) => {
    logger.error({ err: error }, 'a Slack listener failed');
  });

  const registered = emptyRegistry();
  const source = {
    portal: options.portal,
    commands: [...options.commands, ...(options.listeners ?? []).flatMap((module) => module.command ?? [])].map(
      ({ name, description, usageHint, examples }) => ({ name, description, usageHint, examples }),
    ),
    lookupSlackUserIds: createSlackUserIdLookup(options.stores.slackCache, logger),
    onCall: options.onCall,
    scorecards: options.scorecards,
    scaffoldProblems: options.scaffoldProblems,
  };
  const useWebApi = Boolean(slack.botToken);
  // Answers still being worked on after their acknowledgement: stop() lets them finish.
  const inFlight = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const work = next();
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });
  app.use(skipRepeatedEvents(options.stores.slackCache, logger));
  const ackBudgetMs = options.ackBudgetMs ?? DEFAULT_ACK_BUDGET_MS;
  registerCommands(
    app,
    options.commands,
    { ...source, logger, useWebApi, ackBudgetMs, now, metrics: options.metrics },
    registered,
  );
  // Modals and App Home need a Web API to open in: Slack's, or the playground's stand-in.
  const showsViews = useWebApi || Boolean(localWebApi);
  registerActions(app, options.commands, { ...source, logger, useWebApi, showsViews }, registered);
  if (options.home && showsViews) registerHome(app, options.home, { ...source, logger }, registered);
  for (const module of options.listeners ?? []) {
    module.register({ app, registered, slackConnected: mode !== 'local', tryOut: Boolean(localWebApi) });
  }

  const asker = new LocalAsker(app, registered);
  let stopSweep: (() => void) | undefined;
  let started = false;

  return {
    app,
    mode,
    registered,
    async start() {
      const result = await app.start(port);
      started = true;
      stopSweep = sweepProcessedEvents(options.stores.slackCache, logger);
      // Socket Mode's receiver keeps its routes server to itself: its port is the configured one.
      if (mode === 'socket') return { port: port || undefined };
      return { port: ((result as Server).address() as AddressInfo | null)?.port };
    },
    async stop() {
      stopSweep?.();
      await asker.close();
      // No new requests from here on; those already acknowledged still get their answers.
      if (started) await app.stop();
      started = false;
      await Promise.allSettled([...inFlight]);
    },
    ask: (commandLine, who) => asker.ask(commandLine, who),
    press: (element, who) => asker.press(element, who),
    local: asker,
  };
}

/** Checks the bot token once (auth.test), with a message that names the variable, never the token. */
async function verifyToken(app: App, slackApiUrl: string, hasToken: boolean): Promise<void> {
  try {
    await app.init();
  } catch (error) {
    if (!hasToken) throw error;
    const code = (error as { data?: { error?: string } }).data?.error;
    throw new Error(
      code
        ? `Slack rejected SLACK_BOT_TOKEN (${code})`
        : `could not reach Slack at ${slackApiUrl} to check SLACK_BOT_TOKEN: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** /readyz's database check: one cheap read; the error names its cause, never the connection string. */
async function databaseAnswers(store: CatalogStore): Promise<string> {
  try {
    await store.catalogVersion();
    return 'ok';
  } catch (error) {
    return `the catalog store is not answering: ${describeDbError(error)}`;
  }
}
