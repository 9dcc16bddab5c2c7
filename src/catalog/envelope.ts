// The least a document needs before anything else is looked at (Backstage's entity envelope):
// a mapping with a string apiVersion and kind, and metadata with a name.
import { isPlainObject } from './formats.js';
import type { EntityProblem } from './problem.js';

function requireNonEmptyString(value: unknown, field: string, problems: EntityProblem[], optional = false): void {
  if (value === undefined) {
    if (!optional) problems.push({ field, message: `${field} is required` });
  } else if (typeof value !== 'string') {
    problems.push({ field, message: `${field} must be a string` });
  } else if (value.length === 0) {
    problems.push({ field, message: `${field} must not be empty` });
  }
}

/** Problems with the envelope; none means apiVersion, kind and metadata.name are non-empty strings. */
export function checkEnvelope(data: unknown): EntityProblem[] {
  if (!isPlainObject(data)) {
    return [{ message: 'The document is not an entity: expected a mapping with apiVersion, kind, metadata and spec' }];
  }
  const problems: EntityProblem[] = [];
  requireNonEmptyString(data.apiVersion, 'apiVersion', problems);
  requireNonEmptyString(data.kind, 'kind', problems);
  if (data.metadata === undefined) {
    problems.push({ field: 'metadata', message: 'metadata is required' });
  } else if (!isPlainObject(data.metadata)) {
    problems.push({ field: 'metadata', message: 'metadata must be a mapping of keys to values' });
  } else {
    requireNonEmptyString(data.metadata.name, 'metadata.name', problems);
    requireNonEmptyString(data.metadata.namespace, 'metadata.namespace', problems, true);
  }
  return problems;
}
