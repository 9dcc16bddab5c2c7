// One template field as Slack input blocks, pre-filled from the value it has (or its default).
import { createHash } from 'node:crypto';
import type { InputBlock, KnownBlock, PlainTextOption } from '@slack/types';
import { parseRepoUrl } from '../../../src/scaffold/repo-url.js';
import type { TemplateField } from '../../../src/scaffold/template/fields.js';
import type { FormContext } from '../../../src/scaffold/types.js';
import { type Choice, type FieldKind, fieldKind } from './field-kind.js';
import { clip, plainText, SLACK_LIMITS } from './slack-limits.js';

export type { FormContext };

/** A select of repository visibilities (its choices are among private, internal, public). */
function isVisibilityChoice(choices: Choice[]): boolean {
  return (
    choices.some((c) => c.value === 'internal') &&
    choices.every((c) => ['private', 'internal', 'public'].includes(String(c.value)))
  );
}

/** The choices a form offers: `internal` only where the organisation's plan accepts it. */
function offeredChoices(choices: Choice[], context: FormContext): Choice[] {
  if (context.internalRepositories !== false || !isVisibilityChoice(choices)) return choices;
  return choices.filter((c) => c.value !== 'internal');
}

const ACTION_VALUE = 'value';
/** external_select of catalog entities: answered from the catalog as the user types. */
export const ACTION_ENTITY_OPTIONS = 'callboard.create.entity';
/** external_select over an enum too long for a static select. */
export const ACTION_CHOICE_OPTIONS = 'callboard.create.choice';

export function blockIdOf(field: { name: string }, part?: string): string {
  const name = field.name.length <= 200 ? field.name : `#${createHash('sha1').update(field.name).digest('hex')}`;
  return part ? `field:${name}:${part}` : `field:${name}`;
}

function choiceOption(choice: Choice, index: number): PlainTextOption {
  return { text: plainText(choice.label, SLACK_LIMITS.optionText), value: String(index) };
}

function hintOf(field: TemplateField, extra?: string): InputBlock['hint'] {
  const help = typeof field.schema['ui:help'] === 'string' ? field.schema['ui:help'] : undefined;
  const description = typeof field.schema.description === 'string' ? field.schema.description : undefined;
  const text = [help ?? description, extra].filter(Boolean).join(' ');
  return text ? plainText(text, SLACK_LIMITS.hint) : undefined;
}

function placeholderOf(field: TemplateField): { placeholder?: ReturnType<typeof plainText> } {
  const text = field.schema['ui:placeholder'] ?? field.uiOptions.placeholder;
  return typeof text === 'string' && text ? { placeholder: plainText(text, SLACK_LIMITS.placeholderText) } : {};
}

function input(
  field: TemplateField,
  element: InputBlock['element'],
  options: { part?: string; label?: string; optional?: boolean; hint?: string } = {},
): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: blockIdOf(field, options.part),
    label: plainText(options.label ?? field.title, SLACK_LIMITS.inputLabel),
    optional: options.optional ?? !field.required,
    element,
  };
  const hint = hintOf(field, options.hint);
  if (hint) block.hint = hint;
  return block;
}

function textValue(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return clip(typeof value === 'string' ? value : JSON.stringify(value, null, 2), SLACK_LIMITS.plainTextMaxLength);
}

function indexOfChoice(choices: Choice[], value: unknown): number {
  return choices.findIndex((c) => c.value === value);
}

/** What every kind's builder gets: the field, the value it starts with, and the form it sits in. */
interface FieldInput {
  field: TemplateField;
  value: unknown;
  context: FormContext;
  /** `focus_on_load` when this field is the one the cursor starts in. */
  focusable: { focus_on_load?: true };
}

type FieldKindOf<K extends FieldKind['kind']> = FieldKind & { kind: K };
type BlockBuilder<K extends FieldKind['kind']> = (kind: FieldKindOf<K>, at: FieldInput) => KnownBlock[];

/** What a text-like input ends with: the field's placeholder, focus, and the text it starts with (if any). */
function textParts({ field, focusable }: FieldInput, initial: string | undefined) {
  return { ...placeholderOf(field), ...focusable, ...(initial ? { initial_value: initial } : {}) };
}

function textBlocks(kind: FieldKindOf<'text'>, at: FieldInput): KnownBlock[] {
  const { field, value } = at;
  const schema = field.schema;
  const initial = textValue(value);
  if (kind.format) {
    const type = kind.format === 'email' ? 'email_text_input' : 'url_text_input';
    return [input(field, { type, action_id: ACTION_VALUE, ...textParts(at, initial) })];
  }
  const max =
    typeof schema.maxLength === 'number' ? Math.min(schema.maxLength, SLACK_LIMITS.plainTextMaxLength) : undefined;
  const min =
    typeof schema.minLength === 'number' && schema.minLength > 0
      ? Math.min(schema.minLength, SLACK_LIMITS.plainTextMaxLength)
      : undefined;
  return [
    input(field, {
      type: 'plain_text_input',
      action_id: ACTION_VALUE,
      multiline: kind.multiline,
      ...textParts(at, initial),
      ...(max ? { max_length: max } : {}),
      ...(min ? { min_length: min } : {}),
    }),
  ];
}

