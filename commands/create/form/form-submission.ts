// What a submitted form page leads to: errors under their fields, the next page, or a complete
// set of values ready to become a task. Pure of Slack I/O: the caller acks with the result.
import type { ModalView } from '@slack/types';
import type { TemplateDefinition, TemplateValues } from '../../../src/scaffold/types.js';
import { pageFields, type TemplateField } from '../../../src/scaffold/template/fields.js';
import { validateValues, type ValueChecks } from '../../../src/scaffold/template/validate-values.js';
import { blockIdOf, type FormContext } from './field-blocks.js';
import { fieldKind } from './field-kind.js';
import type { FormMetadata } from './form-metadata.js';
import { formLayout, nextPage } from './form-plan.js';
import { readViewState, type ViewStateValues } from './form-state.js';
import { formView } from './form-views.js';
import { SLACK_LIMITS } from './slack-limits.js';

export type SubmissionOutcome =
  /** `response_action: errors`: block_id -> message. */
  | { type: 'errors'; errors: Record<string, string> }
  /** The next page: pushed onto the stack, or replacing this view when the stack is full. */
  | { type: 'next'; view: ModalView; push: boolean }
  | { type: 'complete'; values: TemplateValues; requestId: string; channelId?: string };

function shownFields(template: TemplateDefinition, pages: number[]): TemplateField[] {
  return pages.flatMap((i) => pageFields(template.pages[i], i));
}

/** Field errors as Slack wants them; errors of fields not in this view go under its first input. */
function errorsByBlock(
  fields: TemplateField[],
  fieldErrors: Record<string, string>,
  otherErrors: string[],
): Record<string, string> {
  const visible = fields.filter((f) => fieldKind(f).kind !== 'hidden');
  const errors: Record<string, string> = {};
  const leftovers = [...otherErrors];
  for (const [name, message] of Object.entries(fieldErrors)) {
    const field = visible.find((f) => f.name === name);
    if (field) errors[blockIdOf(field)] = message;
    else leftovers.push(`${name}: ${message}`);
  }
  if (leftovers.length) {
    const first = visible[0];
    const key = first ? blockIdOf(first) : undefined;
    if (key) errors[key] = [errors[key], ...leftovers].filter(Boolean).join(' ').slice(0, SLACK_LIMITS.hint);
  }
  return errors;
}

export async function handleFormSubmission(
  template: TemplateDefinition,
  meta: FormMetadata,
  state: ViewStateValues,
  context: FormContext,
  checks: ValueChecks = {},
): Promise<SubmissionOutcome> {
  const fields = shownFields(template, meta.pages);
  const parsed = readViewState(fields, state, context);
  const values = { ...meta.values, ...parsed.values };
  // A field left empty on this page clears an earlier answer to it.
  for (const field of fields)
    if (!(field.name in parsed.values) && fieldKind(field).kind !== 'hidden') delete values[field.name];
  if (Object.keys(parsed.fieldErrors).length)
    return { type: 'errors', errors: errorsByBlock(fields, parsed.fieldErrors, []) };

  const last = meta.pages[meta.pages.length - 1] ?? 0;
  const next = formLayout(template) === 'wizard' ? nextPage(template, last, values) : undefined;
  if (next !== undefined) {
    const check = await validateValues(template, values, { pages: meta.pages, checks });
    if (!check.ok) return { type: 'errors', errors: errorsByBlock(fields, check.fieldErrors, check.formErrors) };
    const push = meta.depth < SLACK_LIMITS.viewStackDepth;
    const nextMeta: FormMetadata = {
      ...meta,
      pages: [next],
      depth: push ? meta.depth + 1 : meta.depth,
      values: check.values,
    };
    return { type: 'next', view: formView(template, nextMeta, check.values, context), push };
  }

  const check = await validateValues(template, values, { checks });
  if (!check.ok) return { type: 'errors', errors: errorsByBlock(fields, check.fieldErrors, check.formErrors) };
  return { type: 'complete', values: check.values, requestId: meta.requestId, channelId: meta.channelId };
}
