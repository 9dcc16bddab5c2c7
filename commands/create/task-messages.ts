// What /create says in Slack: the requester's DM thread (the request, each step as it finishes,
// the result with the repository, the catalog card and the template's links) and the approval
// request with its buttons. Pure: task records in, Block Kit out.
import type { ScaffoldNotification } from '../../src/scaffold/actions/notification-send.js';
import type { StepReport, RunOutcome } from '../../src/scaffold/run/run-steps.js';
import type { TaskRecord } from '../../src/store/task-store.js';
import {
  actions,
  bold,
  button,
  context,
  escapeMrkdwn,
  fieldSections,
  fitBlocks,
  link,
  section,
  SLACK_LIMITS,
  truncate,
  type Block,
  type SlackMessage,
} from '../../src/slack/index.js';

export const APPROVE_ACTION = 'callboard.create.approve';
export const DENY_ACTION = 'callboard.create.deny';

/** What a request is called in messages: its `name` value when it has one. */
export function requestName(task: Pick<TaskRecord, 'values' | 'templateTitle'>): string {
  const name = task.values.name;
  return typeof name === 'string' && name ? name : task.templateTitle;
}

function headline(task: TaskRecord): string {
  return `${bold(requestName(task))} from ${bold(task.templateTitle)}`;
}

function valueText(value: unknown): string {
  if (value === undefined || value === null || value === '') return '_empty_';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return escapeMrkdwn(truncate(text, 300));
}

/** The answers of a request as fields, ten at most (the rest summarised). */
function valueFields(values: Record<string, unknown>): Block[] {
  const entries = Object.entries(values);
  const shown = entries.slice(0, SLACK_LIMITS.fields);
  const blocks: Block[] = fieldSections(shown.map(([key, value]) => [key, valueText(value)]));
  if (entries.length > shown.length) blocks.push(context(`…and ${entries.length - shown.length} more answers`));
  return blocks;
}

function stateLine(task: TaskRecord, approverText?: string): string {
  if (task.approval === 'pending')
    return `:hourglass_flowing_sand: Waiting for approval from ${approverText ?? escapeMrkdwn(task.approvers ?? 'the approvers')}. Nothing is created until one of them approves.`;
  if (task.approval === 'denied')
    return `:no_entry: Denied by <@${task.decidedBy}>${task.decisionNote ? `: ${escapeMrkdwn(task.decisionNote)}` : '.'}`;
  switch (task.state) {
    case 'open':
      return ':hourglass_flowing_sand: Queued.';
    case 'processing':
      return `:gear: Working on it${task.approval === 'approved' ? ` (approved by <@${task.decidedBy}>)` : ''}; each step is posted in this thread.`;
    case 'completed':
      return ':white_check_mark: Done.';
    case 'failed':
      return `:x: Failed${task.failedStep ? ` at ${bold(task.failedStep)}` : ''}: ${escapeMrkdwn(task.error ?? 'no reason given')}`;
  }
}

/** The thread's first message, updated as the request moves along. */
export function requestMessage(task: TaskRecord, approverText?: string): SlackMessage {
  const text = `Create ${requestName(task)} from ${task.templateTitle}`;
  return {
    text,
    blocks: [
      section(`:sparkles: Create ${headline(task)}\n${stateLine(task, approverText)}`),
      ...valueFields(task.values),
      context(`Request \`${task.id.slice(0, 8)}\` · ${task.steps.length} step${task.steps.length === 1 ? '' : 's'}`),
    ],
  };
}

const STEP_ICONS: Record<StepReport['state'], string> = {
  completed: ':white_check_mark:',
  skipped: ':fast_forward:',
  failed: ':x:',
};

/** One thread reply per finished step. */
export function stepMessage(report: StepReport, total: number): SlackMessage {
  const title = `${STEP_ICONS[report.state]} ${report.index + 1}/${total} ${bold(report.step.name)}`;
  const lines = report.log.map((line) => `• ${escapeMrkdwn(line)}`).join('\n');
  return {
    text: `${report.index + 1}/${total} ${report.step.name}: ${report.state}`,
    blocks: [section(lines ? `${title}\n${lines}` : title)],
  };
}

