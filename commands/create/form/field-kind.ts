// Decides which Slack input a template field becomes, from its JSON Schema and `ui:` hints.
import { ENTITY_PICKERS, MULTI_ENTITY_PICKERS } from '../../../src/scaffold/template/field-rules.js';
import type { TemplateField } from '../../../src/scaffold/template/fields.js';
import { SLACK_LIMITS } from './slack-limits.js';

export interface Choice {
  value: unknown;
  label: string;
}

export type FieldKind =
  | { kind: 'hidden' }
  | { kind: 'text'; multiline: boolean; format?: 'email' | 'url' }
  | { kind: 'date' | 'time' | 'datetime' }
  | { kind: 'number'; decimal: boolean }
  | { kind: 'boolean' }
  | { kind: 'select'; choices: Choice[]; style: 'static' | 'radio' | 'external' }
  | { kind: 'multiselect'; choices: Choice[]; style: 'static' | 'checkboxes' | 'external' }
  | { kind: 'list' }
  | { kind: 'json' }
  | { kind: 'entity'; multiple: boolean; kinds: string[] }
  | { kind: 'repository'; owners: string[]; host?: string }
  | { kind: 'entityName' };

function typeOf(schema: Record<string, unknown>): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return typeof type === 'string' ? type : undefined;
}

/** `enum` with `enumNames`, or rjsf's `oneOf: [{ const, title }]`. */
function choicesOf(schema: Record<string, unknown>): Choice[] | undefined {
  if (Array.isArray(schema.enum)) {
    const names = Array.isArray(schema.enumNames) ? schema.enumNames : [];
    return schema.enum.map((value, i) => ({
      value,
      label: typeof names[i] === 'string' ? (names[i] as string) : String(value),
    }));
  }
  const alternatives = Array.isArray(schema.oneOf)
    ? schema.oneOf
    : Array.isArray(schema.anyOf)
      ? schema.anyOf
      : undefined;
  if (alternatives?.length && alternatives.every((a) => a && typeof a === 'object' && 'const' in a)) {
    return alternatives.map((a) => {
      const option = a as Record<string, unknown>;
      return { value: option.const, label: typeof option.title === 'string' ? option.title : String(option.const) };
    });
  }
  return undefined;
}

/** The kinds an entity picker offers: `ui:options.catalogFilter.kind` or `allowedKinds`, else its default. */
function pickerKinds(field: TemplateField): string[] {
  const filter = field.uiOptions.catalogFilter;
  const filters = Array.isArray(filter) ? filter : filter ? [filter] : [];
  const kinds = new Set<string>();
  for (const f of filters) {
    const kind = (f as Record<string, unknown> | null)?.kind;
    for (const k of Array.isArray(kind) ? kind : [kind]) if (typeof k === 'string') kinds.add(k.toLowerCase());
  }
  const allowed = field.uiOptions.allowedKinds;
  if (Array.isArray(allowed)) for (const k of allowed) if (typeof k === 'string') kinds.add(k.toLowerCase());
  if (kinds.size) return [...kinds];
  return field.uiField === 'OwnerPicker' || field.uiField === 'MyGroupsPicker' ? ['group'] : [];
}

/**
 * How a list of choices is shown: past a static select's limit, answered as the user types; as the
 * buttons or boxes `ui:widget` asks for when there are few enough of them; else a static select.
 */
function choiceStyle<W extends 'radio' | 'checkboxes'>(
  count: number,
  uiWidget: string | undefined,
  widget: W,
  widgetLimit: number,
): 'external' | W | 'static' {
  if (count > SLACK_LIMITS.options) return 'external';
  return uiWidget === widget && count <= widgetLimit ? widget : 'static';
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function fieldKind(field: TemplateField): FieldKind {
  const { schema, uiField, uiWidget } = field;
  if (
    uiWidget === 'hidden' ||
    schema.const !== undefined ||
    schema.readOnly === true ||
    schema['ui:readonly'] === true ||
    field.uiOptions.hidden === true
  ) {
    return { kind: 'hidden' };
  }
  if (uiField === 'RepoUrlPicker') {
    const hosts = strings(field.uiOptions.allowedHosts);
    return { kind: 'repository', owners: strings(field.uiOptions.allowedOwners), host: hosts[0] };
  }
  if (uiField === 'EntityNamePicker') return { kind: 'entityName' };
  if (uiField && ENTITY_PICKERS.has(uiField)) return { kind: 'entity', multiple: false, kinds: pickerKinds(field) };
  if (uiField && MULTI_ENTITY_PICKERS.has(uiField))
    return { kind: 'entity', multiple: true, kinds: pickerKinds(field) };

  const type = typeOf(schema);
  const choices = choicesOf(schema);
  if (choices && type !== 'array') {
    const style = choiceStyle(choices.length, uiWidget, 'radio', SLACK_LIMITS.radioOptions);
    return { kind: 'select', choices, style };
  }
  switch (type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'number':
    case 'integer':
      return { kind: 'number', decimal: type === 'number' };
    case 'array': {
      const items = (schema.items && typeof schema.items === 'object' ? schema.items : {}) as Record<string, unknown>;
      const itemChoices = choicesOf(items);
      if (itemChoices) {
        const style = choiceStyle(itemChoices.length, uiWidget, 'checkboxes', SLACK_LIMITS.checkboxOptions);
        return { kind: 'multiselect', choices: itemChoices, style };
      }
      const itemType = typeOf(items);
      return itemType === undefined || itemType === 'string' ? { kind: 'list' } : { kind: 'json' };
    }
    case 'object':
      return { kind: 'json' };
    default: {
      const format = typeof schema.format === 'string' ? schema.format : undefined;
      if (format === 'email') return { kind: 'text', multiline: false, format: 'email' };
      if (format === 'uri' || format === 'url') return { kind: 'text', multiline: false, format: 'url' };
      if (format === 'date') return { kind: 'date' };
      if (format === 'time') return { kind: 'time' };
      if (format === 'date-time') return { kind: 'datetime' };
      const multiline = uiWidget === 'textarea' || typeof field.uiOptions.rows === 'number';
      return { kind: 'text', multiline };
    }
  }
}
