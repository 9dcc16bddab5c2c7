// Checks a field's `ui:field` implies beyond its JSON Schema: an entity name follows Backstage's
// naming rule, a repository location names a repository GitHub would accept, a picker's value
// is an entity reference.
import { parseEntityRef } from '../../catalog/refs.js';
import { isValidObjectName } from '../../catalog/formats.js';
import { githubRepoNameProblem, parseRepoUrl, RepoUrlError } from '../repo-url.js';
import type { TemplateField } from './fields.js';

export const ENTITY_PICKERS = new Set(['OwnerPicker', 'EntityPicker', 'OwnedEntityPicker', 'MyGroupsPicker']);
export const MULTI_ENTITY_PICKERS = new Set(['MultiEntityPicker']);

export function fieldRuleProblem(field: TemplateField, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  switch (field.uiField) {
    case 'EntityNamePicker':
      if (typeof value === 'string' && /\s/.test(value)) return 'A name cannot contain spaces; use - instead.';
      return isValidObjectName(value)
        ? undefined
        : 'Use 1-63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.';
    case 'RepoUrlPicker':
      return repoUrlProblem(field, value);
    default:
      if (field.uiField && ENTITY_PICKERS.has(field.uiField)) return entityRefProblem(value, defaultKindOf(field));
      if (field.uiField && MULTI_ENTITY_PICKERS.has(field.uiField) && Array.isArray(value)) {
        for (const item of value) {
          const problem = entityRefProblem(item, defaultKindOf(field));
          if (problem) return problem;
        }
      }
      return undefined;
  }
}

export function defaultKindOf(field: TemplateField): string {
  if (typeof field.uiOptions.defaultKind === 'string') return field.uiOptions.defaultKind;
  return field.uiField === 'OwnerPicker' || field.uiField === 'MyGroupsPicker' ? 'Group' : 'Component';
}

function entityRefProblem(value: unknown, defaultKind: string): string | undefined {
  if (typeof value !== 'string') return 'Choose an entry from the catalog.';
  try {
    parseEntityRef(value, { defaultKind });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function repoUrlProblem(field: TemplateField, value: unknown): string | undefined {
  try {
    const url = parseRepoUrl(value);
    const hosts = Array.isArray(field.uiOptions.allowedHosts) ? field.uiOptions.allowedHosts : undefined;
    if (hosts?.length && !hosts.includes(url.host)) return `Repositories can be created on ${hosts.join(', ')} only.`;
    const owners = Array.isArray(field.uiOptions.allowedOwners) ? field.uiOptions.allowedOwners : undefined;
    const owner = url.owner ?? url.organization;
    if (owners?.length && (!owner || !owners.includes(owner)))
      return `Repositories can be created in ${owners.join(', ')} only.`;
    return githubRepoNameProblem(url.repo);
  } catch (error) {
    if (error instanceof RepoUrlError) return error.message;
    throw error;
  }
}
