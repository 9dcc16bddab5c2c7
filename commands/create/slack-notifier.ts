// Tells people about tasks in Slack: the requester's DM thread (request, one reply per step,
// the result) and, for a template that needs approval, the approver group's channel (or each
// approver by DM when the group has no channel).
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { Portal } from '../../src/portal/index.js';
import type { TaskNotifier } from '../../src/scaffold/run/task-service.js';
import type { CatalogStore } from '../../src/store/index.js';
import type { TaskRecord, TaskStore } from '../../src/store/task-store.js';
import { channelText, teamText } from '../shared/catalog-text.js';
import { messageReply } from '../../src/slack/reply.js';
import { section, type SlackMessage } from '../../src/slack/index.js';
import { cardReply } from '../service.js';
import { gone } from '../shared/entity-answer.js';
import { parseEntityRef, stringifyEntityRef } from '../../src/catalog/refs.js';
import {
  approvalRequestMessage,
  decisionNotice,
  notificationMessage,
  requestMessage,
  resultMessage,
  stepMessage,
} from './task-messages.js';

interface NotifierDeps {
  client: webApi.WebClient;
  portal: Portal;
  store: CatalogStore;
  taskStore: TaskStore;
  logger: Logger;
}

function post(message: SlackMessage) {
  const { text, blocks } = messageReply(message);
  return { text, blocks };
}

/** The approver group as the requester sees it: its name and channel. */
export async function approverText(portal: Portal, groupRef: string | undefined): Promise<string | undefined> {
  if (!groupRef) return undefined;
  const card = await portal.card(groupRef);
  if (!card) return `\`${groupRef}\``;
  const channel = card.entity.metadata.annotations ?? {};
  return teamText({
    ...card.summary,
    slackChannel: { id: channel['slack.com/channel-id'], name: channel['slack.com/channel']?.replace(/^#/, '') },
  });
}

/**
 * Where a message for a catalog entity goes: a group's channel, or each member who has a Slack
 * account; a user's own Slack account (found by their email).
 */
async function slackDestinations(deps: NotifierDeps, ref: string): Promise<string[]> {
  const found = await deps.store.getEntity(ref);
  const channelId = found?.entity.metadata.annotations?.['slack.com/channel-id'];
  if (channelId && channelText({ id: channelId })) return [channelId];
  const members =
    found?.entity.kind.toLowerCase() === 'user'
      ? [ref]
      : (await deps.store.relationsFrom(ref, ['hasMember'])).map((r) => r.target);
  const people = await deps.store.getEntities(members);
  const ids: string[] = [];
  for (const person of people) {
    const email = (person.entity.spec?.profile as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string') continue;
    try {
      const answer = await deps.client.users.lookupByEmail({ email });
      if (answer.user?.id) ids.push(answer.user.id);
    } catch {
      // Someone without a Slack account cannot be asked here.
    }
  }
  return ids;
}

export function slackNotifier(deps: NotifierDeps): TaskNotifier {
  const { client } = deps;

  const updateRequest = async (task: TaskRecord): Promise<void> => {
    if (!task.slackChannel || !task.slackThreadTs) return;
    const message = requestMessage(task, await approverText(deps.portal, task.approvers));
    await client.chat.update({ channel: task.slackChannel, ts: task.slackThreadTs, ...post(message) });
  };

  const reply = async (task: TaskRecord, message: SlackMessage): Promise<void> => {
    if (!task.slackChannel || !task.slackThreadTs) return;
    await client.chat.postMessage({ channel: task.slackChannel, thread_ts: task.slackThreadTs, ...post(message) });
  };

  return {
    async created(task) {
      // Posting to the user's id opens (or reuses) the DM between them and the app.
      const message = requestMessage(task, await approverText(deps.portal, task.approvers));
      const answer = await client.chat.postMessage({ channel: task.requestedBy, ...post(message) });
      if (answer.channel && answer.ts) {
        await deps.taskStore.setThread(task.id, answer.channel, answer.ts);
        task.slackChannel = answer.channel;
        task.slackThreadTs = answer.ts;
      }
      if (task.approval === 'pending' && task.approvers) {
        const destinations = await slackDestinations(deps, task.approvers);
        for (const channel of destinations)
          await client.chat.postMessage({ channel, ...post(approvalRequestMessage(task)) });
        if (!destinations.length) {
          const text = `:warning: Nobody in \`${task.approvers}\` could be reached in Slack (no channel, no member with a Slack account). An admin can give the group a slack.com/channel-id annotation so that approval requests reach it.`;
          await reply(task, { text: 'No approver could be reached', blocks: [section(text)] });
        }
      }
    },
    async stepFinished(task, report) {
      if (report.index === 0) await updateRequest(task);
      await reply(task, stepMessage(report, task.steps.length));
    },
    async finished(task, outcome) {
      const entityRef = typeof task.output.entityRef === 'string' ? task.output.entityRef : undefined;
      const card =
        entityRef && outcome.state === 'completed'
          ? ((await cardReply(deps.portal, entityRef)) ?? gone(entityRef))
          : undefined;
      await reply(task, resultMessage(task, outcome, card));
      await updateRequest(task);
    },
    async notification(task, notification) {
      const message = notificationMessage(task, notification);
      await reply(task, message);
      const lines = ['posted in the request thread'];
      if (notification.recipients !== 'entity') return lines;
      for (const raw of notification.entityRefs) {
        let ref: string;
        try {
          ref = stringifyEntityRef(parseEntityRef(raw, { defaultKind: 'User', defaultNamespace: 'default' }));
        } catch {
          lines.push(`"${raw}" is not an entity reference; not sent`);
          continue;
        }
        const destinations = await slackDestinations(deps, ref);
        for (const channel of destinations) await client.chat.postMessage({ channel, ...post(message) });
        lines.push(
          destinations.length
            ? `sent to ${ref} in Slack`
            : `could not reach ${ref} in Slack (not in the catalog, or no Slack account)`,
        );
      }
      return lines;
    },
    async decided(task) {
      await updateRequest(task);
      await reply(task, decisionNotice(task));
    },
  };
}
