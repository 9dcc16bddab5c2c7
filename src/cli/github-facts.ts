// Scorecards' GitHub facts in a running Callboard: the refresh over this organisation's connection,
// its full run on the job queue's schedule (GITHUB_FACTS_CRON, once per occurrence across
// replicas), and the re-scoring of the entities whose repository's facts changed.
import type { Logger } from '../log.js';
import type { GitHubConnection } from '../sources/github/connection.js';
import { GitHubFactsRefresh } from '../sync/github/github-facts-refresh.js';
import type { BackgroundWork } from './notices-runtime.js';
import type { Callboard } from './open-callboard.js';

/** The refresh, re-scoring what changed; without a schedule it runs only when asked (webhooks, tests). */
export function gitHubFactsRefresh(
  callboard: Pick<Callboard, 'stores' | 'scoring'>,
  connection: GitHubConnection,
  logger: Logger,
): GitHubFactsRefresh {
  const { stores, scoring } = callboard;
  return new GitHubFactsRefresh({
    connection,
    target: stores.repositoryFacts,
    onChanged: async (repositories) => {
      const refs = await stores.scorecards.refsOfRepositories(repositories);
      if (refs.length) await scoring.scoreRefs(refs);
    },
    logger,
  });
}

/** Puts the full refresh on the schedule of a running start. */
export async function scheduleGitHubFacts(
  refresh: GitHubFactsRefresh,
  background: BackgroundWork,
  cron: string,
): Promise<void> {
  await background.schedules.add({
    name: 'github-facts',
    cron,
    timeZone: 'UTC',
    // A start that missed the last occurrence reads the facts now rather than at the next.
    catchUpMinutes: 24 * 60,
    run: async () => {
      await refresh.refreshAll();
    },
  });
}
