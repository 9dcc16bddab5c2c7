// `callboard ask "/owner payments"`: the answer Slack would show, as readable text, produced by
// the same Bolt app and listeners that serve Slack: the running server's, when one holds the
// embedded database, or one of its own on the store.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { catalogRoute, refusedInOneLine } from './catalog-route.js';
import { openCallboard } from './open-callboard.js';
import { syncFolders } from './local-sync.js';
import { runInServer } from './server-client.js';
import { createCallboardSlackApp } from './server.js';
import type { Output } from './sync-command.js';

export function runAsk(
  config: Config, commandLine: string, logger: Logger, output: Output, command = 'ask',
): Promise<number> {
  return refusedInOneLine(command, output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') {
      return runInServer(route.holder, config.dataDir, { command: 'ask', text: commandLine }, output);
    }
    return askOnStore(config, commandLine, logger, output, command);
  });
}

async function askOnStore(
  config: Config, commandLine: string, logger: Logger, output: Output, command: string,
): Promise<number> {
  const callboard = await openCallboard(config, logger, command);
  try {
    if ((await callboard.store.catalogVersion()) === 0) {
      // A fresh install that was never started: read the configured folders first.
      output.err(`reading ${config.catalogDirs.join(', ')} into an empty catalog first…`);
      await syncFolders(callboard.store, config.catalogDirs);
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
