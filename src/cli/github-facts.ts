// Scorecards' GitHub facts in a running Callboard: the refresh over this organisation's connection,
// its full run on the job queue's schedule (GITHUB_FACTS_CRON, once per occurrence across
// replicas), and the re-scoring of the entities whose repository's facts changed.
import type { ScoringService } from '../scorecards/scoring-service.js';
import type { Stores } from '../store/index.js';
import type { GitHubFactsRefresh, GitHubFactsRefreshOptions } from '../sync/github/github-facts-refresh.js';
import type { BackgroundWork } from './notices-runtime.js';

/** Where the refresh keeps the facts, and the re-scoring of the entities whose repository's facts changed. */
export function gitHubFactsOptions(
  stores: Pick<Stores, 'repositoryFacts' | 'scorecards'>,
  scoring: Pick<ScoringService, 'scoreRefs'>,
): Omit<GitHubFactsRefreshOptions, 'connection' | 'logger'> {
  return {
    target: stores.repositoryFacts,
    onChanged: async (repositories) => {
      const refs = await stores.scorecards.refsOfRepositories(repositories);
      if (refs.length) await scoring.scoreRefs(refs);
    },
  };
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
  // The schedules ticked once when they started, before this one was added: look again now.
  await background.schedules.tick();
}
