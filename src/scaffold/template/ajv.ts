// The ajv instance template parameters are checked with: every error reported, JSON Schema
// formats (email, uri, date ...) known, and Backstage's `ui:*` hints and `enumNames` ignored.
import { Ajv, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';

// ajv-formats is CommonJS with an `exports.default`; under NodeNext its default import types as
// the module, not the function, though at run time (node and vitest) it is the function.
const addFormats = formatsPlugin as unknown as (ajv: Ajv) => Ajv;

function createAjv(): Ajv {
  // No logger: formats zod writes that ajv does not know (`includes`) would print to the console.
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, allowUnionTypes: true, logger: false });
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles (once per schema object) a parameter page's or an action input's schema. */
export function compileParameterSchema(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
