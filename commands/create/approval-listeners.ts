// Approve and Deny on an approval request. Only members of the template's approver group may
// press them (others are told so, privately), and never the requester themselves; membership comes
// from the catalog's trusted Users and Groups only (CATALOG_RULES keeps repositories from declaring
// them). The first decision counts; Deny asks why, and the requester is told.
import type {
  App,
  BlockAction,
  ButtonAction,
  RespondFn,
  ViewSubmitAction,
  types as SlackTypes,
  webApi,
} from '@slack/bolt';
import { messageView } from './form/form-views.js';
import { plainText, SLACK_LIMITS } from './form/slack-limits.js';
import type { TaskRecord } from '../../src/store/task-store.js';
import { escapeMrkdwn } from '../../src/slack/index.js';
import { messageReply } from '../../src/slack/reply.js';
import type { Registry } from '../../src/slack/registry.js';
import { requesterOf, type CreateDeps } from './create-context.js';
import { approverText } from './slack-notifier.js';
import { APPROVE_ACTION, DENY_ACTION, decidedMessage, requestName } from './task-messages.js';

const CALLBACK_DENY_REASON = 'callboard.create.deny_reason';
const BLOCK_REASON = 'reason';

interface DenyMetadata {
  task: string;
  channel?: string;
  ts?: string;
}

/** Why `userId` may not decide on `task`, or undefined when they may. */
async function refusal(
  deps: CreateDeps,
  client: webApi.WebClient,
  userId: string,
  task: TaskRecord | undefined,
): Promise<string | undefined> {
  if (!task) return 'This request no longer exists.';
  if (task.approval !== 'pending') {
    return task.decidedBy
      ? `This request was already ${task.approval} by <@${task.decidedBy}>.`
      : 'This request is not waiting for approval.';
  }
  if (!task.approvers) return 'This request needs no approval.';
  const group = async () => (await approverText(deps.portal, task.approvers)) ?? `\`${escapeMrkdwn(task.approvers!)}\``;
  if (task.requestedBy === userId)
    return `You asked for this request, so someone else in ${await group()} must approve or deny it.`;
  const requester = await requesterOf(deps, client, userId);
  if (await deps.scaffolder.membership.isMember(requester.userRef, task.approvers)) return undefined;
  return `Only members of ${await group()} can approve or deny this request${requester.userRef ? '' : ' (Callboard could not find you in the catalog by your Slack email)'}.`;
}

async function tellPrivately(respond: RespondFn | undefined, text: string): Promise<void> {
  await respond?.({ response_type: 'ephemeral', replace_original: false, text });
}

function denyReasonView(task: TaskRecord, meta: DenyMetadata): SlackTypes.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_DENY_REASON,
    private_metadata: JSON.stringify(meta),
    title: plainText('Deny the request', SLACK_LIMITS.modalTitle),
    submit: plainText('Deny', SLACK_LIMITS.modalButton),
    close: plainText('Cancel', SLACK_LIMITS.modalButton),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `<@${task.requestedBy}> asked to create *${escapeMrkdwn(requestName(task))}* from *${escapeMrkdwn(task.templateTitle)}*.`,
        },
      },
      {
        type: 'input',
        block_id: BLOCK_REASON,
        label: plainText('Why not? (the requester sees this)', SLACK_LIMITS.inputLabel),
        element: { type: 'plain_text_input', action_id: 'value', multiline: true, max_length: 500 },
      },
    ],
  };
}

/** The task an Approve or Deny button names, when the presser may decide on it; otherwise says why not. */
async function pressedTask(
  deps: CreateDeps,
  body: BlockAction<ButtonAction>,
  client: webApi.WebClient,
  respond: RespondFn | undefined,
): Promise<TaskRecord | undefined> {
  const task = await deps.scaffolder.tasks.getTask(body.actions[0]?.value ?? '');
  const refused = await refusal(deps, client, body.user.id, task);
  if (refused) {
    await tellPrivately(respond, refused);
    return undefined;
  }
  return task;
}

export function registerApprovalListeners(app: App, deps: CreateDeps, registry: Registry): void {
  const { tasks } = deps.scaffolder;
  registry.actions.push(APPROVE_ACTION, DENY_ACTION);

  app.action<BlockAction<ButtonAction>>(APPROVE_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const task = await pressedTask(deps, body, client, respond);
    if (!task) return;
    const decided = await tasks.decide(task.id, 'approved', body.user.id);
    if (!decided) {
      await tellPrivately(respond, 'Someone decided on this request a moment ago.');
      return;
    }
    await respond?.({ ...messageReply(decidedMessage(decided)), replace_original: true });
  });

  app.action<BlockAction<ButtonAction>>(DENY_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const task = await pressedTask(deps, body, client, respond);
    if (!task) return;
    const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
    const meta: DenyMetadata = {
      task: task.id,
      channel: container?.channel_id ?? body.channel?.id,
      ts: container?.message_ts ?? body.message?.ts,
    };
    await client.views.open({ trigger_id: body.trigger_id, view: denyReasonView(task, meta) });
  });

  app.view<ViewSubmitAction>(CALLBACK_DENY_REASON, async ({ ack, body, view, client }) => {
    let meta: DenyMetadata;
    try {
      meta = JSON.parse(view.private_metadata) as DenyMetadata;
    } catch {
      await ack({ response_action: 'update', view: messageView('Deny', 'This form is out of date.') });
      return;
    }
    const reason = view.state.values[BLOCK_REASON]?.value?.value?.trim();
    if (!reason) {
      await ack({
        response_action: 'errors',
        errors: { [BLOCK_REASON]: 'Say why, so the requester knows what to change.' },
      });
      return;
    }
    const task = await tasks.getTask(meta.task);
    const refused = await refusal(deps, client, body.user.id, task);
    if (refused) {
      await ack({ response_action: 'update', view: messageView('Deny', refused) });
      return;
    }
    const decided = await tasks.decide(meta.task, 'denied', body.user.id, reason);
    if (!decided) {
      await ack({
        response_action: 'update',
        view: messageView('Deny', 'Someone decided on this request a moment ago.'),
      });
      return;
    }
    await ack({ response_action: 'clear' });
    if (meta.channel && meta.ts) {
      await client.chat.update({ channel: meta.channel, ts: meta.ts, ...messageReply(decidedMessage(decided)) });
    }
  });
}
