// Turns ajv's errors into sentences that say which field is wrong and what it should be.
import type { ErrorObject } from 'ajv';
import { childPath, pointerToPath } from './field-path.js';
import type { EntityProblem } from './problem.js';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  array: 'a list',
  object: 'a mapping of keys to values',
  boolean: 'true or false',
  number: 'a number',
  integer: 'a whole number',
  null: 'empty',
};

function describeTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function describeOneOf(parentSchema: unknown): string {
  const branches = (parentSchema as { oneOf?: Array<{ type?: unknown }> } | undefined)?.oneOf ?? [];
  const shapes = branches.map((branch) => (branch.type ? describeTypes(branch.type) : 'another shape'));
  return shapes.length ? `must be ${shapes.join(', or ')}` : 'does not have an allowed shape';
}

function describe(error: ErrorObject, field: string, subject: string): EntityProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = childPath(field, String(params.missingProperty));
      return { field: missing, message: `${missing} is required${subject}` };
    }
    case 'type':
      return { field, message: `${field} must be ${describeTypes(params.type)}` };
    case 'minLength':
      return { field, message: `${field} must not be empty` };
    case 'maxLength':
      return { field, message: `${field} must be at most ${String(params.limit)} characters long` };
    case 'minItems':
      return { field, message: `${field} must list at least ${String(params.limit)} item(s)` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { field, message: `${field} must be one of ${allowed}` };
    }
    case 'const':
      return { field, message: `${field} must be ${JSON.stringify(params.allowedValue)}` };
    case 'oneOf':
      return { field, message: `${field} ${describeOneOf(error.parentSchema)}` };
    default:
      return { field, message: `${field} ${error.message ?? 'is not valid'}` };
  }
}

/**
 * One problem per ajv error, with `base` the path of the validated value (e.g. `spec`) and
 * `subject` completing "is required" (e.g. " for kind Component"). Errors from the branches of
 * a failed oneOf are dropped: the oneOf itself says what shapes were allowed.
 */
export function describeSchemaErrors(errors: ErrorObject[] | null | undefined, base: string, subject = ''): EntityProblem[] {
  const all = errors ?? [];
  const oneOfPaths = all.filter((e) => e.keyword === 'oneOf').map((e) => `${e.schemaPath}/`);
  const kept = all.filter((e) => !oneOfPaths.some((prefix) => e.schemaPath.startsWith(prefix)));
  const problems = kept.map((error) => describe(error, pointerToPath(base, error.instancePath), subject));
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
