// ajv's errors as one short sentence per field, the way a form shows them under the input.
import type { ErrorObject } from 'ajv';
import type { TemplateField } from './fields.js';

const FORMAT_WORDS: Record<string, string> = {
  email: 'an email address',
  uri: 'a URL such as https://example.com',
  url: 'a URL such as https://example.com',
  date: 'a date (YYYY-MM-DD)',
  time: 'a time (HH:MM)',
  'date-time': 'a date and time',
  hostname: 'a host name',
  ipv4: 'an IPv4 address',
  uuid: 'a UUID',
};

function plural(n: unknown, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function fieldErrorMessage(error: ErrorObject, field: TemplateField | undefined): string {
  const custom = field?.schema.errorMessage ?? field?.uiOptions.errorMessage;
  if (typeof custom === 'string' && error.keyword !== 'required') return custom;
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'This field is required.';
    case 'minLength':
      return p.limit === 1 ? 'This field is required.' : `Use at least ${plural(p.limit, 'character')}.`;
    case 'maxLength':
      return `Use at most ${plural(p.limit, 'character')}.`;
    case 'pattern':
      return `Must match the pattern ${String(p.pattern)}.`;
    case 'format':
      return `Enter ${FORMAT_WORDS[String(p.format)] ?? `a valid ${String(p.format)}`}.`;
    case 'enum':
      return 'Choose one of the listed options.';
    case 'const':
      return `Must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type':
      return `Must be ${String(p.type) === 'integer' ? 'a whole number' : `a ${String(p.type)}`}.`;
    case 'minimum':
      return `Must be at least ${String(p.limit)}.`;
    case 'maximum':
      return `Must be at most ${String(p.limit)}.`;
    case 'exclusiveMinimum':
      return `Must be more than ${String(p.limit)}.`;
    case 'exclusiveMaximum':
      return `Must be less than ${String(p.limit)}.`;
    case 'multipleOf':
      return `Must be a multiple of ${String(p.multipleOf)}.`;
    case 'minItems':
      return `Choose at least ${plural(p.limit, 'item')}.`;
    case 'maxItems':
      return `Choose at most ${plural(p.limit, 'item')}.`;
    case 'uniqueItems':
      return 'Each item may appear only once.';
    default:
      return `${error.message ?? 'is not valid'}.`.replace(/^must/, 'Must');
  }
}
