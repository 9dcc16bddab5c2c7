// `callboard ask` with no server running: opens the store, the index and the same Bolt app and
// listeners that serve Slack, answers once, and closes them.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openCallboard } from './open-callboard.js';
import { syncFoldersExclusively } from './local-sync.js';
import { createCallboardSlackApp } from './server.js';
import type { Output } from './output.js';

export async function askStandalone(
  config: Config,
  commandLine: string,
  logger: Logger,
  output: Output,
  command = 'ask',
): Promise<number> {
  // `command` names who holds the data folder's lock meanwhile (ask, or status).
  const callboard = await openCallboard(config, logger, command);
  try {
    if ((await callboard.stores.catalog.catalogVersion()) === 0) {
      // A fresh install that was never started: read the configured folders first (unless a
      // replica is doing just that: then its sync fills the catalog).
      output.err(`reading ${config.catalogDirs.join(', ')} into an empty catalog first…`);
      await syncFoldersExclusively(callboard.stores.catalog, config.catalogDirs, {
        maxFileBytes: config.catalogMaxFileBytes,
      });
    }
    await callboard.search.refresh();
    const slack = await createCallboardSlackApp(callboard, logger, { localOnly: true });
    try {
      const answer = await slack.ask(commandLine);
      output.out(answer.text || '(no answer)');
    } finally {
      await slack.stop();
    }
  } finally {
    await callboard.close();
  }
  return 0;
}