function entityNameBlocks(_kind: FieldKindOf<'entityName'>, at: FieldInput): KnownBlock[] {
  return [
    input(
      at.field,
      { type: 'plain_text_input', action_id: ACTION_VALUE, max_length: 63, ...textParts(at, textValue(at.value)) },
      { hint: 'Letters, digits, "-", "_" and ".", no spaces.' },
    ),
  ];
}

function dateBlocks(_kind: FieldKindOf<'date'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  return [
    input(field, {
      type: 'datepicker',
      action_id: ACTION_VALUE,
      ...focusable,
      ...(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? { initial_date: value } : {}),
    }),
  ];
}

function timeBlocks(_kind: FieldKindOf<'time'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  return [
    input(field, {
      type: 'timepicker',
      action_id: ACTION_VALUE,
      ...focusable,
      ...(typeof value === 'string' && /^\d{2}:\d{2}/.test(value) ? { initial_time: value.slice(0, 5) } : {}),
    }),
  ];
}

function dateTimeBlocks(_kind: FieldKindOf<'datetime'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return [
    input(field, {
      type: 'datetimepicker',
      action_id: ACTION_VALUE,
      ...focusable,
      ...(Number.isNaN(at) ? {} : { initial_date_time: Math.floor(at / 1000) }),
    }),
  ];
}

function numberBlocks(kind: FieldKindOf<'number'>, at: FieldInput): KnownBlock[] {
  const { field, value } = at;
  const schema = field.schema;
  return [
    input(field, {
      type: 'number_input',
      action_id: ACTION_VALUE,
      is_decimal_allowed: kind.decimal,
      ...textParts(at, typeof value === 'number' ? String(value) : undefined),
      ...(typeof schema.minimum === 'number' ? { min_value: String(schema.minimum) } : {}),
      ...(typeof schema.maximum === 'number' ? { max_value: String(schema.maximum) } : {}),
    }),
  ];
}

function booleanBlocks(_kind: FieldKindOf<'boolean'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const description = typeof field.schema.description === 'string' ? field.schema.description : undefined;
  const option: PlainTextOption = {
    text: plainText(field.title, SLACK_LIMITS.optionText),
    value: 'true',
    ...(description ? { description: plainText(description, SLACK_LIMITS.optionDescription) } : {}),
  };
  // Unticked is an answer (false), so a checkbox is never required.
  const block = input(
    field,
    {
      type: 'checkboxes',
      action_id: ACTION_VALUE,
      options: [option],
      ...focusable,
      ...(value === true ? { initial_options: [option] } : {}),
    },
    { optional: true },
  );
  delete block.hint;
  return [block];
}

function selectBlocks(kind: FieldKindOf<'select'>, { field, value, context, focusable }: FieldInput): KnownBlock[] {
  const choices = offeredChoices(kind.choices, context);
  const options = choices.map(choiceOption);
  const index = indexOfChoice(choices, value);
  const initial = index >= 0 ? { initial_option: options[index] } : {};
  if (kind.style === 'radio')
    return [input(field, { type: 'radio_buttons', action_id: ACTION_VALUE, options, ...focusable, ...initial })];
  if (kind.style === 'external') {
    return [
      input(field, {
        type: 'external_select',
        action_id: ACTION_CHOICE_OPTIONS,
        min_query_length: 0,
        ...placeholderOf(field),
        ...focusable,
        ...initial,
      }),
    ];
  }
  return [
    input(field, {
      type: 'static_select',
      action_id: ACTION_VALUE,
      options,
      ...placeholderOf(field),
      ...focusable,
      ...initial,
    }),
  ];
}

function multiselectBlocks(kind: FieldKindOf<'multiselect'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const options = kind.choices.map(choiceOption);
  const chosen = Array.isArray(value)
    ? value
        .map((v) => indexOfChoice(kind.choices, v))
        .filter((i) => i >= 0)
        .map((i) => options[i])
    : [];
  const initial = chosen.length ? { initial_options: chosen } : {};
  const max = typeof field.schema.maxItems === 'number' ? { max_selected_items: field.schema.maxItems } : {};
  if (kind.style === 'checkboxes')
    return [input(field, { type: 'checkboxes', action_id: ACTION_VALUE, options, ...focusable, ...initial })];
  if (kind.style === 'external') {
    return [
      input(field, {
        type: 'multi_external_select',
        action_id: ACTION_CHOICE_OPTIONS,
        min_query_length: 0,
        ...placeholderOf(field),
        ...focusable,
        ...initial,
        ...max,
      }),
    ];
  }
  return [
    input(field, {
      type: 'multi_static_select',
      action_id: ACTION_VALUE,
      options,
      ...placeholderOf(field),
      ...focusable,
      ...initial,
      ...max,
    }),
  ];
}

