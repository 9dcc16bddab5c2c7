// The modal views of /create: loading, template picker, a template's form pages, and a plain
// message (not allowed, request received). Each fits Slack's limits.
import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { templateLabels } from '../../../src/scaffold/template/template-labels.js';
import type { TemplateDefinition, TemplateValues, UnavailableTemplate } from '../../../src/scaffold/types.js';
import { pageFields } from '../../../src/scaffold/template/fields.js';
import { fieldBlocks, type FormContext } from './field-blocks.js';
import { encodeFormMetadata, type FormMetadata } from './form-metadata.js';
import { formLayout, mayHaveNextPage } from './form-plan.js';
import { clip, plainText, SLACK_LIMITS } from './slack-limits.js';
import { unavailableBlocks } from './unavailable-templates.js';

export const CALLBACK_PICK = 'callboard.create.pick';
export const CALLBACK_FORM = 'callboard.create.form';
export const ACTION_PICK_TEMPLATE = 'callboard.create.pick_template';
export const BLOCK_PICK_TEMPLATE = 'template';

function modal(title: string, blocks: KnownBlock[], extra: Partial<ModalView> = {}): ModalView {
  return {
    type: 'modal',
    title: plainText(title, SLACK_LIMITS.modalTitle),
    close: plainText('Cancel', SLACK_LIMITS.modalButton),
    blocks: blocks.slice(0, SLACK_LIMITS.viewBlocks),
    ...extra,
  };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_LIMITS.sectionText) } };
}

export function loadingView(what = 'templates'): ModalView {
  return modal('Create', [section(`:hourglass_flowing_sand: Loading ${what}…`)]);
}

export function messageView(title: string, text: string): ModalView {
  return { ...modal(title, [section(text)]), close: plainText('Close', SLACK_LIMITS.modalButton) };
}

function templateOption(template: TemplateDefinition, label: string): PlainTextOption {
  return {
    text: plainText(label, SLACK_LIMITS.optionText),
    value: clip(template.ref, SLACK_LIMITS.optionValue),
    ...(template.description ? { description: plainText(template.description, SLACK_LIMITS.optionDescription) } : {}),
  };
}

/** The template picker: choosing one replaces the view with its form at once. */
export function pickerView(
  templates: TemplateDefinition[],
  meta: { requestId: string; channelId?: string },
  unavailable: readonly UnavailableTemplate[] = [],
): ModalView {
  const metadata = JSON.stringify({ r: meta.requestId, c: meta.channelId });
  if (!templates.length) {
    const none = messageView(
      'Create',
      unavailable.length
        ? 'No software template can be used right now.'
        : 'There are no software templates yet. Add one under `templates/` or register a Template in the catalog.',
    );
    return { ...none, blocks: [...none.blocks, ...unavailableBlocks(unavailable)] };
  }
  const labels = templateLabels(templates);
  const byType = new Map<string, TemplateDefinition[]>();
  for (const t of [...templates].sort((a, b) => a.title.localeCompare(b.title)))
    byType.set(t.type, [...(byType.get(t.type) ?? []), t]);
  const select =
    templates.length > SLACK_LIMITS.options
      ? { type: 'external_select' as const, action_id: ACTION_PICK_TEMPLATE, min_query_length: 0 }
      : byType.size > 1
        ? {
            type: 'static_select' as const,
            action_id: ACTION_PICK_TEMPLATE,
            option_groups: [...byType].map(([type, list]) => ({
              label: plainText(type, SLACK_LIMITS.optionText),
              options: list.map((t) => templateOption(t, labels.get(t.ref) ?? t.title)),
            })),
          }
        : {
            type: 'static_select' as const,
            action_id: ACTION_PICK_TEMPLATE,
            options: templates.map((t) => templateOption(t, labels.get(t.ref) ?? t.title)),
          };
  return modal(
    'Create',
    [
      section(
        'Pick a software template. Callboard creates the repository, gives your team access and registers it in the catalog.',
      ),
      {
        type: 'input',
        block_id: BLOCK_PICK_TEMPLATE,
        dispatch_action: true,
        label: plainText('Template', SLACK_LIMITS.inputLabel),
        element: { ...select, placeholder: plainText('Choose a template', SLACK_LIMITS.placeholderText) },
      },
      ...unavailableBlocks(unavailable),
    ],
    { callback_id: CALLBACK_PICK, private_metadata: metadata, submit: plainText('Next', SLACK_LIMITS.modalButton) },
  );
}

export function decodePickerMetadata(text: string | undefined): { requestId?: string; channelId?: string } {
  try {
    const raw = JSON.parse(text ?? '{}') as { r?: unknown; c?: unknown };
    return {
      requestId: typeof raw.r === 'string' ? raw.r : undefined,
      channelId: typeof raw.c === 'string' ? raw.c : undefined,
    };
  } catch {
    return {};
  }
}

/** The view for `meta.pages` of a template, pre-filled with `values` (answers or defaults). */
export function formView(
  template: TemplateDefinition,
  meta: FormMetadata,
  values: TemplateValues,
  context: FormContext,
): ModalView {
  const blocks: KnownBlock[] = [];
  const layout = formLayout(template);
  const first = meta.pages[0] ?? 0;
  if (first === 0 || layout !== 'wizard') {
    const approval = template.approvers
      ? `\n_Needs approval from ${template.approvers} before anything is created._`
      : '';
    blocks.push(section(`*${template.title}*${template.description ? `\n${template.description}` : ''}${approval}`));
  }
  let focused = false;
  for (const pageIndex of meta.pages) {
    const page = template.pages[pageIndex];
    if (page.title && layout !== 'single')
      blocks.push({ type: 'header', text: plainText(page.title, SLACK_LIMITS.headerText) });
    if (page.description && layout !== 'single')
      blocks.push({
        type: 'context',
        elements: [{ type: 'mrkdwn', text: clip(page.description, SLACK_LIMITS.sectionText) }],
      });
    for (const field of pageFields(page, pageIndex)) {
      const value = values[field.name] ?? field.schema.default;
      const focus = !focused && field.schema['ui:autofocus'] === true;
      const fieldBlockList = fieldBlocks(field, value, context, focus);
      if (focus && fieldBlockList.length) focused = true;
      blocks.push(...fieldBlockList);
    }
  }
  const last = meta.pages[meta.pages.length - 1] ?? 0;
  const more = layout === 'wizard' && mayHaveNextPage(template, last);
  const submit = more ? 'Next' : (template.createLabel ?? 'Create');
  return modal(template.title, blocks, {
    callback_id: CALLBACK_FORM,
    private_metadata: encodeFormMetadata(meta),
    submit: plainText(submit, SLACK_LIMITS.modalButton),
  });
}
