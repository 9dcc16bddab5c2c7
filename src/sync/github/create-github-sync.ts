// Wires the GitHub side from configuration: connection, source, runner and (with a webhook
// secret) the webhook handler. The caller hands in the stores the runner writes to.
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { createGitHubConnection, type GitHubCallOutcome } from '../../sources/github/connection.js';
import { GitHubSource } from '../../sources/github/github-source.js';
import { GitHubSync, type GitHubSyncOptions } from './github-sync-runner.js';
import type { GitHubSourceOptions } from '../../sources/github/options.js';
import { createGitHubWebhookHandler, type NodeRequestHandler } from './webhook-handler.js';
import { GitHubFactsRefresh, type GitHubFactsRefreshOptions } from './github-facts-refresh.js';

export interface GitHubSyncSetup {
  sync: GitHubSync;
  source: GitHubSource;
  /** Mount beside Slack's; undefined without GITHUB_WEBHOOK_SECRET. */
  webhookHandler?: NodeRequestHandler;
  /** Scorecards' GitHub facts over the same connection, refreshed by webhooks too; when asked for. */
  facts?: GitHubFactsRefresh;
}

export async function createGitHubSync(
  github: NonNullable<Config['github']>,
  catalog: Pick<GitHubSyncOptions, 'catalog' | 'codeOwners' | 'rules' | 'maxFileBytes'>,
  options: {
    logger?: Logger;
    source?: Omit<GitHubSourceOptions, 'org'>;
    observe?: (call: GitHubCallOutcome) => void;
    /** Where scorecards' GitHub facts are kept and who re-scores what changed. */
    facts?: Omit<GitHubFactsRefreshOptions, 'connection' | 'logger'>;
  } = {},
): Promise<GitHubSyncSetup> {
  const connection = await createGitHubConnection({
    org: github.org,
    token: github.token,
    app: github.app,
    apiUrl: github.apiUrl,
    logger: options.logger,
    observe: options.observe,
  });
  const source = new GitHubSource(connection, { ...options.source, org: github.org });
  const sync = new GitHubSync({
    ...catalog,
    source,
    intervalMinutes: github.syncIntervalMinutes,
    logger: options.logger,
  });
  const facts = options.facts
    ? new GitHubFactsRefresh({ ...options.facts, connection, logger: options.logger })
    : undefined;
  const webhookHandler = github.webhookSecret
    ? createGitHubWebhookHandler({ secret: github.webhookSecret, sync, facts, logger: options.logger })
    : undefined;
  return { sync, source, webhookHandler, facts };
}
