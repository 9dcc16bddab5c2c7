// The shape every entity has regardless of kind (Backstage's Entity and EntityMeta schemas,
// and its rule that no root fields besides the four known ones are allowed).
import type { SchemaObject } from 'ajv';
import { isPlainObject } from './formats.js';
import type { EntityProblem } from './problem.js';
import { compileSchema } from './schema-compiler.js';
import { describeSchemaErrors } from './schema-errors.js';

const ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'] as const;

const nonEmptyString = { type: 'string', minLength: 1 };
const stringValues = { type: 'object', patternProperties: { '^.+$': { type: 'string' } } };

export const metadataSchema: SchemaObject = {
  type: 'object',
  required: ['name'],
  properties: {
    uid: nonEmptyString,
    etag: nonEmptyString,
    name: nonEmptyString,
    namespace: nonEmptyString,
    title: nonEmptyString,
    description: { type: 'string' },
    labels: stringValues,
    annotations: stringValues,
    tags: { type: 'array', items: nonEmptyString },
    links: {
      type: 'array',
      items: {
        type: 'object',
        required: ['url'],
        properties: { url: nonEmptyString, title: nonEmptyString, icon: nonEmptyString, type: nonEmptyString },
      },
    },
  },
};

export function checkEntityShape(data: Record<string, unknown>): EntityProblem[] {
  const problems: EntityProblem[] = [];
  for (const field of Object.keys(data)) {
    if (!(ROOT_FIELDS as readonly string[]).includes(field)) {
      problems.push({
        field,
        message: `Unknown root field "${field}": an entity has only ${ROOT_FIELDS.join(', ')}`,
      });
    }
  }
  const validateMetadata = compileSchema(metadataSchema);
  if (!validateMetadata(data.metadata)) problems.push(...describeSchemaErrors(validateMetadata.errors, 'metadata'));
  if (data.spec !== undefined && !isPlainObject(data.spec)) {
    problems.push({ field: 'spec', message: 'spec must be a mapping of keys to values' });
  }
  return problems;
}
