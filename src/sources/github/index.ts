// The GitHub source: connection, discovery of an organisation's catalog files, teams and people,
// the runner that keeps the catalog in step, and the webhook endpoint.
export { createGitHubConnection, type GitHubConnection, type GitHubConnectionOptions } from './connection.js';
export { ApiCounters, emptyUsage, type ApiUsage } from './api-counters.js';
export { GitHubSource, type DiscoveryReport, type DiscoverOptions, type KnownFiles } from './github-source.js';
export type { GitHubSourceOptions, RepositoryFilters, PagingOptions, RepositoryVisibility } from './options.js';
export { organisationLocationKey, repositoryKeyPrefix, repositoryLocationKey } from './location-keys.js';
export {
  GitHubSync,
  type ApplySummary,
  type FullSyncProgress,
  type FullSyncResult,
  type GitHubSyncOptions,
  type SyncTarget,
} from './github-sync.js';
export { storeSyncTarget, type StoreForGitHubSync } from './store-sync-target.js';
export { createGitHubWebhookHandler, type NodeRequestHandler, type WebhookHandlerOptions } from './webhook-handler.js';
export { createGitHubSync, type GitHubSyncSetup } from './create-github-sync.js';
