// `callboard start`: migrate, sync the configured sources, then serve until stopped. Several
// replicas may run against one Postgres: migrations and each kind of sync run under advisory
// locks, so they start together safely. SIGTERM (or SIGINT) stops it gracefully within 10 s.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { watchFolders, type FolderWatch } from './folder-watch.js';
import type { GitHubFactsRefresh } from '../sync/github/github-facts-refresh.js';
import { openGitHubSync } from './github.js';
import { scheduleGitHubFacts } from './github-facts.js';
import { syncFoldersExclusively } from './local-sync.js';
import { problemLine } from '../scorecards/types.js';
import { openCallboard, type Callboard } from './open-callboard.js';
import { commandRoute } from './command-endpoint.js';
import { startBackgroundWork, type BackgroundWork } from './notices-runtime.js';
import { keepServingOnFailures } from './process-guards.js';
import { startServer, type RunningServer } from './server.js';
import { summaryLine } from './sync-command.js';

/** How long a graceful stop may take before the process exits regardless. */
const SHUTDOWN_DEADLINE_MS = 10_000;

export interface StartedCallboard {
  callboard: Callboard;
  server: RunningServer;
  /** The job queue, schedules, notices and digest (other features add their jobs here). */
  background: BackgroundWork;
  /** Scorecards' GitHub facts refresh, when an organisation is configured. */
  githubFacts?: GitHubFactsRefresh;
  /** Stops taking requests, lets answers and the current sync transaction finish, closes the store. */
  stop(): Promise<void>;
}

interface StartOptions {
  /** How often CATALOG_DIRS are synced when no change was seen (watching catches the rest). */
  folderRescanMs?: number;
  /** False: do not watch CATALOG_DIRS, rely on the rescan (default true). */
  watch?: boolean;
  /**
   * Called after each sync of CATALOG_DIRS the watch or the rescan starts (whether it ran or
   * another replica held the lock), once the search index holds what was stored by then: a test
   * waits on it instead of polling.
   */
  onFolderSynced?: () => void;
}

