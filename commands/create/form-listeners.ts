// The /create modal once open: choosing a template shows its form; each submit checks the page
// (errors under their fields), moves to the next page, or records the request as a task; select
// menus of catalog entries and long option lists are answered as the user types.
import { templateLabels } from '../../src/scaffold/template/template-labels.js';
import type {
  App,
  BlockAction,
  BlockSuggestion,
  StaticSelectAction,
  ViewSubmitAction,
  types as SlackTypes,
} from '@slack/bolt';
import { ACTION_CHOICE_OPTIONS, ACTION_ENTITY_OPTIONS, blockIdOf } from './form/field-blocks.js';
import { fieldKind } from './form/field-kind.js';
import { decodeFormMetadata, FormTooLargeError, type FormMetadata } from './form/form-metadata.js';
import { dryRunView } from './form/dry-run-view.js';
import { firstPages } from './form/form-plan.js';
import type { ViewStateValues } from './form/form-state.js';
import { handleFormSubmission, type SubmissionOutcome } from './form/form-submission.js';
import {
  ACTION_PICK_TEMPLATE,
  BLOCK_PICK_TEMPLATE,
  CALLBACK_FORM,
  CALLBACK_PICK,
  decodePickerMetadata,
  formView,
  messageView,
} from './form/form-views.js';
import { clip, SLACK_LIMITS } from './form/slack-limits.js';
import type { TemplateDefinition } from '../../src/scaffold/types.js';
import { templateFields } from '../../src/scaffold/template/fields.js';
import { mayCreate } from '../../src/scaffold/run/create-policy.js';
import type { Registry } from '../../src/slack/registry.js';
import { requesterOf, type CreateDeps } from './create-context.js';
import { slackPeople } from './slack-people.js';

const EXPIRED = messageView(
  'Create',
  'This form is out of date (the template changed or was removed). Run /create again.',
);

function firstFormView(
  deps: CreateDeps,
  template: TemplateDefinition,
  picker: { requestId?: string; channelId?: string },
): SlackTypes.ModalView {
  const meta: FormMetadata = {
    template: template.ref,
    requestId: picker.requestId ?? `${Date.now()}`,
    pages: firstPages(template),
    depth: 1,
    values: {},
    channelId: picker.channelId,
  };
  return formView(template, meta, {}, deps.scaffolder.formContext);
}

type Option = SlackTypes.PlainTextOption;

function option(label: string, value: string): Option {
  return {
    text: { type: 'plain_text', text: clip(label || value, SLACK_LIMITS.optionText), emoji: true },
    value: clip(value, SLACK_LIMITS.optionValue),
  };
}

/** Catalog entries of the picker's kinds matching what the user typed (the first 100 when nothing yet). */
async function entityOptions(deps: CreateDeps, kinds: string[], query: string): Promise<Option[]> {
  const wanted = kinds.length ? kinds : ['component'];
  if (query.trim()) {
    const found = await deps.portal.find(query, { kinds: wanted, limit: SLACK_LIMITS.externalOptions });
    return found.map((f) => option(`${f.summary.title ?? f.summary.name} (${f.summary.ref})`, f.summary.ref));
  }
  const lists = await Promise.all(
    wanted.map((kind) => deps.store.listEntities({ kind, limit: SLACK_LIMITS.externalOptions })),
  );
  return lists
    .flat()
    .slice(0, SLACK_LIMITS.externalOptions)
    .map((e) => option(`${e.entity.metadata.title ?? e.name} (${e.ref})`, e.ref));
}