function listBlocks(_kind: FieldKindOf<'list'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const initial =
    Array.isArray(value) && value.length
      ? { initial_value: clip(value.map(String).join('\n'), SLACK_LIMITS.plainTextMaxLength) }
      : {};
  return [
    input(
      field,
      {
        type: 'plain_text_input',
        action_id: ACTION_VALUE,
        multiline: true,
        ...placeholderOf(field),
        ...focusable,
        ...initial,
      },
      { hint: 'One per line.' },
    ),
  ];
}

function jsonBlocks(_kind: FieldKindOf<'json'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const initial = textValue(value);
  return [
    input(
      field,
      {
        type: 'plain_text_input',
        action_id: ACTION_VALUE,
        multiline: true,
        ...focusable,
        ...(initial ? { initial_value: initial } : {}),
      },
      { hint: 'As JSON.' },
    ),
  ];
}

function entityBlocks(kind: FieldKindOf<'entity'>, { field, value, focusable }: FieldInput): KnownBlock[] {
  const refs = (
    Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value]
  ).filter((v): v is string => typeof v === 'string');
  const options = refs.map((ref) => ({
    text: plainText(ref, SLACK_LIMITS.optionText),
    value: clip(ref, SLACK_LIMITS.optionValue),
  }));
  if (kind.multiple) {
    return [
      input(field, {
        type: 'multi_external_select',
        action_id: ACTION_ENTITY_OPTIONS,
        min_query_length: 0,
        ...placeholderOf(field),
        ...focusable,
        ...(options.length ? { initial_options: options } : {}),
      }),
    ];
  }
  return [
    input(field, {
      type: 'external_select',
      action_id: ACTION_ENTITY_OPTIONS,
      min_query_length: 0,
      ...placeholderOf(field),
      ...focusable,
      ...(options.length ? { initial_option: options[0] } : {}),
    }),
  ];
}

/** An owner select (when more than one owner is allowed) and the repository name. */
function repositoryBlocks(kind: FieldKindOf<'repository'>, at: FieldInput): KnownBlock[] {
  const { field, value, context } = at;
  let owner: string | undefined;
  let repo: string | undefined;
  try {
    if (value) ({ owner, repo } = parseRepoUrl(value));
  } catch {
    // A malformed default just leaves the inputs empty.
  }
  const blocks: KnownBlock[] = [];
  if (kind.owners.length > 1) {
    const ownerOptions = kind.owners
      .slice(0, SLACK_LIMITS.options)
      .map((o) => ({ text: plainText(o, SLACK_LIMITS.optionText), value: clip(o, SLACK_LIMITS.optionValue) }));
    const chosen = ownerOptions.find((o) => o.value === owner);
    blocks.push(
      input(
        field,
        {
          type: 'static_select',
          action_id: ACTION_VALUE,
          options: ownerOptions,
          ...(chosen ? { initial_option: chosen } : {}),
        },
        { part: 'owner', label: `${field.title}: owner`, optional: false },
      ),
    );
  }
  const org = kind.owners.length === 1 ? kind.owners[0] : kind.owners.length ? undefined : context.org;
  blocks.push(
    input(
      field,
      {
        type: 'plain_text_input',
        action_id: ACTION_VALUE,
        max_length: 100,
        ...textParts(at, repo),
      },
      { hint: `${org ? `Created in ${org}. ` : ''}Letters, digits, ".", "-" and "_".` },
    ),
  );
  return blocks;
}

/** How each kind of field becomes Slack input blocks; hidden fields become none. */
const FIELD_BLOCKS: { [K in FieldKind['kind']]: BlockBuilder<K> } = {
  hidden: () => [],
  text: textBlocks,
  entityName: entityNameBlocks,
  date: dateBlocks,
  time: timeBlocks,
  datetime: dateTimeBlocks,
  number: numberBlocks,
  boolean: booleanBlocks,
  select: selectBlocks,
  multiselect: multiselectBlocks,
  list: listBlocks,
  json: jsonBlocks,
  entity: entityBlocks,
  repository: repositoryBlocks,
};

/** The input blocks of a field (none for hidden fields), with `value` as the initial value. */
export function fieldBlocks(field: TemplateField, value: unknown, context: FormContext, focus = false): KnownBlock[] {
  const kind = fieldKind(field);
  // TypeScript cannot tie the looked-up builder to the kind it was looked up by, hence the widening.
  const build = FIELD_BLOCKS[kind.kind] as BlockBuilder<FieldKind['kind']>;
  return build(kind, { field, value, context, focusable: focus ? { focus_on_load: true } : {} });
}