/** Everything `start` runs, started: the entry point's whole composition, for tests too. */
export async function startCallboard(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<StartedCallboard> {
  // A first start is quiet for a while otherwise: say what it is doing, step by step.
  logger.info(
    config.databaseUrl
      ? 'opening Postgres (DATABASE_URL) and applying any new migrations'
      : `opening the embedded database in ${config.dataDir} (the first start creates it, which takes longest)`,
  );
  const callboard = await openCallboard(config, logger);
  try {
    return await serve(callboard, config, logger, options);
  } catch (error) {
    // Nothing may keep the database (and its folder's lock) after a start that failed.
    await callboard.close();
    throw error;
  }
}

async function serve(
  callboard: Callboard,
  config: Config,
  logger: Logger,
  options: StartOptions,
): Promise<StartedCallboard> {
  // The search index follows the change log alone (open-callboard.ts listens to it), as it does
  // for GitHub sync: a folder sync that changed entities is not refreshed a second time from here.
  let folders: FolderWatch | undefined;
  if (config.catalogDirs.length) {
    const dirs = config.catalogDirs;
    const syncDirs = async (initial: boolean) => {
      const result = await syncFoldersExclusively(callboard.stores.catalog, dirs, {
        maxFileBytes: config.catalogMaxFileBytes,
      });
      if (!result) {
        if (initial) logger.info({ dirs }, 'another replica is syncing the catalog folders; serving what is stored');
        return false;
      }
      const { summary, failures } = result;
      for (const { dir, error } of failures) {
        logger.warn({ dir, err: error }, 'catalog folder could not be read; its entities were kept');
      }
      // At start the summary is news; after an edit, only when something changed.
      if (initial || summary.added || summary.updated || summary.removed) {
        logger.info({ ...summary, dirs }, summaryLine(summary, await callboard.stores.catalog.problemCount()));
      }
      return true;
    };
    logger.info(`reading ${dirs.join(', ')} into the catalog`);
    await syncDirs(true);
    const { folderRescanMs: rescanMs, watch } = options;
    const { onFolderSynced } = options;
    const syncAgain = async () => {
      try {
        return await syncDirs(false);
      } finally {
        // Not awaited: the watch's next sync does not wait for the search index. ensureFresh joins
        // the change log's refresh when it is under way (or makes it, when its notice is still
        // on its way), so a test's search after the signal sees the sync's entities.
        if (onFolderSynced) void settledIndex(callboard, logger).then(onFolderSynced);
      }
    };
    folders = watchFolders(dirs, syncAgain, {
      logger,
      rescanMs,
      watch: watch === false ? false : undefined,
    });
  }
  // On embedded PGlite this process is the only one that may open the database: the other CLI
  // commands send their work to it, through a door only this machine, with the lock's token, opens.
  let token: string | undefined;
  let serving: RunningServer | undefined;
  const lock = callboard.dataDirLock;
  const routes = lock ? [commandRoute({ callboard, slack: () => serving?.slack, token: () => token, logger })] : [];
  let github: Awaited<ReturnType<typeof openGitHubSync>>;
  let server: RunningServer;
  try {
    await callboard.search.refresh();
    logger.info(`search index holds ${callboard.search.size} entities`);
    for (const problem of callboard.scoring.problems) logger.warn(`scorecard not loaded: ${problemLine(problem)}`);
    await callboard.scoring.start();
    github = await openGitHubSync(callboard, logger);
    server = await startServer(callboard, logger, { github, routes });
  } catch (error) {
    // Not serving after all (a port in use, Slack refusing the token): stop watching; the caller
    // closes the store.
    await folders?.close();
    throw error;
  }
  serving = server;
  let background: BackgroundWork;
  try {
    background = await startBackgroundWork(callboard, logger);
    if (github?.facts && config.github) await scheduleGitHubFacts(github.facts, background, config.github.factsCron);
  } catch (error) {
    await Promise.all([server.close(), folders?.close()]);
    throw error;
  }
  // The full GitHub sync runs in the background: Slack is answered from what is stored meanwhile.
  github?.sync.start();
  if (lock && server.port !== undefined) token = lock.announce(server.port).token;
  return {
    callboard,
    server,
    background,
    githubFacts: github?.facts,
    async stop() {
      token = undefined;
      // Side by side: the server stops taking requests and finishes those under way while the
      // syncs end after their current transaction. Then the store closes, which ends the
      // sessions and with them any advisory lock still held (and the data folder's lock).
      await Promise.all([
        server.close(),
        github?.sync.stop(),
        github?.facts?.stop(),
        folders?.close(),
        background.stop(),
      ]);
      await callboard.close();
    },
  };
}

/** Resolves once the search index holds the catalog's current version (or its refresh failed). */
async function settledIndex(callboard: Callboard, logger: Logger): Promise<void> {
  await callboard.search.ensureFresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed'));
  await callboard.search.settled();
}

export async function runStart(config: Config, logger: Logger): Promise<number> {
  const removeGuards = keepServingOnFailures(logger);
  let deadline: NodeJS.Timeout | undefined;
  const stopRequested = new Promise<string>((resolve) => {
    const onSignal = (signal: string) => {
      // Armed at the signal, even mid-start: the orchestrator is not kept waiting past its grace
      // period whatever hangs (every sync transaction is whole, so exiting mid-way loses nothing).
      deadline ??= setTimeout(() => {
        logger.error({ afterMs: SHUTDOWN_DEADLINE_MS }, 'could not stop gracefully in time; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      resolve(signal);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
  const started = await startCallboard(config, logger);
  const { server } = started;
  const where = server.port !== undefined ? `http://localhost:${server.port}` : 'Socket Mode';
  logger.info(
    { port: server.port, slack: server.slackMode, github: Boolean(config.github) },
    server.slackMode === 'local'
      ? `Callboard is serving on ${where}: open it for the playground, or try: node bin/callboard.js ask "/service payments"`
      : `Callboard is serving Slack (${server.slackMode}) on ${where}`,
  );
  const signal = await stopRequested;
  logger.info({ signal }, 'stopping: no new requests; finishing answers and syncs under way');
  await started.stop();
  clearTimeout(deadline);
  removeGuards();
  logger.info('stopped');
  return 0;
}
