// `start` serves everyone from one process: one bad request or one forgotten promise must not end
// it for all of them. Node's default ends the process on an unhandled rejection or exception;
// under `start` each is logged instead (with the request it came from, when there was one) and
// the process goes on serving. Requests are independent and the store's writes are transactions,
// so what failed leaves nothing half-done for the next request to trip over.
import type { Logger } from '../log.js';
import { currentRequest } from '../slack/index.js';

/** Installs the handlers on `process`; returns a function that removes them. */
export function keepServingOnFailures(logger: Logger): () => void {
  const onRejection = (reason: unknown) => {
    logger.error({ err: reason, request: currentRequest() }, 'unhandled promise rejection; still serving');
  };
  const onException = (error: Error) => {
    logger.error({ err: error, request: currentRequest() }, 'uncaught exception; still serving');
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
