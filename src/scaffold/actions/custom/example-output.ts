// What a dry run shows for the outputs of an action it does not run: a value of each declared
// output's type (its first `examples` entry when it has one), so later steps and the template's
// output render as they would, with stand-ins.
import type { JsonSchema } from '../../types.js';

export function exampleOutput(schema: JsonSchema): unknown {
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      return Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, exampleOutput(value)]));
    }
    case 'array': {
      const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
      return items && typeof items === 'object' ? [exampleOutput(items as JsonSchema)] : [];
    }
    case 'string':
      return '<example>';
    case 'number':
    case 'integer':
      return 0;
    case 'boolean':
      return false;
    default:
      return '<example>';
  }
}
