// Checks submitted values against the template's parameter pages (ajv, with defaults filled in)
// and the rules its pickers imply. Every error belongs to a field when it can, so a form shows
// it under that field.
import type { ErrorObject } from 'ajv';
import type { TemplateDefinition, TemplateValues } from '../types.js';
import { parseRepoUrl } from '../repo-url.js';
import { activePages } from './active-pages.js';
import { compileParameterSchema } from './ajv.js';
import { fieldErrorMessage } from './error-messages.js';
import { parseEntityRef, stringifyEntityRef } from '../../catalog/refs.js';
import { defaultKindOf, ENTITY_PICKERS, fieldRuleProblem, MULTI_ENTITY_PICKERS } from './field-rules.js';
import { pageFields, type TemplateField } from './fields.js';

/** Parameters a publish:github:pull-request step takes its `repoUrl` from, as `${{ parameters.x }}`. */
function repositoriesProposedTo(template: TemplateDefinition): Set<string> {
  const names = new Set<string>();
  for (const step of template.steps) {
    if (step.action !== 'publish:github:pull-request' || typeof step.input.repoUrl !== 'string') continue;
    const match = /^\$\{\{\s*parameters\.(\w+)\s*\}\}$/.exec(step.input.repoUrl.trim());
    if (match) names.add(match[1]);
  }
  return names;
}

export interface ValueChecks {
  /** Whether a repository already exists (GitHub); a RepoUrlPicker value naming one is refused. */
  repositoryExists?(owner: string, repo: string): Promise<boolean>;
  /**
   * Which of these entity refs the catalog holds: an entity picker's value (an owner, a system)
   * that it does not is refused on that field, as the modal's catalog menu never offers one.
   */
  knownEntities?(refs: string[]): Promise<Set<string>>;
}

interface ValuesCheck {
  ok: boolean;
  /** The values with defaults filled in and values of pages that do not apply removed. */
  values: TemplateValues;
  /** One message per field name. */
  fieldErrors: Record<string, string>;
  /** Errors no single field owns. */
  formErrors: string[];
}

interface ValidateOptions {
  /** Check only these pages (a wizard checks one page at a time); default: every page that applies. */
  pages?: number[];
  checks?: ValueChecks;
}

function fieldOf(error: ErrorObject): string | undefined {
  if (error.keyword === 'required')
    return String((error.params as { missingProperty?: unknown }).missingProperty ?? '') || undefined;
  const first = error.instancePath.split('/')[1];
  return first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The refs each entity picker's value names, as the catalog stores them; fields already in error are left out. */
function pickedRefs(fields: TemplateField[], values: TemplateValues, fieldErrors: Record<string, string>) {
  const picked = new Map<string, string[]>();
  for (const field of fields) {
    const value = values[field.name];
    if (fieldErrors[field.name] || isEmpty(value) || !field.uiField) continue;
    // Backstage lets such a picker take free text; the modal offers catalog entries only, but a
    // values file may name something else on purpose.
    if (field.uiOptions.allowArbitraryValues === true) continue;
    const single = ENTITY_PICKERS.has(field.uiField);
    if (!single && !MULTI_ENTITY_PICKERS.has(field.uiField)) continue;
    const items = single ? [value] : Array.isArray(value) ? value : [];
    try {
      picked.set(
        field.name,
        items.map((item) => stringifyEntityRef(parseEntityRef(String(item), { defaultKind: defaultKindOf(field) }))),
      );
    } catch {
      // A malformed ref already has its error from fieldRuleProblem.
    }
  }
  return picked;
}

async function checkEntitiesKnown(
  fields: TemplateField[],
  values: TemplateValues,
  fieldErrors: Record<string, string>,
  known: (refs: string[]) => Promise<Set<string>>,
): Promise<void> {
  const picked = pickedRefs(fields, values, fieldErrors);
  if (!picked.size) return;
  const found = await known([...new Set([...picked.values()].flat())]);
  for (const [name, refs] of picked) {
    const missing = refs.find((ref) => !found.has(ref));
    if (missing) fieldErrors[name] = `${missing} is not in the catalog; choose an entry from the catalog.`;
  }
}

export async function validateValues(
  template: TemplateDefinition,
  raw: TemplateValues,
  options: ValidateOptions = {},
): Promise<ValuesCheck> {
  const values = JSON.parse(JSON.stringify(raw ?? {})) as TemplateValues;
  for (const [key, value] of Object.entries(values)) if (value === null || value === '') delete values[key];
  const applying = activePages(template, values);
  const checked = options.pages ? options.pages.filter((p) => applying.includes(p)) : applying;
  const fieldErrors: Record<string, string> = {};
  const formErrors: string[] = [];
  const fields = new Map<string, TemplateField>();
  for (const pageIndex of checked)
    for (const f of pageFields(template.pages[pageIndex], pageIndex)) if (!fields.has(f.name)) fields.set(f.name, f);

  for (const pageIndex of checked) {
    const validate = compileParameterSchema(template.pages[pageIndex].schema);
    if (validate(values)) continue;
    for (const error of validate.errors ?? []) {
      const name = fieldOf(error);
      const message = fieldErrorMessage(error, name ? fields.get(name) : undefined);
      if (name && fields.has(name)) fieldErrors[name] ??= message;
      else if (!formErrors.includes(message)) formErrors.push(name ? `${name}: ${message}` : message);
    }
  }

  for (const field of fields.values()) {
    if (fieldErrors[field.name] || isEmpty(values[field.name])) continue;
    const problem = fieldRuleProblem(field, values[field.name]);
    if (problem) fieldErrors[field.name] = problem;
  }

  const exists = options.checks?.repositoryExists;
  if (exists) {
    const proposedTo = repositoriesProposedTo(template);
    await Promise.all(
      [...fields.values()]
        .filter((f) => f.uiField === 'RepoUrlPicker' && !fieldErrors[f.name] && !isEmpty(values[f.name]))
        .map(async (field) => {
          const url = parseRepoUrl(values[field.name]);
          const owner = url.owner ?? url.organization ?? '';
          const found = await exists(owner, url.repo);
          // A pull request goes to a repository that exists; anything else creates one.
          if (proposedTo.has(field.name)) {
            if (!found) fieldErrors[field.name] = `There is no repository named ${url.repo} in ${owner}.`;
          } else if (found) {
            fieldErrors[field.name] = `A repository named ${url.repo} already exists in ${owner}.`;
          }
        }),
    );
  }

  const known = options.checks?.knownEntities;
  if (known) await checkEntitiesKnown([...fields.values()], values, fieldErrors, known);

  if (!options.pages) {
    // Values only an inactive page asks for are dropped, as Backstage drops a hidden step's answers.
    const kept = new Set(applying.flatMap((i) => pageFields(template.pages[i], i).map((f) => f.name)));
    const all = new Set(template.pages.flatMap((page, i) => pageFields(page, i).map((f) => f.name)));
    for (const key of Object.keys(values)) if (all.has(key) && !kept.has(key)) delete values[key];
  }
  const ok = !Object.keys(fieldErrors).length && !formErrors.length;
  return { ok, values, fieldErrors, formErrors };
}