export function registerFormListeners(app: App, deps: CreateDeps, registry: Registry): void {
  const { templates, formContext, checks, tasks } = deps.scaffolder;

  registry.actions.push(ACTION_PICK_TEMPLATE);
  app.action<BlockAction<StaticSelectAction>>(ACTION_PICK_TEMPLATE, async ({ ack, body, client }) => {
    await ack();
    const ref = body.actions[0]?.selected_option?.value;
    const template = ref ? await templates.get(ref) : undefined;
    if (!body.view) return;
    const view = template ? firstFormView(deps, template, decodePickerMetadata(body.view.private_metadata)) : EXPIRED;
    await client.views.update({ view_id: body.view.id, hash: body.view.hash, view });
  });

  app.view<ViewSubmitAction>(CALLBACK_PICK, async ({ ack, view }) => {
    const ref = view.state.values[BLOCK_PICK_TEMPLATE]?.[ACTION_PICK_TEMPLATE]?.selected_option?.value;
    const template = ref ? await templates.get(ref) : undefined;
    if (!template) {
      await ack({ response_action: 'errors', errors: { [BLOCK_PICK_TEMPLATE]: 'Choose a template.' } });
      return;
    }
    await ack({
      response_action: 'update',
      view: firstFormView(deps, template, decodePickerMetadata(view.private_metadata)),
    });
  });

  app.view<ViewSubmitAction>(CALLBACK_FORM, async ({ ack, body, view, client }) => {
    const meta = decodeFormMetadata(view.private_metadata);
    const template = meta ? await templates.get(meta.template) : undefined;
    if (!meta || !template) {
      await ack({ response_action: 'update', view: EXPIRED });
      return;
    }
    let outcome: SubmissionOutcome;
    try {
      outcome = await handleFormSubmission(template, meta, view.state.values as ViewStateValues, formContext, checks);
    } catch (error) {
      if (!(error instanceof FormTooLargeError)) throw error;
      const first = templateFields(template).find(
        (f) => meta.pages.includes(f.pageIndex) && fieldKind(f).kind !== 'hidden',
      );
      await ack({
        response_action: 'errors',
        errors: { [first ? blockIdOf(first) : BLOCK_PICK_TEMPLATE]: error.message },
      });
      return;
    }
    if (outcome.type === 'errors') {
      await ack({ response_action: 'errors', errors: outcome.errors });
      return;
    }
    if (outcome.type === 'next') {
      await ack({ response_action: outcome.push ? 'push' : 'update', view: outcome.view });
      return;
    }
    const requester = await requesterOf(deps, client, body.user.id);
    const permission = await mayCreate(
      requester,
      deps.scaffolder.policy,
      slackPeople(client),
      deps.scaffolder.membership,
    );
    if (!permission.allowed) {
      await ack({ response_action: 'update', view: messageView('Create', `:lock: ${permission.reason}`) });
      return;
    }
    if (deps.tryOut) {
      const user = { ref: requester.userRef, slackUserId: requester.slackUserId };
      const dryRun = await deps.scaffolder.dryRun(template, outcome.values, user);
      await ack({ response_action: 'update', view: dryRunView(template, dryRun) });
      return;
    }
    await ack({ response_action: 'clear' });
    // The request id came with the form: a second submit of the same form finds the first task.
    await tasks.submit({ template, values: outcome.values, requestKey: `slack:${outcome.requestId}`, requester });
  });

  app.options<'block_suggestion'>(ACTION_ENTITY_OPTIONS, async ({ ack, body }) => {
    const suggestion = body as BlockSuggestion;
    const meta = decodeFormMetadata(suggestion.view?.private_metadata);
    const template = meta ? await templates.get(meta.template) : undefined;
    const field = template && templateFields(template).find((f) => blockIdOf(f) === suggestion.block_id);
    const kind = field ? fieldKind(field) : undefined;
    const kinds = kind?.kind === 'entity' ? kind.kinds : [];
    await ack({ options: field ? await entityOptions(deps, kinds, suggestion.value ?? '') : [] });
  });

  app.options<'block_suggestion'>(ACTION_CHOICE_OPTIONS, async ({ ack, body }) => {
    const suggestion = body as BlockSuggestion;
    const meta = decodeFormMetadata(suggestion.view?.private_metadata);
    const template = meta ? await templates.get(meta.template) : undefined;
    const field = template && templateFields(template).find((f) => blockIdOf(f) === suggestion.block_id);
    const kind = field ? fieldKind(field) : undefined;
    const choices = kind && (kind.kind === 'select' || kind.kind === 'multiselect') ? kind.choices : [];
    const query = (suggestion.value ?? '').toLowerCase();
    const options = choices
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.label.toLowerCase().includes(query))
      .slice(0, SLACK_LIMITS.externalOptions)
      .map(({ c, i }) => option(c.label, String(i)));
    await ack({ options });
  });

  app.options<'block_suggestion'>(ACTION_PICK_TEMPLATE, async ({ ack, body }) => {
    const query = ((body as BlockSuggestion).value ?? '').toLowerCase();
    const all = await templates.list();
    const labels = templateLabels(all);
    const options = all
      .filter((t) => `${t.title} ${t.name} ${t.description ?? ''}`.toLowerCase().includes(query))
      .slice(0, SLACK_LIMITS.externalOptions)
      .map((t) => option(labels.get(t.ref) ?? t.title, t.ref));
    await ack({ options });
  });
}
