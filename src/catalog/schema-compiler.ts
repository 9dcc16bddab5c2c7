// One ajv instance for the catalog's schemas, each compiled once and reused.
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';

// allErrors: report every wrong field at once. verbose: keep the failing schema so a oneOf
// error can name the shapes it allows. allowUnionTypes: the Template schema has ["string", "boolean"].
// validateSchema: false, because the only schemas compiled here are the catalog's own, written in
// code (a test checks each against the JSON Schema meta-schema): checking them again at run time
// compiled the meta-schema first, about 20 ms in one piece inside a sync that runs in slices.
export const CATALOG_AJV_OPTIONS = { allErrors: true, verbose: true, allowUnionTypes: true } as const;
const ajv = new Ajv({ ...CATALOG_AJV_OPTIONS, validateSchema: false });
const compiled = new WeakMap<SchemaObject, ValidateFunction>();

export function compileSchema(schema: SchemaObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