/** The thread's last message: the repository, the template's links and text, the catalog card. */
export function resultMessage(task: TaskRecord, outcome: RunOutcome, card?: SlackMessage): SlackMessage {
  if (outcome.state === 'failed') {
    const failure = outcome.failure;
    const cleanup = outcome.cleanup.length ? `\n${outcome.cleanup.map((c) => `• ${escapeMrkdwn(c)}`).join('\n')}` : '';
    const text = `Could not create ${requestName(task)}: ${failure?.stepName ?? 'a step'} failed`;
    return {
      text,
      blocks: [
        section(
          `:x: Could not create ${bold(requestName(task))}. The step ${bold(failure?.stepName ?? '?')} failed: ${escapeMrkdwn(failure?.reason ?? 'no reason given')}${cleanup}`,
        ),
      ],
    };
  }
  const repoUrl = typeof task.output.repoUrl === 'string' ? task.output.repoUrl : undefined;
  const links = outcome.links.map((l) =>
    l.url ? link(l.url, l.title) : `${escapeMrkdwn(l.title)}: \`${escapeMrkdwn(l.entityRef ?? '')}\``,
  );
  const blocks: Block[] = [
    section(`:tada: ${bold(requestName(task))} is ready${repoUrl ? `: ${link(repoUrl)}` : '.'}`),
    ...(links.length ? [section(links.map((l) => `• ${l}`).join('\n'))] : []),
    ...outcome.text.map((t) => section(`${t.title ? `${bold(t.title)}\n` : ''}${escapeMrkdwn(t.content)}`)),
    ...(card?.blocks ?? []).filter((b) => b.type !== 'actions'),
  ];
  return {
    text: `${requestName(task)} is ready${repoUrl ? `: ${repoUrl}` : ''}`,
    blocks: fitBlocks(blocks, SLACK_LIMITS.messageBlocks),
  };
}

/** The request as approvers see it, with Approve and Deny. */
export function approvalRequestMessage(task: TaskRecord): SlackMessage {
  return {
    text: `<@${task.requestedBy}> asks to create ${requestName(task)} from ${task.templateTitle}`,
    blocks: [
      section(
        `:raising_hand: <@${task.requestedBy}> asks to create ${headline(task)}. Nothing is created until someone here approves.`,
      ),
      ...valueFields(task.values),
      ...actions([
        button('Approve', APPROVE_ACTION, task.id, 'primary'),
        button('Deny', DENY_ACTION, task.id, 'danger'),
      ]),
    ],
  };
}

/** The approval request once decided: the buttons give way to who decided. */
export function decidedMessage(task: TaskRecord): SlackMessage {
  const what =
    task.approval === 'approved'
      ? `:white_check_mark: Approved by <@${task.decidedBy}>.`
      : `:no_entry: Denied by <@${task.decidedBy}>${task.decisionNote ? `: ${escapeMrkdwn(task.decisionNote)}` : '.'}`;
  return {
    text: `${requestName(task)}: ${task.approval}`,
    blocks: [section(`<@${task.requestedBy}> asked to create ${headline(task)}.\n${what}`)],
  };
}

/** The decision, as the requester reads it in their thread. */
export function decisionNotice(task: TaskRecord): SlackMessage {
  const text =
    task.approval === 'approved'
      ? `:white_check_mark: <@${task.decidedBy}> approved the request; creating it now.`
      : `:no_entry: <@${task.decidedBy}> denied the request${task.decisionNote ? `: ${escapeMrkdwn(task.decisionNote)}` : '.'} Nothing was created.`;
  return { text: task.approval === 'approved' ? 'Approved' : 'Denied', blocks: [section(text)] };
}

const SEVERITY_ICONS: Record<ScaffoldNotification['severity'], string> = {
  low: ':information_source:',
  normal: ':bell:',
  high: ':warning:',
  critical: ':rotating_light:',
};

/** A template's notification:send, as its recipients read it. */
export function notificationMessage(task: TaskRecord, notification: ScaffoldNotification): SlackMessage {
  const lines = [`${SEVERITY_ICONS[notification.severity]} ${bold(notification.title)}`];
  if (notification.description) lines.push(escapeMrkdwn(notification.description));
  if (notification.link && /^https?:\/\//.test(notification.link)) lines.push(link(notification.link, 'Open'));
  return {
    text: notification.title,
    blocks: [
      section(truncate(lines.join('\n'), SLACK_LIMITS.sectionText)),
      context(`From <@${task.requestedBy}>'s request: ${escapeMrkdwn(requestName(task))}`),
    ],
  };
}
