// `callboard start`: migrate, sync the configured sources, then serve until stopped.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openGitHubSync } from './github.js';
import { syncFolders } from './local-sync.js';
import { openCallboard, type Callboard } from './open-callboard.js';
import { commandRoute } from './command-endpoint.js';
import { startServer, type RunningServer } from './server.js';
import { summaryLine } from './sync-command.js';

export interface StartedCallboard {
  callboard: Callboard;
  server: RunningServer;
  stop(): Promise<void>;
}

/** Everything `start` runs, started: the entry point's whole composition, for tests too. */
export async function startCallboard(config: Config, logger: Logger): Promise<StartedCallboard> {
  const callboard = await openCallboard(config, logger);
  try {
    return await serve(callboard, config, logger);
  } catch (error) {
    // Nothing may keep the database (and its folder's lock) after a start that failed.
    await callboard.close();
    throw error;
  }
}

async function serve(callboard: Callboard, config: Config, logger: Logger): Promise<StartedCallboard> {
  const refresh = () => { callboard.search.refresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed')); };
  if (config.catalogDirs.length) {
    const { summary, failures } = await syncFolders(callboard.store, config.catalogDirs, { onChanged: refresh });
    for (const failure of failures) logger.warn({ dir: failure.dir, error: failure.error }, 'catalog folder could not be read; its entities were kept');
    logger.info({ ...summary, dirs: config.catalogDirs }, summaryLine(summary, await callboard.store.problemCount()));
  }
  await callboard.search.refresh();

  const github = await openGitHubSync(callboard, logger);
  // On embedded PGlite this process is the only one that may open the database: the other CLI
  // commands send their work to it, through a door only this machine, with the lock's token, opens.
  let token: string | undefined;
  let server: RunningServer | undefined;
  const lock = callboard.dataDirLock;
  const routes = lock ? [commandRoute({ callboard, slack: () => server?.slack, token: () => token, logger })] : [];
  server = await startServer(callboard, logger, { github, routes });
  // The full GitHub sync runs in the background: Slack is answered from what is stored meanwhile.
  github?.sync.start();
  if (lock && server.port !== undefined) token = lock.announce(server.port).token;
  const running = server;
  return {
    callboard,
    server: running,
    async stop() {
      token = undefined;
      await github?.sync.stop();
      await running.close();
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
