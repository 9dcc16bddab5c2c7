// A template's fields: each property of each parameter page, with the hints the form and the
// checks need. Pages share one set of values, as in Backstage.
import type { JsonSchema, ParameterPage, TemplateDefinition } from '../types.js';

export interface TemplateField {
  name: string;
  schema: JsonSchema;
  required: boolean;
  pageIndex: number;
  /** `ui:field`, e.g. OwnerPicker, RepoUrlPicker, EntityNamePicker. */
  uiField?: string;
  /** `ui:widget`, e.g. textarea, radio, checkboxes, hidden, password. */
  uiWidget?: string;
  uiOptions: Record<string, unknown>;
  title: string;
}

function asObject(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function pageFields(page: ParameterPage, pageIndex: number): TemplateField[] {
  const properties = asObject(page.schema.properties);
  const required = Array.isArray(page.schema.required)
    ? page.schema.required.filter((r): r is string => typeof r === 'string')
    : [];
  const order = Array.isArray(page.schema['ui:order'])
    ? (page.schema['ui:order'] as unknown[]).filter((o): o is string => typeof o === 'string')
    : [];
  const names = Object.keys(properties);
  const ordered = order.length
    ? [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))]
    : names;
  return ordered.map((name) => {
    const schema = asObject(properties[name]);
    return {
      name,
      schema,
      required: required.includes(name),
      pageIndex,
      uiField: typeof schema['ui:field'] === 'string' ? schema['ui:field'] : undefined,
      uiWidget: typeof schema['ui:widget'] === 'string' ? schema['ui:widget'] : undefined,
      uiOptions: asObject(schema['ui:options']),
      title: typeof schema.title === 'string' && schema.title.trim() ? schema.title.trim() : name,
    };
  });
}

export function templateFields(template: TemplateDefinition): TemplateField[] {
  const seen = new Set<string>();
  const out: TemplateField[] = [];
  template.pages.forEach((page, i) => {
    for (const field of pageFields(page, i)) {
      if (seen.has(field.name)) continue;
      seen.add(field.name);
      out.push(field);
    }
  });
  return out;
}
