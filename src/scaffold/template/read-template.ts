// Turns a validated Template entity into the definition Callboard runs, and finds everything
// that would fail later: unknown actions, missing inputs, broken expressions, steps read before
// they run, parameter schemas ajv cannot compile.
import { parseEntityRef, stringifyEntityRef } from '../../catalog/refs.js';
import type { Entity } from '../../catalog/types.js';
import type { ActionRegistry } from '../actions/registry.js';
import { checkExpression, compileAll, hasExpression, TemplateError } from '../templating/expressions/index.js';
import { compileParameterSchema } from './ajv.js';
import { expandConditionalFields } from './conditional-pages.js';
import type {
  JsonSchema,
  OutputLink,
  OutputText,
  ParameterPage,
  SkeletonSyntax,
  TemplateDefinition,
  TemplateProblem,
  TemplateSource,
  TemplateStep,
  UnavailableTemplate,
} from '../types.js';

const APPROVERS_ANNOTATION = 'callboard.dev/approvers';
/** `handlebars` keeps a template's skeletons in Handlebars; Backstage's nunjucks dialect is the default. */
const SKELETON_SYNTAX_ANNOTATION = 'callboard.dev/skeleton-syntax';
const SKELETON_SYNTAXES: SkeletonSyntax[] = ['backstage', 'handlebars'];

/** Inputs Backstage defines that Callboard deliberately does not run, and why. */
const REFUSED_INPUTS: Record<string, string> = {
  cookiecutterCompat: "cookiecutter-style {{ }} skeletons are not supported; write them in Backstage's ${{ }} dialect",
};

interface TemplateReading {
  template?: TemplateDefinition;
  /** When it has problems: the template as /create lists it, unavailable, with the problems as reasons. */
  unavailable?: UnavailableTemplate;
  problems: TemplateProblem[];
  /** Inputs accepted but not acted on: the template still runs. */
  warnings: TemplateProblem[];
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function readPages(parameters: unknown): ParameterPage[] {
  const list = Array.isArray(parameters) ? parameters : parameters === undefined ? [] : [parameters];
  return list.flatMap((raw) => expandConditionalFields(readPage(raw)));
}

function readPage(raw: unknown): ParameterPage {
  const page = { ...(asObject(raw) ?? {}) };
  const { title, description, when } = page;
  delete page.when;
  delete page['backstage:permissions'];
  return {
    title: typeof title === 'string' ? title : undefined,
    description: typeof description === 'string' ? description : undefined,
    schema: { type: 'object', ...page } as JsonSchema,
    when: typeof when === 'string' || typeof when === 'boolean' ? when : undefined,
  };
}

function readSteps(steps: unknown): TemplateStep[] {
  return asList(steps).map((raw, i) => {
    const step = asObject(raw) ?? {};
    const action = typeof step.action === 'string' ? step.action : '';
    const condition = step.if;
    const each = step.each;
    return {
      id: typeof step.id === 'string' && step.id ? step.id : `step-${i + 1}`,
      name: typeof step.name === 'string' && step.name ? step.name : action,
      action,
      input: asObject(step.input) ?? {},
      if: typeof condition === 'string' || typeof condition === 'boolean' ? condition : undefined,
      ...(typeof each === 'string' || Array.isArray(each) || asObject(each)
        ? { each: each as TemplateStep['each'] }
        : {}),
    };
  });
}

function readOutput(output: unknown): TemplateDefinition['output'] {
  const o = asObject(output) ?? {};
  return {
    links: asList(o.links)
      .map((l) => asObject(l) as OutputLink)
      .filter(Boolean),
    text: asList(o.text)
      .map((t) => asObject(t) as OutputText)
      .filter(Boolean),
  };
}

export function readTemplate(
  entity: Entity,
  source: TemplateSource,
  actions: ActionRegistry,
  where: string,
): TemplateReading {
  const problems: TemplateProblem[] = [];
  const problem = (field: string | undefined, message: string): void => {
    problems.push({ template: where, ...(field ? { field } : {}), message });
  };
  // What Backstage would run too, but Callboard only partly: the template lists, with these shown.
  const warnings: TemplateProblem[] = [];
  const warning = (field: string, message: string): void => {
    warnings.push({ template: where, field, message });
  };
  const spec = entity.spec ?? {};
  const pages = readPages(spec.parameters);
  const steps = readSteps(spec.steps);

  pages.forEach((page, i) => {
    const field = Array.isArray(spec.parameters) ? `spec.parameters[${i}]` : 'spec.parameters';
    try {
      compileParameterSchema(page.schema);
    } catch (error) {
      problem(field, `is not a valid JSON Schema: ${(error as Error).message}`);
    }
    if (typeof page.when === 'string')
      checkTexts(page.when, `${field}.when`, { roots: ['parameters'], earlierSteps: [] }, problem);
  });

  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const field = `spec.steps[${i}]`;
    if (seen.has(step.id)) problem(`${field}.id`, `the step id "${step.id}" is used twice`);
    const action = actions.get(step.action);
    if (!action) {
      problem(
        `${field}.action`,
        `unknown action "${step.action}" in step "${step.name}": no built-in action or action module (SCAFFOLDER_ACTION_MODULES) provides it`,
      );
    } else {
      const required = Array.isArray(action.inputSchema.required) ? (action.inputSchema.required as string[]) : [];
      for (const key of required) {
        if (step.input[key] === undefined) problem(`${field}.input.${key}`, `${step.action} needs the input "${key}"`);
      }
      const known = asObject(action.inputSchema.properties) ?? {};
      const unused = action.unusedInputs ?? {};
      for (const key of Object.keys(step.input)) {
        const inputField = `${field}.input.${key}`;
        if (Object.hasOwn(REFUSED_INPUTS, key))
          problem(inputField, `${step.action}'s input "${key}": ${REFUSED_INPUTS[key]}`);
        else if (Object.hasOwn(unused, key))
          warning(inputField, `${step.action}'s input "${key}" is accepted but not used: ${unused[key]}`);
        else if (!Object.hasOwn(known, key))
          warning(
            inputField,
            `${step.action} declares no input "${key}"; it is passed to the action, which ignores it`,
          );
        else {
          const wrong = literalInputProblem(asObject(known[key]), step.input[key]);
          if (wrong) problem(inputField, `step "${step.name}": ${step.action}'s input "${key}" ${wrong}`);
        }
      }
    }
    // `each` steps read the item as `each.key` / `each.value`; elsewhere `each` is undefined and,
    // as in nunjucks, `each.value` renders empty.
    const roots = ['parameters', 'secrets', 'steps', 'user', 'each'];
    const rules = { roots, earlierSteps: [...seen] };
    if (typeof step.each === 'string')
      checkTexts(step.each, `${field}.each`, { ...rules, roots: ['parameters', 'steps', 'user'] }, problem);
    checkTexts(step.input, `${field}.input`, rules, problem);
    if (typeof step.if === 'string') checkTexts(step.if, `${field}.if`, rules, problem);
    seen.add(step.id);
  });

  const output = readOutput(spec.output);
  const outputRules = { roots: ['parameters', 'steps', 'user'], earlierSteps: [...seen] };
  checkTexts(output, 'spec.output', outputRules, problem);

  let approvers: string | undefined;
  const approversRef = entity.metadata.annotations?.[APPROVERS_ANNOTATION];
  if (approversRef) {
    try {
      approvers = stringifyEntityRef(parseEntityRef(approversRef, { defaultKind: 'Group' }));
    } catch (error) {
      problem(`metadata.annotations.${APPROVERS_ANNOTATION}`, (error as Error).message);
    }
  }

  const syntax = entity.metadata.annotations?.[SKELETON_SYNTAX_ANNOTATION] ?? 'backstage';
  if (!SKELETON_SYNTAXES.includes(syntax as SkeletonSyntax)) {
    problem(
      `metadata.annotations.${SKELETON_SYNTAX_ANNOTATION}`,
      `"${syntax}" is not a skeleton syntax (${SKELETON_SYNTAXES.join(' or ')})`,
    );
  }

  const labels = asObject(asObject(spec.presentation)?.buttonLabels);
  const template: TemplateDefinition = {
    ref: stringifyEntityRef(entity),
    name: entity.metadata.name,
    title: entity.metadata.title?.trim() || entity.metadata.name,
    description: entity.metadata.description,
    type: typeof spec.type === 'string' ? spec.type : 'service',
    owner: typeof spec.owner === 'string' ? spec.owner : undefined,
    tags: entity.metadata.tags ?? [],
    pages,
    steps,
    output,
    approvers,
    skeletonSyntax: syntax as SkeletonSyntax,
    createLabel: typeof labels?.createButtonText === 'string' ? labels.createButtonText : undefined,
    source,
    entity,
    warnings,
  };
  if (!problems.length) return { template, problems, warnings };
  return { problems, warnings, unavailable: unavailableTemplate(template, where, problems) };
}

