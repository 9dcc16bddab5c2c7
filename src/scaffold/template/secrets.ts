// Secret fields (`ui:field: Secret` or `ui:widget: password`): their values reach the steps as
// `${{ secrets.x }}`, as in Backstage, and nowhere else. They are taken out of the values before
// a task is stored, and every text a run keeps (logs, errors, outputs) has them masked.
import type { TemplateDefinition, TemplateValues } from '../types.js';
import { templateFields, type TemplateField } from './fields.js';

const MASK = '***';

function isSecretField(field: TemplateField): boolean {
  return field.uiField === 'Secret' || field.uiWidget === 'password';
}

export function secretFieldNames(template: TemplateDefinition): string[] {
  return templateFields(template)
    .filter(isSecretField)
    .map((f) => f.name);
}

/** The values without the secret fields, and the secrets. */
export function splitSecrets(
  template: TemplateDefinition,
  values: TemplateValues,
): { values: TemplateValues; secrets: TemplateValues } {
  const names = new Set(secretFieldNames(template));
  const kept: TemplateValues = {};
  const secrets: TemplateValues = {};
  for (const [name, value] of Object.entries(values)) (names.has(name) ? secrets : kept)[name] = value;
  return { values: kept, secrets };
}

/** Replaces every secret's text in `value` (texts inside lists and objects too) with ***. */
export function maskSecrets<T>(value: T, secrets: TemplateValues): T {
  const texts = Object.values(secrets)
    .flatMap((s) => (typeof s === 'string' ? [s] : typeof s === 'number' ? [String(s)] : []))
    .filter((s) => s.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (!texts.length) return value;
  const mask = (item: unknown): unknown => {
    if (typeof item === 'string') return texts.reduce((text, secret) => text.split(secret).join(MASK), item);
    if (Array.isArray(item)) return item.map(mask);
    if (item && typeof item === 'object') return Object.fromEntries(Object.entries(item).map(([k, v]) => [k, mask(v)]));
    return item;
  };
  return mask(value) as T;
}
