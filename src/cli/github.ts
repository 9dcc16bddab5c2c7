// Connects the GitHub source to this catalog: snapshots it reads go through sync into the
// store, and every change refreshes the search index.
import { createGitHubSync, storeSyncTarget, type GitHubSyncSetup } from '../sources/github/index.js';
import type { Logger } from '../log.js';
import { syncSnapshots } from '../sync/index.js';
import type { Callboard } from './open-callboard.js';
import type { Output } from './sync-command.js';
import { createProgress } from './progress.js';

export async function openGitHubSync(callboard: Callboard, logger: Logger): Promise<GitHubSyncSetup | undefined> {
  const github = callboard.config.github;
  if (!github) return undefined;
  const refresh = () => { callboard.search.refresh().catch((err: unknown) => logger.warn({ err }, 'search refresh failed')); };
  const target = storeSyncTarget(callboard.store, (snapshots) => syncSnapshots(callboard.store, snapshots, { onChanged: refresh }));
  const filters = Object.fromEntries(Object.entries(github.filters).filter(([, v]) => v !== undefined));
  return createGitHubSync(github, target, {
    logger,
    source: { catalogPath: github.catalogPath, branch: github.branch, filters },
  });
}

/** `callboard sync --github`: one full sync with a progress bar, then its figures and problems. */
export async function runGitHubSyncCommand(callboard: Callboard, logger: Logger, output: Output): Promise<number> {
  const setup = await openGitHubSync(callboard, logger);
  if (!setup) {
    output.err('configuration: GITHUB_ORG (with GITHUB_TOKEN or a GitHub App) is needed for --github');
    return 2;
  }
  const progress = createProgress();
  let result;
  try {
    result = await setup.sync.runFull({
      onProgress: (p) => progress.update(p.repositoriesSeen, Math.max(p.repositoriesTotal ?? 0, p.repositoriesSeen), `${p.phase}, ${p.locationsApplied} written`),
    });
  } finally {
    progress.stop();
  }
  if (result.status === 'skipped') {
    output.out('another Callboard replica is syncing this organisation now; nothing done');
    return 0;
  }
  const problems = await callboard.store.listProblems({ limit: 200 });
  for (const problem of problems.filter((p) => p.locationKey.startsWith('github'))) {
    const repo = problem.locationKey.replace(/^github(-org)?:/, '');
    output.err(`problem: ${repo}: ${problem.file}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`);
  }
  const stats = Object.entries(result.stats).map(([key, value]) => `${key}=${value}`).join(' ');
  output.out(`GitHub sync ${result.status}: ${stats}${result.error ? ` (${result.error})` : ''}`);
  return result.status === 'succeeded' ? 0 : 1;
}
