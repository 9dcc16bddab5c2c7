// notification:send: Backstage's notification action. In Callboard a notification is a Slack
// message: posted in the request's thread, and sent to each catalog user or group named in
// entityRefs that Slack can reach (the task notifier does the delivering).
import { ActionError, type ScaffoldAction } from './action.js';

/** A notification as the template wrote it. */
export interface ScaffoldNotification {
  recipients: 'entity' | 'broadcast';
  entityRefs: string[];
  title: string;
  description?: string;
  link?: string;
  severity: 'low' | 'normal' | 'high' | 'critical';
  scope?: string;
}

export const notificationSendAction: ScaffoldAction = {
  id: 'notification:send',
  description: 'Sends a notification in Slack: in the request thread, and to the catalog users and groups named.',
  inputSchema: {
    type: 'object',
    required: ['recipients', 'title'],
    properties: {
      recipients: { type: 'string', enum: ['entity', 'broadcast'] },
      entityRefs: { type: 'array', items: { type: 'string' } },
      title: { type: 'string', minLength: 1 },
      info: { type: 'string', description: "Backstage's older name for description." },
      description: { type: 'string' },
      link: { type: 'string' },
      severity: { type: 'string', enum: ['low', 'normal', 'high', 'critical'] },
      scope: { type: 'string' },
      optional: { type: 'boolean', description: 'A notification that cannot be sent does not fail the step.' },
    },
  },
  async run(ctx) {
    const input = ctx.input;
    const entityRefs = (input.entityRefs as string[] | undefined) ?? [];
    if (input.recipients === 'entity' && !entityRefs.length)
      throw new ActionError('recipients "entity" needs at least one entityRefs item');
    const notification: ScaffoldNotification = {
      recipients: input.recipients as ScaffoldNotification['recipients'],
      entityRefs,
      title: input.title as string,
      description: (input.description ?? input.info) as string | undefined,
      link: input.link as string | undefined,
      severity: (input.severity ?? 'normal') as ScaffoldNotification['severity'],
      scope: input.scope as string | undefined,
    };
    const to = notification.recipients === 'broadcast' ? 'the request thread' : entityRefs.join(', ');
    if (ctx.dryRun) {
      ctx.log(`would notify ${to}: ${notification.title}`);
      return;
    }
    const notify = ctx.services.notify;
    if (!notify) {
      if (input.optional === true) {
        ctx.log(`did not notify ${to}: notifications reach people through Slack, which is not connected`);
        return;
      }
      throw new ActionError('notifications reach people through Slack, which is not connected here');
    }
    for (const line of await notify(notification)) ctx.log(line);
  },
};
