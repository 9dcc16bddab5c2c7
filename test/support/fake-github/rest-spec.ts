// Holds every REST request the fake receives to GitHub's published OpenAPI description
// (@octokit/openapi: api.github.com, or ghec for an Enterprise Cloud organisation): the method
// and path must name an operation GitHub has (else 404, as GitHub answers), and a JSON body must
// match the operation's requestBody schema (else 422 with GitHub's "Invalid request." message).
// A description is read once per process and each operation's schema is compiled by ajv the
// first time a request uses it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { RestResponse } from './rest-routes.js';

// ajv-formats is CommonJS with an `exports.default` (see src/scaffold/template/ajv.ts).
const addFormats = formatsPlugin as unknown as (ajv: Ajv) => Ajv;

/** Which of GitHub's descriptions: github.com's, or Enterprise Cloud's (which adds, e.g., internal repositories). */
export type GitHubDescription = 'api.github.com' | 'ghec';

const DOCS = 'https://docs.github.com/rest';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;

interface Parameter {
  $ref?: string;
  name?: string;
  in?: string;
  'x-multi-segment'?: boolean;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  externalDocs?: { url: string };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { parameters: Record<string, Parameter> };
}

export interface SpecOperation {
  /** `POST /repos/{owner}/{repo}/git/trees`, as GitHub's docs name it. */
  name: string;
  operationId: string;
  docs: string;
  /** A pointer into the description, for ajv, or undefined when the body is not JSON. */
  bodyPointer?: string;
}

interface Template {
  method: string;
  pattern: RegExp;
  literals: number;
  operation: SpecOperation;
}
interface Loaded {
  /** By method and first path segment (every path GitHub describes starts with a literal one). */
  templates: Map<string, Template[]>;
  ajv: Ajv;
  id: string;
  validators: Map<string, ValidateFunction>;
}

const bucket = (method: string, path: string) => `${method} ${path.split('/')[1] ?? ''}`;

const loaded = new Map<GitHubDescription, Loaded>();

/**
 * Paths GitHub serves but does not describe: `/repositories/{id}` is where its 301 for a renamed
 * or transferred repository points (octokit follows it).
 */
const UNDESCRIBED: { method: string; pattern: RegExp; operation: SpecOperation }[] = [
  {
    method: 'GET',
    pattern: /^\/repositories\/\d+$/,
    operation: { name: 'GET /repositories/{repository_id}', operationId: 'repos/get-by-id', docs: DOCS },
  },
];

const pointerPart = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Reads a description (once per process); `refuseAgainstSpec` does so on first use otherwise. */
export function loadDescription(description: GitHubDescription = 'api.github.com'): void {
  load(description);
}

function load(description: GitHubDescription): Loaded {
  const done = loaded.get(description);
  if (done) return done;
  const file = createRequire(import.meta.url).resolve(`@octokit/openapi/generated/${description}.json`);
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Spec;
  const templates: Template[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((p) =>
        p.$ref ? spec.components.parameters[p.$ref.split('/').pop()!] : p,
      );
      // GitHub marks the parameters that may span several segments (a file path, a branch name).
      const multi = new Set(parameters.filter((p) => p['x-multi-segment']).map((p) => p.name));
      const source = path
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{(\w+)\}/g, (_m, name: string) => (multi.has(name) ? '(.+)' : '([^/]+)'));
      const json = operation.requestBody?.content['application/json'];
      templates.push({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}$`),
        literals: path.split('/').filter((s) => s && !s.startsWith('{')).length,
        operation: {
          name: `${method.toUpperCase()} ${path}`,
          operationId: operation.operationId,
          docs: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
          bodyPointer: json?.schema
            ? `#/paths/${pointerPart(path)}/${method}/requestBody/content/application~1json/schema`
            : undefined,
        },
      });
    }
  }
  // The most literal template wins: `/branches/{branch}/protection` over `/branches/{branch}`.
  templates.sort((a, b) => b.literals - a.literals);
  const buckets = new Map<string, Template[]>();
  for (const t of templates) {
    const key = bucket(t.method, t.operation.name.split(' ')[1]);
    buckets.set(key, [...(buckets.get(key) ?? []), t]);
  }
  // OpenAPI 3.0 schemas: `nullable` is understood by ajv; `example`, `x-*` and the like are not
  // JSON Schema, hence strict off. The description is added whole (not compiled) and each
  // operation's body schema is compiled on first use, with the components it refers to.
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: false, validateSchema: false, logger: false });
  addFormats(ajv);
  const id = `https://github.invalid/${description}.json`;
  ajv.addSchema(spec as unknown as object, id);
  const result = { templates: buckets, ajv, id, validators: new Map<string, ValidateFunction>() };
  loaded.set(description, result);
  return result;
}

/** The operation GitHub serves at `method path`, or undefined (GitHub answers 404). */
export function findOperation(
  method: string,
  path: string,
  description: GitHubDescription = 'api.github.com',
): SpecOperation | undefined {
  const matches = (t: { method: string; pattern: RegExp }) => t.method === method && t.pattern.test(path);
  const candidates = load(description).templates.get(bucket(method, path)) ?? [];
  return (candidates.find(matches) ?? UNDESCRIBED.find(matches))?.operation;
}

function validatorFor(operation: SpecOperation, description: GitHubDescription): ValidateFunction | undefined {
  if (!operation.bodyPointer) return undefined;
  const { ajv, id, validators } = load(description);
  let validate = validators.get(operation.bodyPointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${id}${operation.bodyPointer}` });
    validators.set(operation.bodyPointer, validate);
  }
  return validate;
}

/**
 * GitHub's 404 for a path or method it does not serve, GitHub's 422 for a body that its
 * description refuses, or undefined when the request may be answered.
 */
export function refuseAgainstSpec(
  method: string,
  path: string,
  body: unknown,
  description: GitHubDescription = 'api.github.com',
): RestResponse | undefined {
  const operation = findOperation(method, path, description);
  if (!operation) return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
  const validate = validatorFor(operation, description);
  if (!validate) return undefined;
  // GitHub reads an absent body as an empty object.
  if (validate(body ?? {})) return undefined;
  const reasons = [...new Set((validate.errors ?? []).map(describe))];
  return {
    status: 422,
    body: { message: `Invalid request.\n\n${reasons.join('\n')}`, documentation_url: operation.docs, status: '422' },
  };
}

/** `properties/tree/items/properties/mode` for `/tree/0/mode`: where GitHub says the value was. */
function where(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? 'items' : `properties/${part}`))
    .join('/');
}

function valueAt(error: ErrorObject): string {
  return JSON.stringify(error.data) ?? 'nil';
}

/** GitHub's wording for a schema failure. */
function describe(error: ErrorObject): string {
  const at = where(error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    case 'additionalProperties':
      return `"${(error.params as { additionalProperty: string }).additionalProperty}" is not a permitted key.`;
    case 'type': {
      const type = (error.params as { type: string | string[] }).type;
      return `For '${at || 'body'}', ${valueAt(error)} is not ${article(type)}.`;
    }
    case 'enum': {
      const allowed = JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues);
      return `For '${at}', ${valueAt(error)} is not a member of ${allowed}.`;
    }
    default:
      return `For '${at || 'body'}', ${valueAt(error)} ${error.message ?? 'is not valid'}.`;
  }
}

function article(type: string | string[]): string {
  const named = Array.isArray(type) ? type.join(' or ') : type.replace(',', ' or ');
  return /^[aeiou]/.test(named) ? `an ${named}` : `a ${named}`;
}
