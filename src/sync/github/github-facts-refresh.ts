// Keeps scorecards' GitHub facts current: a full refresh (every repository of the organisation
// the catalog names, 50 to a query) when the schedule says, and one repository at a time when a
// webhook says something its facts depend on changed. What changed is stored and handed to
// `onChanged`, which scores those repositories' entities again. Webhook work runs one refresh at
// a time; a burst of deliveries about one repository (a status per check) reads it once.
import { silentLogger, type Logger } from '../../log.js';
import type { GitHubConnection } from '../../sources/github/connection.js';
import { planFactsRefresh, type FactsPlan } from '../../sources/github/facts-events.js';
import { readRepositoryFacts, type RepositoryFacts } from '../../sources/github/repository-facts-reader.js';

/** Where the facts are kept (RepositoryFactsStore). */
interface FactsTarget {
  /** Stores facts and removes those of repositories gone; returns the repositories whose facts changed. */
  save(facts: RepositoryFacts[], gone: string[]): Promise<string[]>;
  /** Every repository (`org/repo`, lower-cased) the catalog's entities name. */
  namedByCatalog(): Promise<string[]>;
}

export interface GitHubFactsRefreshOptions {
  connection: GitHubConnection;
  target: FactsTarget;
  /** Told the repositories whose facts changed, to score their entities again. */
  onChanged?: (repositories: string[]) => Promise<void>;
  logger?: Logger;
}

interface FactsRefreshResult {
  /** Repositories asked about. */
  repositories: number;
  changed: string[];
  gone: string[];
  failed: string[];
  points: number;
  queries: number;
  errors: string[];
}

export class GitHubFactsRefresh {
  private readonly logger: Logger;
  private readonly pending = new Set<string>();
  private wholeOrganisation = false;
  private draining?: Promise<void>;
  private stopped = false;

  constructor(private readonly options: GitHubFactsRefreshOptions) {
    this.logger = options.logger ?? silentLogger;
  }

  get org(): string {
    return this.options.connection.org;
  }

  /** Every repository of the organisation the catalog names, read again. */
  async refreshAll(): Promise<FactsRefreshResult> {
    const prefix = `${this.org.toLowerCase()}/`;
    const named = (await this.options.target.namedByCatalog()).filter((r) => r.startsWith(prefix));
    const result = await this.refresh(named);
    this.logger.info(
      {
        repositories: result.repositories,
        changed: result.changed.length,
        gone: result.gone.length,
        failed: result.failed.length,
        points: result.points,
      },
      'GitHub facts refreshed',
    );
    if (result.failed.length)
      this.logger.warn(
        { failed: result.failed.length, errors: result.errors },
        'GitHub facts: some repositories could not be read; what was known is kept',
      );
    return result;
  }

  /** `repositories` (`org/repo`) read again; what changed is stored and its entities scored again. */
  async refresh(repositories: string[]): Promise<FactsRefreshResult> {
    const read = await readRepositoryFacts(this.options.connection, repositories);
    const changed = await this.options.target.save(read.facts, read.gone);
    if (changed.length) await this.options.onChanged?.(changed);
    return {
      repositories: repositories.length,
      changed,
      gone: read.gone,
      failed: read.failed,
      points: read.points,
      queries: read.queries,
      errors: read.errors,
    };
  }

  /** A verified webhook delivery: plans at once, refreshes in the background (`idle()` waits for it). */
  handleEvent(event: string, payload: Record<string, unknown>): FactsPlan {
    const plan = planFactsRefresh(event, payload, this.org);
    // Shutting down: the next full refresh (any replica's) reads it.
    if (this.stopped) return { kind: 'none', reason: 'Callboard is stopping' };
    if (plan.kind === 'repository') this.pending.add(plan.repository);
    else if (plan.kind === 'organisation') this.wholeOrganisation = true;
    else return plan;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
    return plan;
  }

  /**
   * Takes no more deliveries and waits for the refresh under way, but no longer than `waitMs`: a
   * GitHub that does not answer must not keep the process past its shutdown deadline.
   */
  async stop(waitMs = 5_000): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    this.wholeOrganisation = false;
    let timer: NodeJS.Timeout | undefined;
    const enough = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, waitMs);
      timer.unref();
    });
    await Promise.race([this.idle(), enough]);
    clearTimeout(timer);
  }

  /** Resolves when no webhook refresh is waiting or running. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.size || this.wholeOrganisation) {
      try {
        if (this.wholeOrganisation) {
          this.wholeOrganisation = false;
          this.pending.clear();
          await this.refreshAll();
        } else {
          const repositories = [...this.pending];
          this.pending.clear();
          const result = await this.refresh(repositories);
          if (result.failed.length)
            this.logger.warn(
              { repositories: result.failed, errors: result.errors },
              'GitHub facts could not be read after a webhook',
            );
        }
      } catch (error) {
        this.logger.error({ err: error }, 'GitHub facts refresh after a webhook failed');
      }
    }
  }
}
