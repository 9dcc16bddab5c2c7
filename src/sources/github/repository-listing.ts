// Walks the organisation's repositories page by page. A page that fails with a gateway error or
// a timeout is asked again, smaller; rate limits wait inside octokit and never count as failures.
import type { GitHubConnection } from './connection.js';
import { AdaptivePageSize } from './adaptive-page-size.js';
import type { ResolvedSourceOptions } from './options.js';
import {
  LISTING_QUERY,
  toListedRepository,
  type ListedRepository,
  type ListingAnswer,
  type QueryShape,
} from './repository-query.js';

interface ListingPage {
  repositories: ListedRepository[];
  /** Repositories in the organisation (before filters). */
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

class ListingError extends Error {}

/** An attempt cut off by its AbortSignal (a timeout or an abort), told by DOMException's code. */
function isCutOff(error: unknown, codes: number[] = [DOMException.TIMEOUT_ERR, DOMException.ABORT_ERR]): boolean {
  return error instanceof DOMException && codes.includes(error.code);
}

/** True for failures worth asking again: 5xx, timeouts, dropped connections. */
function isTransient(error: unknown): boolean {
  const e = error as { status?: number; code?: unknown };
  if (typeof e?.status === 'number') return e.status >= 500;
  // A dropped connection is a system error with a string code (ECONNRESET, ...).
  return isCutOff(error) || typeof e?.code === 'string';
}

export function describeError(error: unknown): string {
  const e = error as { status?: number; message?: string };
  if (isCutOff(error, [DOMException.TIMEOUT_ERR]) || /aborted due to timeout/i.test(e?.message ?? ''))
    return 'timed out';
  const message = (e?.message ?? String(error)).replace(/ - https:\/\/docs\.github\.com\S*/, '');
  return e?.status ? `GitHub answered ${e.status}: ${message}` : message;
}

export class RepositoryListing {
  readonly pageSize: AdaptivePageSize;

  constructor(
    private readonly connection: GitHubConnection,
    private readonly options: ResolvedSourceOptions,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.pageSize = new AdaptivePageSize(options.paging);
  }

  /** One page after `cursor`, with or without catalog file text. Throws ListingError when GitHub keeps failing. */
  async page(cursor: string | null, shape: QueryShape): Promise<ListingPage> {
    const { paging, org } = this.options;
    let lastError: unknown;
    for (let attempt = 1; attempt <= paging.attempts; attempt += 1) {
      const first = this.pageSize.size;
      const started = performance.now();
      try {
        const { data } = await this.connection.graphql<ListingAnswer>(
          LISTING_QUERY,
          { org, first, after: cursor, ...shape },
          { retries: 0, timeoutMs: paging.timeoutMs },
        );
        if (!data.organization)
          throw new ListingError(`the GitHub organisation "${org}" was not found, or the credentials cannot see it`);
        this.pageSize.answered(performance.now() - started);
        const { nodes, pageInfo, totalCount } = data.organization.repositories;
        return {
          repositories: nodes.filter((n) => n !== null).map((n) => toListedRepository(org, n, this.options.branch)),
          totalCount,
          hasNextPage: pageInfo.hasNextPage,
          endCursor: pageInfo.endCursor,
        };
      } catch (error) {
        if (error instanceof ListingError || !isTransient(error)) {
          throw error instanceof ListingError
            ? error
            : new ListingError(`listing repositories failed: ${describeError(error)}`);
        }
        lastError = error;
        this.pageSize.failed();
        if (attempt < paging.attempts) await this.sleep(paging.backoffMs * attempt);
      }
    }
    throw new ListingError(`listing repositories failed ${paging.attempts} times: ${describeError(lastError)}`);
  }
}
