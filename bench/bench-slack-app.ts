// The Bolt app a bench area sends signed requests to: built as `start` builds it for Slack over
// HTTP, its Web API calls answered by the Slack stand-in, listening on a free local port.
import { silentLogger } from '../src/log.js';
import { createSlackApp, type SlackAppOptions } from '../src/slack/index.js';
import type { SlackStandIn } from './slack-stand-in.js';

/** The secret every bench signs its requests with. */
export const BENCH_SIGNING_SECRET = 'bench-signing-secret';

export interface BenchSlackApp {
  /** Where Slack's signed requests go: http://127.0.0.1:<port>/slack/events. */
  url: string;
  /** Stops taking requests and waits for the answers under way. */
  stop(): Promise<void>;
}

/** Builds and starts the app; `parts` are what the area serves (portal, stores, commands, ...). */
export async function benchSlackApp(
  standIn: SlackStandIn,
  parts: Omit<SlackAppOptions, 'config' | 'logger'>,
): Promise<BenchSlackApp> {
  const slack = await createSlackApp({
    ...parts,
    config: { port: 0, slack: { botToken: 'xoxb-bench', signingSecret: BENCH_SIGNING_SECRET, apiUrl: standIn.apiUrl } },
    logger: silentLogger,
  });
  const { port } = await slack.start();
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => slack.stop() };
}
