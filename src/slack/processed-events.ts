// Slack redelivers an event it thinks went unanswered (X-Slack-Retry-Num). The ids of events
// already handled live in the store, so a retry reaching any replica is skipped.
import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { SlackCache } from '../store/index.js';

/** Slack retries within minutes; ids are kept a day. */
const KEEP_IDS_MS = 24 * 3600_000;

export function skipRepeatedEvents(cache: SlackCache, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next, context }) => {
    const eventId =
      (body as { type?: string; event_id?: unknown }).type === 'event_callback'
        ? (body as { event_id?: unknown }).event_id
        : undefined;
    if (typeof eventId === 'string') {
      let first = true;
      try {
        first = await cache.markProcessed(`event:${eventId}`);
      } catch (error) {
        // Better to answer twice than to drop an event because the store hiccuped.
        logger.warn(
          { err: error instanceof Error ? error.message : String(error), eventId },
          'could not record a processed event id',
        );
      }
      if (!first) {
        logger.info(
          { eventId, retryNum: context.retryNum, retryReason: context.retryReason },
          'skipping an event already handled',
        );
        return;
      }
    }
    await next();
  };
}

/** Drops ids older than a day; returns a function that stops the hourly sweep. */
export function sweepProcessedEvents(cache: SlackCache, logger: Logger): () => void {
  const sweep = () => {
    cache
      .forgetProcessedBefore(new Date(Date.now() - KEEP_IDS_MS))
      .catch((error: unknown) =>
        logger.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'could not sweep processed event ids',
        ),
      );
  };
  const timer = setInterval(sweep, 3600_000);
  timer.unref();
  return () => clearInterval(timer);
}
