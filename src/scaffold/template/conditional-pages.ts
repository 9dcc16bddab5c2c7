// JSON Schema's conditional fields as Backstage forms write them (react-jsonschema-form's
// `dependencies` with `oneOf`): each branch's extra fields become a page of their own, shown only
// when the controlling field has that branch's value. A Slack modal cannot change its fields as
// a select changes, but it can show the next page; the values validate the same way.
import type { JsonSchema, ParameterPage } from '../types.js';

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** The values a branch gives its controlling field: `enum: [...]` or `const`. */
function branchValues(branch: Record<string, unknown>, field: string): unknown[] | undefined {
  const schema = asObject(asObject(branch.properties)?.[field]);
  if (!schema) return undefined;
  if (Array.isArray(schema.enum)) return schema.enum;
  return 'const' in schema ? [schema.const] : undefined;
}

/** The inside of a page's `when:`, to combine with a branch's condition. */
function whenExpression(when: ParameterPage['when']): string | undefined {
  if (when === undefined || when === true) return undefined;
  if (when === false) return 'false';
  const inner = /^\s*\$\{\{([\s\S]*)\}\}\s*$/.exec(when);
  return inner ? inner[1].trim() : undefined;
}

/**
 * The page without its `oneOf` dependencies, followed by one page per branch. Other kinds of
 * `dependencies` (a list of required fields, or a plain schema) stay for ajv to check.
 */
export function expandConditionalFields(page: ParameterPage): ParameterPage[] {
  const dependencies = asObject(page.schema.dependencies);
  if (!dependencies) return [page];
  const kept: Record<string, unknown> = {};
  const extra: ParameterPage[] = [];
  for (const [field, dependency] of Object.entries(dependencies)) {
    const branches = asObject(dependency)?.oneOf;
    if (!Array.isArray(branches)) {
      kept[field] = dependency;
      continue;
    }
    for (const raw of branches) {
      const branch = asObject(raw) ?? {};
      const values = branchValues(branch, field);
      const properties = { ...asObject(branch.properties) };
      delete properties[field];
      if (!values || !Object.keys(properties).length) continue;
      const required = Array.isArray(branch.required) ? branch.required.filter((r) => r !== field) : [];
      const condition = `parameters.${field} in ${JSON.stringify(values)}`;
      const parent = whenExpression(page.when);
      extra.push({
        title: page.title,
        description: page.description,
        schema: { type: 'object', properties, ...(required.length ? { required } : {}) } as JsonSchema,
        when: `\${{ ${parent ? `(${parent}) and ` : ''}${condition} }}`,
      });
    }
  }
  const schema = { ...page.schema };
  if (Object.keys(kept).length) schema.dependencies = kept;
  else delete schema.dependencies;
  return [{ ...page, schema }, ...extra];
}
