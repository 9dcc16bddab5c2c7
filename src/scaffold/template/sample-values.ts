// Plausible values for every field of a template: its defaults, else a value of the right kind.
// `callboard templates` renders each skeleton with them to prove it renders at all.
import type { TemplateDefinition, TemplateValues } from '../types.js';
import { pageApplies } from './active-pages.js';
import { ENTITY_PICKERS, MULTI_ENTITY_PICKERS } from './field-rules.js';
import { pageFields, type TemplateField } from './fields.js';

const FORMAT_SAMPLES: Record<string, string> = {
  email: 'someone@example.com',
  uri: 'https://example.com',
  url: 'https://example.com',
  date: '2024-01-31',
  time: '09:30:00',
  'date-time': '2024-01-31T09:30:00Z',
  hostname: 'example.com',
};

function sampleValue(field: TemplateField, org = 'example-org'): unknown {
  const schema = field.schema;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (field.uiField === 'EntityNamePicker') return 'example-service';
  if (field.uiField === 'RepoUrlPicker') {
    const owners = field.uiOptions.allowedOwners;
    const hosts = field.uiOptions.allowedHosts;
    const owner = Array.isArray(owners) && typeof owners[0] === 'string' ? owners[0] : org;
    const host = Array.isArray(hosts) && typeof hosts[0] === 'string' ? hosts[0] : 'github.com';
    return `${host}?owner=${encodeURIComponent(owner)}&repo=example-service`;
  }
  if (field.uiField === 'OwnerPicker' || field.uiField === 'MyGroupsPicker') return 'group:default/example-team';
  if (field.uiField && ENTITY_PICKERS.has(field.uiField)) return 'component:default/example';
  if (field.uiField && MULTI_ENTITY_PICKERS.has(field.uiField)) return ['component:default/example'];
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'number':
    case 'integer':
      return typeof schema.minimum === 'number' ? schema.minimum : 1;
    case 'boolean':
      return false;
    case 'array': {
      const items = (schema.items ?? {}) as Record<string, unknown>;
      return Array.isArray(items.enum) && items.enum.length ? [items.enum[0]] : ['example'];
    }
    case 'object':
      return {};
    default: {
      const format = typeof schema.format === 'string' ? FORMAT_SAMPLES[schema.format] : undefined;
      if (format) return format;
      const min = typeof schema.minLength === 'number' ? schema.minLength : 0;
      return 'example'.padEnd(min, 'x');
    }
  }
}

export function sampleValues(template: TemplateDefinition, org?: string): TemplateValues {
  const values: TemplateValues = {};
  template.pages.forEach((page, i) => {
    if (!pageApplies(template, i, values)) return;
    for (const field of pageFields(page, i)) {
      if (values[field.name] === undefined) values[field.name] = sampleValue(field, org);
    }
  });
  return values;
}
