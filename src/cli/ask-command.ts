// `callboard ask "/owner payments"`: the answer Slack would show, as readable text, produced by
// the same Bolt app and listeners that serve Slack: the running server's, when one holds the
// embedded database, or one of its own on the store. Forwarding to a running server loads nothing
// heavy here (no database, no Bolt): the standalone path is imported only when it runs.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { catalogRoute, refusedInOneLine } from './catalog-route.js';
import type { Output } from './output.js';
import { runInServer } from './server-client.js';

export function runAsk(
  config: Config,
  commandLine: string,
  logger: () => Promise<Logger>,
  output: Output,
  command = 'ask',
): Promise<number> {
  return refusedInOneLine(command, output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') {
      return runInServer(route.holder, config.dataDir, { command: 'ask', text: commandLine }, output);
    }
    const { askStandalone } = await import('./ask-standalone.js');
    return askStandalone(config, commandLine, await logger(), output, command);
  });
}
