// The actions templates may name. A template naming any other is refused when it loads.
import type { ScaffoldAction } from './action.js';
import { catalogFetchAction } from './catalog-fetch.js';
import { catalogRegisterAction } from './catalog-register.js';
import { catalogWriteAction } from './catalog-write.js';
import { debugLogAction } from './debug-log.js';
import { fetchPlainAction } from './fetch-plain.js';
import { fetchPlainFileAction } from './fetch-plain-file.js';
import { fetchTemplateAction } from './fetch-template.js';
import { githubActionsDispatchAction } from './github-actions-dispatch.js';
import { notificationSendAction } from './notification-send.js';
import { publishGitHubAction } from './publish-github.js';
import { publishGitHubPullRequestAction } from './publish-github-pull-request.js';

export type ActionRegistry = ReadonlyMap<string, ScaffoldAction>;

export const BUILTIN_ACTIONS: ScaffoldAction[] = [
  fetchTemplateAction,
  fetchPlainAction,
  fetchPlainFileAction,
  publishGitHubAction,
  catalogRegisterAction,
  catalogWriteAction,
  debugLogAction,
  notificationSendAction,
  publishGitHubPullRequestAction,
  githubActionsDispatchAction,
  catalogFetchAction,
];

export function actionRegistry(actions: ScaffoldAction[] = BUILTIN_ACTIONS): ActionRegistry {
  return new Map(actions.map((a) => [a.id, a]));
}
