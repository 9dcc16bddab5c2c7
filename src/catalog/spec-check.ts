// Checks `spec` against the row of the kinds table that governs the entity.
import { BUILTIN_KINDS, lookupKind, type SpecDefinition } from './kinds/index.js';
import { isPlainObject } from './formats.js';
import type { EntityProblem } from './problem.js';
import { compileSchema } from './schema-compiler.js';
import { describeSchemaErrors } from './schema-errors.js';

interface SpecCheck {
  /** The definition in force, when the kind and apiVersion are known. */
  spec?: SpecDefinition;
  problems: EntityProblem[];
}

const KNOWN_KINDS = BUILTIN_KINDS.map((k) => k.kind).join(', ');

export function checkSpec(kind: string, apiVersion: string, spec: unknown): SpecCheck {
  const specType = isPlainObject(spec) ? spec.type : undefined;
  const lookup = lookupKind(kind, apiVersion, specType);
  if (lookup.found === 'nothing') {
    return {
      problems: [
        {
          field: 'kind',
          message: `Unknown kind "${kind}": the catalog knows ${KNOWN_KINDS} (kinds are case-sensitive)`,
        },
      ],
    };
  }
  if (lookup.found === 'kind-without-version') {
    const allowed = lookup.definition.apiVersions.join(' or ');
    return {
      problems: [
        {
          field: 'apiVersion',
          message: `apiVersion "${apiVersion}" is not one kind ${kind} is written in: use ${allowed}`,
        },
      ],
    };
  }
  if (spec === undefined) {
    return { spec: lookup.spec, problems: [{ field: 'spec', message: `spec is required for kind ${kind}` }] };
  }
  // A spec that is not a mapping is reported by the shape check.
  if (!isPlainObject(spec)) return { spec: lookup.spec, problems: [] };
  const validate = compileSchema(lookup.spec.schema);
  const problems = validate(spec) ? [] : describeSchemaErrors(validate.errors, 'spec', ` for kind ${kind}`);
  return { spec: lookup.spec, problems };
}
