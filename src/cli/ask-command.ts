// `callboard ask "/owner payments"`: the answer Slack would show, as readable text, produced by
// the same Bolt app and listeners that serve Slack.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openCallboard } from './open-callboard.js';
import { syncFolders } from './local-sync.js';
import { createCallboardSlackApp } from './server.js';
import { runningServer } from './server-lock.js';
import type { Output } from './sync-command.js';

export async function runAsk(config: Config, commandLine: string, logger: Logger, output: Output): Promise<number> {
  const server = config.databaseUrl ? undefined : runningServer(config.dataDir);
  if (server) return askRunningServer(server.port, commandLine, output);

  const callboard = await openCallboard(config, logger);
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

async function askRunningServer(port: number, commandLine: string, output: Output): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/playground/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: commandLine }),
  });
  const body = await response.json().catch(() => ({})) as { text?: string; error?: string };
  if (response.status === 404) {
    output.err(`callboard ask: Callboard is running with Slack on port ${port} and holds the embedded database; ask in Slack, or stop it first`);
    return 1;
  }
  if (!response.ok) {
    output.err(`callboard ask: ${body.error ?? `the running server answered ${response.status}`}`);
    return 1;
  }
  output.out(body.text || '(no answer)');
  return 0;
}
