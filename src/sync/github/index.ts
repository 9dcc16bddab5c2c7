// Keeping the catalog in step with a GitHub organisation: the runner (full syncs and webhook
// increments), its adapter to the catalog store, the webhook endpoint, and the wiring from configuration.
// Loaded lazily (it pulls in octokit), so it is not re-exported from src/sync/index.ts.
export {
  GitHubSync,
  type ApplySummary,
  type FullSyncProgress,
  type FullSyncResult,
  type GitHubSyncOptions,
  type SyncTarget,
} from './github-sync-runner.js';
export { storeSyncTarget, type StoreForGitHubSync } from './store-sync-target.js';
export { createGitHubWebhookHandler, type NodeRequestHandler, type WebhookHandlerOptions } from './webhook-handler.js';
export { createGitHubSync, type GitHubSyncSetup } from './create-github-sync.js';
