// Reads a submitted modal's state back into template values, field by field.
import { formatRepoUrl } from '../../../src/scaffold/repo-url.js';
import type { TemplateField } from '../../../src/scaffold/template/fields.js';
import { blockIdOf, type FormContext } from './field-blocks.js';
import { fieldKind } from './field-kind.js';

/** One element's state as Slack sends it in view.state.values[block_id][action_id]. */
interface ElementState {
  type?: string;
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: Array<{ value: string }>;
  selected_date?: string | null;
  selected_time?: string | null;
  selected_date_time?: number | null;
}

export type ViewStateValues = Record<string, Record<string, ElementState>>;

interface ParsedState {
  values: Record<string, unknown>;
  /** Errors found while reading (e.g. JSON that does not parse), by field name. */
  fieldErrors: Record<string, string>;
}

/** The first (only) element of a block: every field block holds one. */
function elementOf(state: ViewStateValues, blockId: string): ElementState | undefined {
  const block = state[blockId];
  if (!block) return undefined;
  return Object.values(block)[0];
}

function text(element: ElementState | undefined): string | undefined {
  const value = element?.value;
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function chosenIndex(option: { value: string } | null | undefined): number | undefined {
  if (!option) return undefined;
  const index = Number(option.value);
  return Number.isInteger(index) && index >= 0 ? index : undefined;
}

/** Reads the fields shown in a view; fields that were not shown are left out. */
export function readViewState(fields: TemplateField[], state: ViewStateValues, context: FormContext): ParsedState {
  const values: Record<string, unknown> = {};
  const fieldErrors: Record<string, string> = {};
  for (const field of fields) {
    const kind = fieldKind(field);
    const element = elementOf(state, blockIdOf(field));
    if (kind.kind === 'hidden') continue;
    if (!element) continue;
    switch (kind.kind) {
      case 'text':
      case 'entityName': {
        const value = text(element);
        if (value !== undefined) values[field.name] = kind.kind === 'entityName' ? value.trim() : value;
        break;
      }
      case 'date':
        if (element.selected_date) values[field.name] = element.selected_date;
        break;
      case 'time':
        if (element.selected_time) values[field.name] = element.selected_time;
        break;
      case 'datetime':
        if (typeof element.selected_date_time === 'number')
          values[field.name] = new Date(element.selected_date_time * 1000).toISOString();
        break;
      case 'number': {
        const value = text(element);
        if (value === undefined) break;
        const n = Number(value);
        if (Number.isNaN(n)) fieldErrors[field.name] = 'Enter a number.';
        else values[field.name] = n;
        break;
      }
      case 'boolean':
        values[field.name] = (element.selected_options ?? []).length > 0;
        break;
      case 'select': {
        const index = chosenIndex(element.selected_option);
        if (index !== undefined && index < kind.choices.length) values[field.name] = kind.choices[index].value;
        break;
      }
      case 'multiselect': {
        const chosen = (element.selected_options ?? [])
          .map(chosenIndex)
          .filter((i): i is number => i !== undefined && i < kind.choices.length)
          .map((i) => kind.choices[i].value);
        if (chosen.length) values[field.name] = chosen;
        break;
      }
      case 'list': {
        const items = (text(element) ?? '')
          .split(/\r?\n|,/)
          .map((s) => s.trim())
          .filter(Boolean);
        if (items.length) values[field.name] = items;
        break;
      }
      case 'json': {
        const raw = text(element);
        if (raw === undefined) break;
        try {
          values[field.name] = JSON.parse(raw);
        } catch {
          fieldErrors[field.name] = 'Enter valid JSON.';
        }
        break;
      }
      case 'entity': {
        if (kind.multiple) {
          const refs = (element.selected_options ?? []).map((o) => o.value);
          if (refs.length) values[field.name] = refs;
        } else if (element.selected_option) {
          values[field.name] = element.selected_option.value;
        }
        break;
      }
      case 'repository': {
        const repo = text(element)?.trim();
        if (repo === undefined) break;
        const chosenOwner = elementOf(state, blockIdOf(field, 'owner'))?.selected_option?.value;
        const owner = chosenOwner ?? (kind.owners.length === 1 ? kind.owners[0] : context.org);
        values[field.name] = formatRepoUrl({ host: kind.host ?? context.host, owner, repo });
        break;
      }
    }
  }
  return { values, fieldErrors };
}
