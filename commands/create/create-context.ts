// What the /create listeners share: the scaffolder, the catalog, and who a Slack user is.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { Portal } from '../../src/portal/index.js';
import { identify, mayCreate, type CreatePermission, type Requester } from '../../src/scaffold/run/create-policy.js';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import type { CatalogStore } from '../../src/store/index.js';
import { slackPeople } from './slack-people.js';

export interface CreateDeps {
  scaffolder: Scaffolder;
  portal: Portal;
  store: CatalogStore;
  logger: Logger;
  /**
   * False when no Slack workspace is connected (`callboard ask`, the local playground): there is
   * no modal to open, so /create says at once how to try a template locally.
   */
  slackConnected?: boolean;
  /**
   * The local playground: the modal opens in the page, and the form's last submit shows a dry run
   * (the files it would create) instead of starting a task.
   */
  tryOut?: boolean;
}

export async function requesterOf(deps: CreateDeps, client: webApi.WebClient, userId: string): Promise<Requester> {
  return identify(userId, slackPeople(client), deps.scaffolder.membership);
}

export async function permissionOf(
  deps: CreateDeps,
  client: webApi.WebClient,
  userId: string,
): Promise<CreatePermission> {
  const requester = await requesterOf(deps, client, userId);
  return mayCreate(requester, deps.scaffolder.policy, slackPeople(client), deps.scaffolder.membership);
}
