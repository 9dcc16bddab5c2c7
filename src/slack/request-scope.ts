// Which request the code running now is serving. Kept in AsyncLocalStorage, which follows the
// request through every await and timer it starts, so that a failure nothing caught (an unhandled
// rejection deep in a library) can still be logged with the request it came from.
import { AsyncLocalStorage } from 'node:async_hooks';

/** What is worth knowing about a request in a log line: never its body, headers or tokens. */
export interface RequestScope {
  method?: string;
  url?: string;
  /** Filled in once known: the slash command or action being answered, and who asked. */
  command?: string;
  user?: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `work` as part of serving `scope`. */
export function inRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

/** The request being served by the code running now, if any. */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}
