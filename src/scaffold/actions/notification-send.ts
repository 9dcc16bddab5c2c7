// notification:send: Backstage's notification action. In Callboard a notification is a Slack
// message: posted in the request's thread, and sent to each catalog user or group named in
// entityRefs that Slack can reach (the task notifier does the delivering).
import { z } from 'zod';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';

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

export const notificationSendAction = defineAction({
  id: 'notification:send',
  description: 'Sends a notification in Slack: in the request thread, and to the catalog users and groups named.',
  input: z.object({
    recipients: z.enum(['entity', 'broadcast']),
    entityRefs: z.array(z.string()).default([]),
    title: z.string().min(1),
    info: z.string().describe("Backstage's older name for description.").optional(),
    description: z.string().optional(),
    link: z.string().optional(),
    severity: z.enum(['low', 'normal', 'high', 'critical']).default('normal'),
    scope: z.string().optional(),
    optional: z.boolean().describe('A notification that cannot be sent does not fail the step.').default(false),
  }),
  async run(ctx) {
    const input = ctx.input;
    const entityRefs = input.entityRefs;
    if (input.recipients === 'entity' && !entityRefs.length)
      throw new ActionError('recipients "entity" needs at least one entityRefs item');
    const notification: ScaffoldNotification = {
      recipients: input.recipients,
      entityRefs,
      title: input.title,
      description: input.description ?? input.info,
      link: input.link,
      severity: input.severity,
      scope: input.scope,
    };
    const to = notification.recipients === 'broadcast' ? 'the request thread' : entityRefs.join(', ');
    if (ctx.dryRun) {
      ctx.log(`would notify ${to}: ${notification.title}`);
      return;
    }
    const notify = ctx.services.notify;
    if (!notify) {
      if (input.optional) {
        ctx.log(`did not notify ${to}: notifications reach people through Slack, which is not connected`);
        return;
      }
      throw new ActionError('notifications reach people through Slack, which is not connected here');
    }
    for (const line of await notify(notification)) ctx.log(line);
  },
});
