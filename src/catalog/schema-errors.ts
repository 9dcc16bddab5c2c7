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
 * A failed oneOf reports the errors of every branch. When the value has the type of exactly one
 * branch (a list where a list or an object is allowed), that branch's errors say what is wrong
 * and the oneOf error is dropped; otherwise the oneOf error alone says which shapes are allowed.
 */
function resolveOneOfs(errors: ErrorObject[]): ErrorObject[] {
  let kept = errors;
  for (const oneOf of errors.filter((e) => e.keyword === 'oneOf')) {
    const branchCount = ((oneOf.schema as unknown[] | undefined) ?? []).length;
    const prefix = `${oneOf.schemaPath}/`;
    const branchErrors = (i: number) => kept.filter((e) => e.schemaPath.startsWith(`${prefix}${i}/`));
    const typeMatches = Array.from({ length: branchCount }, (_, i) => i).filter(
      (i) => !branchErrors(i).some((e) => e.keyword === 'type' && e.instancePath === oneOf.instancePath),
    );
    const chosen = typeMatches.length === 1 ? new Set(branchErrors(typeMatches[0])) : undefined;
    kept = kept.filter((e) => {
      if (e === oneOf) return !chosen;
      if (!e.schemaPath.startsWith(prefix)) return true;
      return chosen?.has(e) ?? false;
    });
  }
  return kept;
}

/**
 * One problem per ajv error, with `base` the path of the validated value (e.g. `spec`) and
 * `subject` completing "is required" (e.g. " for kind Component").
 */
export function describeSchemaErrors(
  errors: ErrorObject[] | null | undefined,
  base: string,
  subject = '',
): EntityProblem[] {
  const problems = resolveOneOfs(errors ?? []).map((error) =>
    describe(error, pointerToPath(base, error.instancePath), subject),
  );
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
