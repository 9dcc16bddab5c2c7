// `callboard ask "/owner payments"`: the answer Slack would show, as readable text, produced by
// the same Bolt app and listeners that serve Slack. When `callboard start` holds the data folder
// the question goes to it over HTTP, and nothing heavy (database, Bolt) is loaded here at all.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { runningServer } from './server-lock.js';
import type { Output } from './sync-command.js';

export async function runAsk(
  config: Config, commandLine: string, logger: () => Promise<Logger>, output: Output,
): Promise<number> {
  const server = config.databaseUrl ? undefined : runningServer(config.dataDir);
  if (server) return askRunningServer(server.port, commandLine, output);
  const { askStandalone } = await import('./ask-standalone.js');
  return askStandalone(config, commandLine, await logger(), output);
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
