// Runs a command or button handler so that it always yields a message: a failure becomes a
// short apology for the user (never the error's text, which may name internals) and a log line.
import { section } from './blocks.js';
import type { SlackMessage } from './command.js';
import type { Logger } from '../log.js';

export async function answerSafely(
  what: string,
  run: () => Promise<SlackMessage>,
  logger: Logger,
  onFailure?: () => void,
): Promise<SlackMessage> {
  try {
    return await run();
  } catch (error) {
    onFailure?.();
    logger.error({ err: error, what }, 'a Slack answer failed');
    const text = `Sorry, ${what} could not be answered just now. The error has been logged; please try again shortly.`;
    return { text, blocks: [section(`:warning: ${text}`)] };
  }
}

/** The answer when it arrives within `ms`; undefined otherwise (the answer keeps running). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, ms, undefined);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
