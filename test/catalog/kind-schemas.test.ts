// The catalog compiles its own schemas without checking them against the JSON Schema meta-schema
// (that check cost a sync 20 ms in one piece). This is where they are checked instead: a schema
// with a misspelt type or a keyword used wrongly fails here rather than validating nothing.
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { metadataSchema } from '../../src/catalog/entity-shape.js';
import { BUILTIN_KINDS } from '../../src/catalog/kinds/index.js';
import { CATALOG_AJV_OPTIONS } from '../../src/catalog/schema-compiler.js';

const schemas = [
  { name: 'metadata', schema: metadataSchema },
  ...BUILTIN_KINDS.flatMap((kind) => [
    { name: `${kind.kind} spec`, schema: kind.schema },
    ...Object.entries(kind.specTypes ?? {}).map(([type, spec]) => ({
      name: `${kind.kind} spec of type ${type}`,
      schema: spec.schema,
    })),
  ]),
];

describe('the catalog schemas', () => {
  it.each(schemas)('$name is a valid JSON Schema that compiles in strict mode', ({ schema }) => {
    const ajv = new Ajv({ ...CATALOG_AJV_OPTIONS, strict: true });
    expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('the check catches a misspelt type', () => {
    const ajv = new Ajv({ ...CATALOG_AJV_OPTIONS, strict: true });
    expect(ajv.validateSchema({ type: 'object', properties: { owner: { type: 'strin' } } })).toBe(false);
  });
});
