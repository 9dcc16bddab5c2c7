// Paging from Slack: the "Page on-call" button opens the modal; its submit sends one trigger event
// to PagerDuty's Events API v2 with the catalog's integration key as routing key. The modal's dedup
// key is claimed in the store first, so a second submit of the same modal (a double click, a
// retry, another replica) pages nobody again; the claim is given back when PagerDuty did not
// accept the page (only a 202 with a dedup key counts), so pressing *Page* again after a failure
// pages. The requester sees the outcome in the modal, a failure with PagerDuty's reason.
//
//   createSlackApp({ ..., listeners: [pagingListeners({ portal, slackCache, pager, logger })] });
import { randomUUID } from 'node:crypto';
import type { App, BlockAction, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { PagerDutyEvents } from '../../src/oncall/index.js';
import type { Portal } from '../../src/portal/index.js';
import { bold, escapeMrkdwn, type ListenerModule } from '../../src/slack/index.js';
import type { Registry } from '../../src/slack/registry.js';
import type { SlackCache } from '../../src/store/index.js';
import { INTEGRATION_KEY, pageableIn } from './on-call-lookup.js';
import { PAGE_ACTION } from './page-button.js';
import { decodePageMetadata, noticeView, PAGE_CALLBACK, pageModal, readPageForm } from './page-modal.js';

export interface PagingDeps {
  portal: Portal;
  /** Where a modal's dedup key is claimed, so a second submit pages nobody. */
  slackCache: SlackCache;
  pager: PagerDutyEvents;
  logger: Logger;
}

const NO_MODAL = 'Paging opens a form in Slack, and no form can open here. Page from Slack, or from PagerDuty itself.';

/** The "Page on-call" button and its modal: listeners of their own, wired when the app is built. */
export function pagingListeners(deps: PagingDeps): ListenerModule {
  return { register: ({ app, registered }) => registerPaging(app, registered, deps) };
}

function registerPaging(app: App, registry: Registry, deps: PagingDeps): void {
  const logger = deps.logger.child({ component: 'paging' });

  registry.actions.push(PAGE_ACTION);
  app.action<BlockAction>(PAGE_ACTION, async ({ ack, body, client, respond }) => {
    await ack();
    const pressed = body.actions[0];
    const ref = pressed?.type === 'button' ? (pressed.value ?? '') : '';
    const target = pageableIn(await deps.portal.ownershipChain(ref));
    const view = target
      ? pageModal(bold(target.name), { ref, dedupKey: `callboard-${randomUUID()}` })
      : noticeView(
          `${escapeMrkdwn(ref)} has no PagerDuty integration key in the catalog any more, ` +
            'so Callboard cannot page for it.',
        );
    try {
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error), user: body.user.id },
        'the paging modal could not open',
      );
      await respond?.({ response_type: 'ephemeral', replace_original: false, text: NO_MODAL });
    }
  });

  app.view<ViewSubmitAction>(PAGE_CALLBACK, async ({ ack, body, view, client }) => {
    const meta = decodePageMetadata(view.private_metadata);
    if (!meta) {
      await ack({
        response_action: 'update',
        view: noticeView('This form is out of date. Press *Page on-call* again.'),
      });
      return;
    }
    const read = readPageForm(view.state.values as Parameters<typeof readPageForm>[0]);
    if ('errors' in read) {
      await ack({ response_action: 'errors', errors: read.errors });
      return;
    }
    if (!(await deps.slackCache.markProcessed(`page:${meta.dedupKey}`))) {
      await ack({
        response_action: 'update',
        view: noticeView('This page was already sent once, or is being sent now; PagerDuty was not asked again.'),
      });
      return;
    }
    await ack({ response_action: 'update', view: noticeView(':hourglass_flowing_sand: Paging…') });
    const target = pageableIn(await deps.portal.ownershipChain(meta.ref));
    const requester = `${body.user.name ?? body.user.id} (Slack user ${body.user.id})`;
    const result = target
      ? await deps.pager.trigger({
          routingKey: target.annotations[INTEGRATION_KEY].trim(),
          summary: read.form.summary,
          details: read.form.details,
          urgency: read.form.urgency,
          requestedBy: requester,
          source: meta.ref,
          dedupKey: meta.dedupKey,
        })
      : { ok: false as const, reason: `${meta.ref} has no PagerDuty integration key in the catalog any more` };
    logger.info({ user: body.user.id, ref: meta.ref, dedupKey: meta.dedupKey, ok: result.ok }, 'paged on-call');
    // Not accepted: nothing went out, so the dedup key is free again and the next press pages.
    if (!result.ok) await deps.slackCache.forgetProcessed(`page:${meta.dedupKey}`);
    const outcome = result.ok
      ? noticeView(
          `:white_check_mark: Paged the on-call of ${bold(target!.name)} (${read.form.urgency} urgency). ` +
            `PagerDuty said: ${escapeMrkdwn(result.message)}.\nDedup key \`${escapeMrkdwn(result.dedupKey)}\`.`,
        )
      : target
        ? pageModal(bold(target.name), meta, { failure: `${escapeMrkdwn(result.reason)}.`, form: read.form })
        : noticeView(`:x: Nobody was paged. ${escapeMrkdwn(result.reason)}. Page from PagerDuty itself.`);
    try {
      await client.views.update({ view_id: body.view.id, view: outcome });
    } catch (error) {
      logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'the paging outcome could not be shown',
      );
    }
  });
}
