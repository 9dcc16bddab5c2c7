// Each slash command is acknowledged within Slack's 3 seconds, always: an answer ready within
// the budget rides in the acknowledgement itself; a slower one is acknowledged empty and then
// posted to the response_url. The budget counts from the request's arrival: under a burst a
// listener may start long after its request came in, and then the time left is what counts.
import type { App } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { AnswerOutcome, Metrics } from '../metrics/metrics.js';
import { answerSafely, within } from './answer.js';
import { AnswerSlots } from './answer-slots.js';
import { section } from './blocks.js';
import type { SlackMessage, SlashCommand } from './command.js';
import { commandContext, type ContextSource } from './command-context.js';
import { ARRIVED_AT } from './guarded-http-receiver.js';
import { messageReply } from './reply.js';
import { currentRequest } from './request-scope.js';
import type { Registry } from './registry.js';

/**
 * The longest command text handed to a command. Lookups are a few words; a longer text is
 * refused before any search, whose cost grows with the query (100,000 characters once held a
 * replica for seconds).
 */
export const MAX_COMMAND_TEXT = 500;

interface CommandListenerOptions extends ContextSource {
  logger: Logger;
  /** How long after a request's arrival its answer may still ride in the acknowledgement (well under 3 s). */
  ackBudgetMs: number;
  /** False when no bot token is configured: commands then show people as plain names. */
  useWebApi: boolean;
  /** The clock (ms) arrivals were stamped with. */
  now: () => number;
  /** Counts each answer by command and outcome, with its latency and whether its ack was late. */
  metrics?: Metrics;
}

/**
 * Answers worked on at once by this process. Searching is CPU work: a burst of a hundred answers
 * started together holds the event loop until all are done, and no acknowledgement can leave
 * meanwhile, not even an empty one. Queued, the loop stays free between answers; the ones still
 * waiting when their time is up are acknowledged empty and answered through the response_url.
 */
export const CONCURRENT_ANSWERS = 4;

/** An answer still not ready after this long gives up its slot (and the asker gets an apology). */
const ANSWER_EXPIRY_MS = 20_000;

export function registerCommands(
  app: App,
  commands: readonly SlashCommand[],
  options: CommandListenerOptions,
  registry: Registry,
): void {
  const answers = new AnswerSlots(CONCURRENT_ANSWERS, ANSWER_EXPIRY_MS);
  for (const command of commands) {
    const slash = `/${command.name}`;
    registry.commands.push(slash);
    app.command(slash, async ({ command: payload, ack, respond, client, context }) => {
      const arrivedAt = typeof context[ARRIVED_AT] === 'number' ? (context[ARRIVED_AT] as number) : options.now();
      const scope = currentRequest();
      if (scope) Object.assign(scope, { command: slash, user: payload.user_id });
      const logger = options.logger.child({ command: slash, user: payload.user_id });
      const ctx = commandContext(options, payload.user_id, options.useWebApi ? client : undefined);
      const text = payload.text.trim();
      let timeLeft = options.ackBudgetMs - (options.now() - arrivedAt);
      let answer: Promise<SlackMessage>;
      let failed = false;
      if (text.length > MAX_COMMAND_TEXT) {
        answer = Promise.resolve(tooLong(slash, text.length));
      } else {
        // Behind a queue of other answers, this one will not be ready in time: acknowledge at once.
        if (answers.full) timeLeft = 0;
        const run = () => answers.run(() => command.handle(text, ctx));
        answer = answerSafely(`${slash} ${text}`.trim(), run, logger, () => {
          failed = true;
        });
      }
      const seconds = (from: number) => (options.now() - from) / 1000;
      const count = (delivery: AnswerOutcome, ackSeconds: number) => {
        const outcome = text.length > MAX_COMMAND_TEXT ? 'refused' : failed ? 'error' : delivery;
        options.metrics?.recordAnswer(slash, outcome, seconds(arrivedAt), ackSeconds);
      };
      const quick = timeLeft > 0 ? await within(answer, timeLeft) : undefined;
      if (quick) {
        await ack(messageReply(quick));
        count('in_ack', seconds(arrivedAt));
        return;
      }
      await ack();
      const ackSeconds = seconds(arrivedAt);
      await respond(messageReply(await answer));
      count('response_url', ackSeconds);
    });
  }
}

function tooLong(slash: string, length: number): SlackMessage {
  const text =
    `That is ${length.toLocaleString('en')} characters: \`${slash}\` takes at most ${MAX_COMMAND_TEXT}. ` +
    'Try a name or a few words.';
  return { text, blocks: [section(`:warning: ${text}`)] };
}