export function unavailableTemplate(
  template: Pick<TemplateDefinition, 'ref' | 'name' | 'title' | 'description'>,
  where: string,
  problems: Array<Pick<TemplateProblem, 'message'>>,
): UnavailableTemplate {
  return {
    ref: template.ref,
    name: template.name,
    title: template.title,
    ...(template.description ? { description: template.description } : {}),
    where,
    reasons: problems.map((p) => p.message),
  };
}

function containsExpression(value: unknown): boolean {
  if (typeof value === 'string') return hasExpression(value);
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value && typeof value === 'object') return Object.values(value).some(containsExpression);
  return false;
}

/**
 * What is wrong with an input written out in template.yaml (no `${{ }}` in it) by the action's
 * own schema for it; one rendered from parameters is checked when the step runs.
 */
function literalInputProblem(schema: JsonSchema | undefined, value: unknown): string | undefined {
  if (!schema || containsExpression(value)) return undefined;
  let validate: ReturnType<typeof compileParameterSchema>;
  try {
    validate = compileParameterSchema(schema);
  } catch {
    return undefined;
  }
  if (validate(structuredClone(value))) return undefined;
  const error = validate.errors?.[0];
  const at = error?.instancePath ? ` (at ${error.instancePath.slice(1).replace(/\//g, '.')})` : '';
  const allowed = (error?.params as { allowedValues?: unknown[] } | undefined)?.allowedValues;
  const message = allowed ? `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` : error?.message;
  return `${message ?? 'is not valid'}${at}, not ${JSON.stringify(value)}`;
}

function checkTexts(
  value: unknown,
  path: string,
  rules: { roots: string[]; earlierSteps: string[] },
  problem: (field: string, message: string) => void,
): void {
  try {
    for (const found of compileAll(value, path)) {
      for (const part of found.parts) for (const message of checkExpression(part, rules)) problem(found.path, message);
    }
  } catch (error) {
    if (error instanceof TemplateError) {
      problem(error.field ?? path, error.message);
      return;
    }
    throw error;
  }
}
