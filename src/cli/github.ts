// Connects the GitHub runner to this catalog's stores and rules (the search index follows the
// store's change log), and runs `callboard sync --github`.
import type { FullSyncResult, GitHubSyncSetup } from '../sync/github/index.js';
import { CatalogRules } from '../catalog/catalog-rules.js';
import type { Logger } from '../log.js';
import type { Callboard, OpenCatalog } from './open-callboard.js';
import type { Output } from './sync-command.js';
import { createProgress, type Progress } from './progress.js';
import { gitHubFactsOptions } from './github-facts.js';

/** What a GitHub sync writes through: the stores, and (when serving) metrics to count GitHub's calls and scoring for GitHub facts. */
type GitHubSyncHost = OpenCatalog & Partial<Pick<Callboard, 'metrics' | 'scoring'>>;

export async function openGitHubSync(callboard: GitHubSyncHost, logger: Logger): Promise<GitHubSyncSetup | undefined> {
  const github = callboard.config.github;
  if (!github) return undefined;
  // Loaded only when an organisation is configured: octokit and its plugins are a tenth of an
  // embedded start's memory, for nothing when there is no GitHub to read.
  const { createGitHubSync } = await import('../sync/github/index.js');
  const { metrics, stores, config } = callboard;
  const filters = Object.fromEntries(Object.entries(github.filters).filter(([, v]) => v !== undefined));
  const catalog = {
    catalog: stores.catalog,
    codeOwners: stores.codeOwners,
    rules: new CatalogRules(config.catalogRules),
    maxFileBytes: config.catalogMaxFileBytes,
  };
  return createGitHubSync(github, catalog, {
    logger,
    source: { catalogPath: github.catalogPath, branch: github.branch, filters },
    observe: metrics ? (call) => metrics.recordGitHubCall(call) : undefined,
    // Serving (scoring runs): scorecards' GitHub facts, re-scoring the entities of what changed.
    facts: callboard.scoring ? gitHubFactsOptions(callboard.stores, callboard.scoring) : undefined,
  });
}

/** `callboard sync --github`: one full sync with a progress bar, then its figures and problems. */
export async function runGitHubSyncCommand(
  callboard: GitHubSyncHost,
  logger: Logger,
  output: Output,
  progress: Progress = createProgress(),
): Promise<number> {
  const setup = await openGitHubSync(callboard, logger);
  if (!setup) {
    output.err('configuration: GITHUB_ORG (with GITHUB_TOKEN or a GitHub App) is needed for --github');
    return 2;
  }
  let result: FullSyncResult;
  try {
    result = await setup.sync.runFull({
      onProgress: (p) =>
        progress.update(
          p.repositoriesSeen,
          Math.max(p.repositoriesTotal ?? 0, p.repositoriesSeen),
          `${p.phase}, ${p.locationsApplied} written`,
        ),
    });
  } finally {
    progress.stop();
  }
  if (result.status === 'skipped') {
    output.out('another Callboard replica is syncing this organisation now; nothing done');
    return 0;
  }
  const problems = await callboard.stores.catalog.listProblems({ limit: 200 });
  for (const problem of problems.filter((p) => p.locationKey.startsWith('github'))) {
    const repo = problem.locationKey.replace(/^github(-org)?:/, '');
    output.err(`problem: ${repo}: ${problem.file}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`);
  }
  output.out(githubSummaryLine(result.status, result.stats));
  if (result.error)
    output.err(
      `${result.status === 'partial' ? 'partial' : 'error'}: ${result.error}; what could not be read was kept`,
    );
  return result.status === 'succeeded' ? 0 : 1;
}

/** One line a platform engineer can read at a glance; the full figures are in sync_runs. */
function githubSummaryLine(status: string, stats: Record<string, number>): string {
  const n = (key: string) => stats[key] ?? 0;
  return (
    `GitHub sync ${status}: ${n('repositoriesSeen')} repositories seen, ${n('repositoriesChanged')} changed, ` +
    `${n('repositoriesFailed')} failed, ${n('repositoriesGone')} gone; ` +
    `${n('added')} entities added, ${n('updated')} updated, ${n('removed')} removed, ${n('problems')} problems; ` +
    `${n('restRequests')} REST requests, ${n('graphqlQueries')} GraphQL queries (${n('graphqlPoints')} points) ` +
    `in ${(n('durationMs') / 1000).toFixed(1)} s`
  );
}
