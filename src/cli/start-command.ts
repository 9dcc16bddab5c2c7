// `callboard start`: migrate, sync the configured sources, then serve until stopped.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openGitHubSync } from './github.js';
import { syncFolders } from './local-sync.js';
import { openCallboard, type Callboard } from './open-callboard.js';
import { announceServer } from './server-lock.js';
import { startServer, type RunningServer } from './server.js';
import { summaryLine } from './sync-command.js';

export interface StartedCallboard {
  callboard: Callboard;
  server: RunningServer;
  stop(): Promise<void>;
}

/** Everything `start` runs, started: the entry point's whole composition, for tests too. */
export async function startCallboard(config: Config, logger: Logger): Promise<StartedCallboard> {
  // A first start is quiet for a while otherwise: say what it is doing, step by step.
  logger.info(config.databaseUrl
    ? 'opening Postgres (DATABASE_URL) and applying any new migrations'
    : `opening the embedded database in ${config.dataDir} (the first start creates it, which takes longest)`);
  const callboard = await openCallboard(config, logger);
  const refresh = () => { callboard.search.refresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed')); };
  if (config.catalogDirs.length) {
    logger.info(`reading ${config.catalogDirs.join(', ')} into the catalog`);
    const { summary, failures } = await syncFolders(callboard.store, config.catalogDirs, { onChanged: refresh });
    for (const failure of failures) logger.warn({ dir: failure.dir, error: failure.error }, 'catalog folder could not be read; its entities were kept');
    logger.info({ ...summary, dirs: config.catalogDirs }, summaryLine(summary, await callboard.store.problemCount()));
  }
  await callboard.search.refresh();
  logger.info(`search index holds ${callboard.search.size} entities`);

  const github = await openGitHubSync(callboard, logger);
  const server = await startServer(callboard, logger, { github });
  // The full GitHub sync runs in the background: Slack is answered from what is stored meanwhile.
  github?.sync.start();
  const withdraw = !config.databaseUrl && server.port !== undefined ? announceServer(config.dataDir, server.port) : undefined;
  return {
    callboard,
    server,
    async stop() {
      withdraw?.();
      await github?.sync.stop();
      await server.close();
      await callboard.close();
    },
  };
}

export async function runStart(config: Config, logger: Logger): Promise<number> {
  const started = await startCallboard(config, logger);
  const { server } = started;
  const where = server.port !== undefined ? `http://localhost:${server.port}` : 'Socket Mode';
  logger.info({ port: server.port, slack: server.slackMode, github: Boolean(config.github) },
    server.slackMode === 'local'
      ? `Callboard is serving on ${where}: open it for the playground, or try: npx callboard ask "/service payments"`
      : `Callboard is serving Slack (${server.slackMode}) on ${where}`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  logger.info('stopping');
  await started.stop();
  return 0;
}
