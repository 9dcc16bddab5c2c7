// The scaffolder's settings, read from the environment values config.ts hands in (config.ts is
// the only reader of process.env). Each bad value is one problem line naming its variable.
import { resolve } from 'node:path';
import { parseEntityRef, stringifyEntityRef } from '../catalog/refs.js';
import type { CreatePolicy } from './access/create-policy.js';
import { defaultTemplateDir } from './template/default-template-dir.js';

export interface ScaffoldSettings {
  /** Folders of templates (TEMPLATE_DIRS; default: the templates shipped in templates/). */
  templateDirs: string[];
  /** Offer the catalog's Template entities too (SCAFFOLD_CATALOG_TEMPLATES, default true). */
  catalogTemplates: boolean;
  /** Who may create (CREATE_ALLOWED_GROUPS, CREATE_ALLOWED_SLACK_USERGROUPS; default everyone). */
  policy: CreatePolicy;
  /** Keep a repository whose creation failed, marked, instead of deleting it (KEEP_FAILED_REPOS). */
  keepFailedRepos: boolean;
}

export const SCAFFOLD_VARIABLES = [
  'TEMPLATE_DIRS', 'SCAFFOLD_CATALOG_TEMPLATES', 'CREATE_ALLOWED_GROUPS', 'CREATE_ALLOWED_SLACK_USERGROUPS', 'KEEP_FAILED_REPOS',
] as const;

type Env = Record<string, string | undefined>;

function list(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function flag(env: Env, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push(`${name} must be true or false, not "${env[name]}"`);
  return fallback;
}

export function scaffoldSettingsFromEnv(env: Env, cwd: string): { settings: ScaffoldSettings; problems: string[] } {
  const problems: string[] = [];
  const dirs = list(env.TEMPLATE_DIRS).map((d) => resolve(cwd, d));
  const groups: string[] = [];
  for (const raw of list(env.CREATE_ALLOWED_GROUPS)) {
    let ref: ReturnType<typeof parseEntityRef> | undefined;
    try {
      ref = parseEntityRef(raw, { defaultKind: 'Group' });
    } catch {
      ref = undefined;
    }
    if (ref && ref.kind.toLowerCase() === 'group') groups.push(stringifyEntityRef(ref));
    else problems.push(`CREATE_ALLOWED_GROUPS: "${raw}" is not a group reference (e.g. group:default/platform or platform)`);
  }
  const slackUserGroups = list(env.CREATE_ALLOWED_SLACK_USERGROUPS);
  for (const id of slackUserGroups) {
    if (!/^S[A-Z0-9]{2,}$/.test(id)) problems.push(`CREATE_ALLOWED_SLACK_USERGROUPS: "${id}" is not a Slack user group id (S...)`);
  }
  return {
    settings: {
      templateDirs: dirs.length ? dirs : [defaultTemplateDir()],
      catalogTemplates: flag(env, 'SCAFFOLD_CATALOG_TEMPLATES', true, problems),
      policy: { groups, slackUserGroups },
      keepFailedRepos: flag(env, 'KEEP_FAILED_REPOS', false, problems),
    },
    problems,
  };
}
