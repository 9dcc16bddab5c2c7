// A custom action's schema, however it was written (zod 3 or 4, a function of zod, a record of
// such functions, or JSON Schema), as the two things Callboard needs: the JSON Schema templates
// are checked against when they load, and a check of a step's rendered input that names each
// input that is wrong. Zod schemas check with zod (defaults applied, as the handler expects);
// JSON Schema is left to ajv, as for any action without its own check.
import { z } from 'zod';
import { describeInputIssues } from '../define-action.js';
import { compileParameterSchema } from '../../template/ajv.js';
import type { JsonSchema } from '../../types.js';
import type { ZodLike } from './template-action.js';

export type InputCheck = (
  input: Record<string, unknown>,
) => { ok: true; input: Record<string, unknown> } | { ok: false; problem: string };

export interface ReadSchema {
  json: JsonSchema;
  /** Absent for JSON Schema: the runner checks with ajv. */
  check?: InputCheck;
}

function isZodLike(value: unknown): value is ZodLike {
  return !!value && typeof value === 'object' && typeof (value as ZodLike).safeParse === 'function';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A zod 3 object's JSON Schema, as far as Callboard uses it: its inputs, and which are required. */
function zod3JsonSchema(schema: ZodLike): JsonSchema {
  const raw = schema as { shape?: unknown; _def?: { shape?: () => unknown; description?: string } };
  const shape = isPlainObject(raw.shape) ? raw.shape : raw._def?.shape?.();
  if (!isPlainObject(shape)) return {};
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const f = field as { description?: string; isOptional?: () => boolean };
    properties[key] = f.description ? { description: f.description } : {};
    if (typeof f.isOptional === 'function' && !f.isOptional()) required.push(key);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

function fromZod(schema: ZodLike): ReadSchema {
  const json =
    '_zod' in schema
      ? (z.toJSONSchema(schema as z.ZodType, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as JsonSchema)
      : zod3JsonSchema(schema);
  const check: InputCheck = (input) => {
    const parsed = schema.safeParse(input) as
      | { success: true; data: Record<string, unknown> }
      | { success: false; error: { issues: z.core.$ZodIssue[] } };
    return parsed.success
      ? { ok: true, input: parsed.data }
      : { ok: false, problem: describeInputIssues(parsed.error.issues) };
  };
  return { json, check };
}

/** Reads one schema; throws a TypeError saying what is wrong with it. */
export function readActionSchema(schema: unknown): ReadSchema {
  if (schema === undefined || schema === null) return { json: { type: 'object' } };
  if (typeof schema === 'function') {
    const made = (schema as (zod: typeof z) => unknown)(z);
    if (!isZodLike(made)) throw new TypeError('a schema function must return a zod schema');
    return fromZod(made);
  }
  if (isZodLike(schema)) return fromZod(schema);
  if (!isPlainObject(schema)) throw new TypeError('a schema must be zod, a function of zod, or JSON Schema');
  const values = Object.values(schema);
  if (values.length && values.every((v) => typeof v === 'function')) {
    // Backstage's newer style: one function of zod per input.
    const shape: Record<string, z.ZodType> = {};
    for (const [key, make] of Object.entries(schema)) {
      const made = (make as (zod: typeof z) => unknown)(z);
      if (!made || typeof made !== 'object' || !('_zod' in made))
        throw new TypeError(`the schema of "${key}" must return a schema of the zod it is given`);
      shape[key] = made as z.ZodType;
    }
    return fromZod(z.looseObject(shape));
  }
  try {
    compileParameterSchema(schema);
  } catch (error) {
    throw new TypeError(`not a valid JSON Schema: ${(error as Error).message}`);
  }
  return { json: schema };
}
