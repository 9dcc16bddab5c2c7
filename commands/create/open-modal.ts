// /create and the "Create a service" shortcut open a modal at once: the template picker, or a
// template's form when /create names one, or why this person may not create. When that takes
// longer than a moment, a loading view opens first so the 3-second trigger_id never expires.
import { randomUUID } from 'node:crypto';
import type { types as SlackTypes, webApi } from '@slack/bolt';
import type { CreatePermission } from '../../src/scaffold/run/create-policy.js';
import { firstPages } from './form/form-plan.js';
import { formView, loadingView, messageView, pickerView } from './form/form-views.js';
import { unavailableText } from './form/unavailable-templates.js';
import { escapeMrkdwn } from '../../src/slack/index.js';
import { within } from '../../src/slack/answer.js';
import { approverText } from './slack-notifier.js';
import { permissionOf, type CreateDeps } from './create-context.js';

/** How long the real view may take before the loading view opens instead. */
const LOADING_AFTER_MS = 1200;

interface OpenRequest {
  triggerId: string;
  userId: string;
  /** What followed /create: a template's name, or nothing. */
  words: string;
  channelId?: string;
  /** Values the form opens filled in with (a scorecard's "Fix it": repository, owner, name). */
  values?: Record<string, unknown>;
}

async function refusal(
  deps: CreateDeps,
  permission: Extract<CreatePermission, { allowed: false }>,
): Promise<SlackTypes.ModalView> {
  const groups = await Promise.all(
    permission.askGroups.map(async (g) => (await approverText(deps.portal, g)) ?? `\`${escapeMrkdwn(g)}\``),
  );
  const whom = [...groups, ...permission.askSlackUserGroups.map((id) => `<!subteam^${id}>`)];
  return messageView(
    'Create',
    `:lock: ${escapeMrkdwn(permission.reason)}\nAsk someone in ${whom.join(' or ')} to create it for you, or to add you.`,
  );
}

async function createView(
  deps: CreateDeps,
  client: webApi.WebClient,
  request: OpenRequest,
): Promise<SlackTypes.ModalView> {
  const permission = await permissionOf(deps, client, request.userId);
  if (!permission.allowed) return refusal(deps, permission);
  await deps.scaffolder.learnPlan();
  const { templates, formContext } = deps.scaffolder;
  const requestId = randomUUID();
  const words = request.words.trim();
  if (words) {
    const template = await templates.find(words);
    if (template) {
      const meta = {
        template: template.ref,
        requestId,
        pages: firstPages(template),
        depth: 1,
        values: {},
        channelId: request.channelId,
      };
      return formView(template, meta, request.values ?? {}, formContext);
    }
    const unusable = await templates.findUnavailable(words);
    if (unusable) return messageView('Create', unavailableText(unusable));
  }
  const picker = pickerView(
    await templates.list(),
    { requestId, channelId: request.channelId },
    await templates.unavailable(),
  );
  if (words) {
    const note = {
      type: 'context' as const,
      elements: [{ type: 'mrkdwn' as const, text: `No template is called “${escapeMrkdwn(words)}”; pick one below.` }],
    };
    return { ...picker, blocks: [note, ...picker.blocks] };
  }
  return picker;
}

export async function openCreateModal(deps: CreateDeps, client: webApi.WebClient, request: OpenRequest): Promise<void> {
  const prepared = createView(deps, client, request);
  // A failure while preparing is shown in the modal, not lost.
  const safe = prepared.catch((error: unknown) => {
    deps.logger.error({ err: error, user: request.userId }, '/create could not prepare its modal');
    return messageView(
      'Create',
      ':warning: Sorry, the templates could not be loaded just now. The error has been logged; please try again shortly.',
    );
  });
  const quick = await within(safe, LOADING_AFTER_MS);
  if (quick) {
    await client.views.open({ trigger_id: request.triggerId, view: quick });
    return;
  }
  const opened = await client.views.open({ trigger_id: request.triggerId, view: loadingView() });
  const view = await safe;
  if (!opened.view?.id) return;
  await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view });
}
