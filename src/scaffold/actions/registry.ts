// The actions templates may name: Backstage's built-in actions and its GitHub module's that
// Callboard runs. A template naming any other is listed as unavailable, naming the action.
import type { ScaffoldAction } from './action.js';
import { catalogFetchAction } from './catalog-fetch.js';
import { catalogRegisterAction } from './catalog-register.js';
import { catalogWriteAction } from './catalog-write.js';
import { debugLogAction } from './debug-log.js';
import { debugWaitAction } from './debug-wait.js';
import { fetchPlainAction } from './fetch-plain.js';
import { fetchPlainFileAction } from './fetch-plain-file.js';
import { fetchTemplateAction } from './fetch-template.js';
import { fetchTemplateFileAction } from './fetch-template-file.js';
import { fsDeleteAction } from './fs-delete.js';
import { fsRenameAction } from './fs-rename.js';
import { githubActionsDispatchAction } from './github-actions-dispatch.js';
import { githubAutolinksCreateAction } from './github-autolinks-create.js';
import { githubBranchProtectionCreateAction } from './github-branch-protection-create.js';
import { githubDeployKeyCreateAction } from './github-deploy-key-create.js';
import { githubEnvironmentCreateAction } from './github-environment-create.js';
import { githubIssuesLabelAction } from './github-issues-label.js';
import { catalogInfoSetFieldsAction } from './catalog-info-set-fields.js';
import { githubPagesEnableAction } from './github-pages-enable.js';
import { githubRepoCreateAction } from './github-repo-create.js';
import { githubRepoPushAction } from './github-repo-push.js';
import { githubWebhookAction } from './github-webhook.js';
import { notificationSendAction } from './notification-send.js';
import { publishGitHubAction } from './publish-github.js';
import { publishGitHubPullRequestAction } from './publish-github-pull-request.js';

export type ActionRegistry = ReadonlyMap<string, ScaffoldAction>;

export const BUILTIN_ACTIONS: ScaffoldAction[] = [
  fetchTemplateAction,
  fetchTemplateFileAction,
  fetchPlainAction,
  fetchPlainFileAction,
  fsDeleteAction,
  fsRenameAction,
  publishGitHubAction,
  publishGitHubPullRequestAction,
  catalogRegisterAction,
  catalogWriteAction,
  catalogFetchAction,
  catalogInfoSetFieldsAction,
  debugLogAction,
  debugWaitAction,
  notificationSendAction,
  githubActionsDispatchAction,
  githubRepoCreateAction,
  githubRepoPushAction,
  githubPagesEnableAction,
  githubIssuesLabelAction,
  githubEnvironmentCreateAction,
  githubWebhookAction,
  githubDeployKeyCreateAction,
  githubAutolinksCreateAction,
  githubBranchProtectionCreateAction,
];

export function actionRegistry(actions: ScaffoldAction[] = BUILTIN_ACTIONS): ActionRegistry {
  return new Map(actions.map((a) => [a.id, a]));
}
