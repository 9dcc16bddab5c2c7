// One ajv instance for the catalog's schemas, each compiled once and reused.
import { Ajv, type SchemaObject, type ValidateFunction } from 'ajv';

// allErrors: report every wrong field at once. verbose: keep the failing schema so a oneOf
// error can name the shapes it allows. allowUnionTypes: the Template schema has ["string", "boolean"].
const ajv = new Ajv({ allErrors: true, verbose: true, allowUnionTypes: true });
const compiled = new WeakMap<SchemaObject, ValidateFunction>();

export function compileSchema(schema: SchemaObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
