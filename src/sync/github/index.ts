// Keeping the catalog in step with a GitHub organisation: the runner (full syncs and webhook
// increments), the webhook endpoint, and the wiring from configuration.
// Loaded lazily (it pulls in octokit), so it is not re-exported from src/sync/index.ts.
export {
  GitHubSync,
  type FullSyncProgress,
  type FullSyncResult,
  type GitHubSyncOptions,
  type SyncRunStatus,
} from './github-sync-runner.js';
export { createGitHubWebhookHandler, type NodeRequestHandler, type WebhookHandlerOptions } from './webhook-handler.js';
export { createGitHubSync, type GitHubSyncSetup } from './create-github-sync.js';
