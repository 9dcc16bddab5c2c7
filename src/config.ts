// The only reader of process.env. Every value is validated once, at start; a bad value
// stops the process with one line naming the variable (never its secret value).
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { onCallSettingsFromEnv, type OnCallSettings } from './oncall/settings.js';
import { scaffoldSettingsFromEnv, type ScaffoldSettings } from './scaffold/settings.js';

export interface GitHubAppAuth {
  appId: string;
  privateKey: string;
  installationId: string;
}

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  catalogDirs: string[];
  github?: {
    org: string;
    token?: string;
    app?: GitHubAppAuth;
    apiUrl?: string;
    webhookSecret?: string;
    /** Minutes between full syncs. */
    syncIntervalMinutes: number;
    /** Where catalog files live in each repository (a path or a glob). */
    catalogPath?: string;
    /** The branch to read; default: each repository's default branch. */
    branch?: string;
    filters: {
      repository?: string;
      topicsInclude?: string[];
      topicsExclude?: string[];
      allowForks?: boolean;
      allowArchived?: boolean;
      visibility?: Array<'public' | 'private' | 'internal'>;
    };
  };
  slack: {
    botToken?: string;
    signingSecret?: string;
    appToken?: string;
    apiUrl?: string;
  };
  /** Templates, who may create, and what happens to a failed repository (/create). */
  scaffold: ScaffoldSettings;
  /** PagerDuty and Opsgenie: live on-call in answers, and paging. */
  onCall: OnCallSettings;
  docsBaseUrl?: string;
  port: number;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;


/** The demo organisation shipped in examples/, found from src/ (vitest) or dist/src/ (node). */
export function defaultCatalogDir(): string {
  const here = new URL('.', import.meta.url).pathname;
  const fromDist = resolve(here, '../../examples');
  const fromSrc = resolve(here, '../examples');
  return here.includes('/dist/') ? fromDist : fromSrc;
}

export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const url = (name: string, protocols: string[]): string | undefined => {
    const raw = value(name);
    if (!raw) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        problems.push(`${name} must be a ${protocols.join(' or ')} URL`);
        return undefined;
      }
      return raw.replace(/\/+$/, '');
    } catch {
      problems.push(`${name} is not a valid URL`);
      return undefined;
    }
  };

  const databaseUrl = url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const portRaw = value('PORT');
  let port = 3000;
  if (portRaw !== undefined) {
    port = Number(portRaw);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      problems.push(`PORT must be a whole number from 0 to 65535, not "${portRaw}"`);
    }
  }

  // The demo organisation is the default only when no other source is configured: an
  // organisation synced from GitHub must not get fictional teams mixed in.
  const catalogDirs = (value('CATALOG_DIRS')?.split(',').map((d) => d.trim()).filter(Boolean)
    ?? (value('GITHUB_ORG') ? [] : [defaultCatalogDir()]))
    .map((d) => resolve(cwd, d));

  const slack = {
    botToken: value('SLACK_BOT_TOKEN'),
    signingSecret: value('SLACK_SIGNING_SECRET'),
    appToken: value('SLACK_APP_TOKEN'),
    apiUrl: url('SLACK_API_URL', ['http:', 'https:']),
  };
  if (slack.botToken && !slack.botToken.startsWith('xoxb-')) problems.push('SLACK_BOT_TOKEN must be a bot token (xoxb-...)');
  if (slack.appToken && !slack.appToken.startsWith('xapp-')) problems.push('SLACK_APP_TOKEN must be an app-level token (xapp-...)');
  if ((slack.signingSecret || slack.appToken) && !slack.botToken) {
    problems.push('SLACK_BOT_TOKEN is needed with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN');
  }
  if (slack.botToken && !slack.signingSecret && !slack.appToken) {
    problems.push('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  }

  let github: Config['github'];
  const org = value('GITHUB_ORG');
  const token = value('GITHUB_TOKEN');
  const appId = value('GITHUB_APP_ID');
  const installationId = value('GITHUB_APP_INSTALLATION_ID');
  let privateKey = value('GITHUB_APP_PRIVATE_KEY');
  if (privateKey && !privateKey.includes('PRIVATE KEY')) {
    // A path to a PEM file is accepted as well as the key itself.
    try {
      privateKey = readFileSync(resolve(cwd, privateKey), 'utf8');
    } catch {
      problems.push('GITHUB_APP_PRIVATE_KEY is neither a PEM key nor a readable file');
    }
  }
  const intervalRaw = value('GITHUB_SYNC_INTERVAL_MINUTES');
  const syncIntervalMinutes = intervalRaw === undefined ? 30 : Number(intervalRaw);
  if (!Number.isFinite(syncIntervalMinutes) || syncIntervalMinutes <= 0) {
    problems.push(`GITHUB_SYNC_INTERVAL_MINUTES must be a positive number, not "${intervalRaw}"`);
  }
  const anyApp = appId || installationId || privateKey;
  if (anyApp && !(appId && installationId && privateKey)) {
    problems.push('GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID go together');
  }
  const list = (name: string) => value(name)?.split(',').map((v) => v.trim()).filter(Boolean);
  const flag = (name: string): boolean | undefined => {
    const raw = value(name)?.toLowerCase();
    if (raw === undefined) return undefined;
    if (['true', '1', 'yes'].includes(raw)) return true;
    if (['false', '0', 'no'].includes(raw)) return false;
    problems.push(`${name} must be true or false, not "${value(name)}"`);
    return undefined;
  };
  const repositoryFilter = value('GITHUB_REPO_FILTER');
  if (repositoryFilter) {
    try {
      new RegExp(repositoryFilter);
    } catch {
      problems.push('GITHUB_REPO_FILTER is not a valid regular expression');
    }
  }
  const visibility = list('GITHUB_VISIBILITY');
  const badVisibility = visibility?.filter((v) => !['public', 'private', 'internal'].includes(v));
  if (badVisibility?.length) problems.push(`GITHUB_VISIBILITY takes public, private, internal; not ${badVisibility.join(', ')}`);
  const filters = {
    repository: repositoryFilter,
    topicsInclude: list('GITHUB_TOPICS'),
    topicsExclude: list('GITHUB_EXCLUDE_TOPICS'),
    allowForks: flag('GITHUB_ALLOW_FORKS'),
    allowArchived: flag('GITHUB_ALLOW_ARCHIVED'),
    visibility: visibility as Array<'public' | 'private' | 'internal'> | undefined,
  };
  if (org) {
    if (!token && !anyApp) problems.push('GITHUB_ORG needs GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID, ...)');
    github = {
      catalogPath: value('GITHUB_CATALOG_PATH'),
      branch: value('GITHUB_BRANCH'),
      filters,
      org,
      token,
      app: appId && installationId && privateKey ? { appId, installationId, privateKey } : undefined,
      apiUrl: url('GITHUB_API_URL', ['http:', 'https:']),
      webhookSecret: value('GITHUB_WEBHOOK_SECRET'),
      syncIntervalMinutes,
    };
  } else if (token || anyApp) {
    problems.push('GITHUB_ORG is needed with GITHUB_TOKEN or a GitHub App');
  }

  const scaffold = scaffoldSettingsFromEnv(env, cwd);
  problems.push(...scaffold.problems);
  const onCall = onCallSettingsFromEnv(env);
  problems.push(...onCall.problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    databaseUrl,
    dataDir: resolve(cwd, value('CALLBOARD_DATA_DIR') ?? '.callboard'),
    catalogDirs,
    github,
    slack,
    scaffold: scaffold.settings,
    onCall: onCall.settings,
    docsBaseUrl: url('DOCS_BASE_URL', ['http:', 'https:']),
    port,
    logLevel: value('LOG_LEVEL') ?? 'info',
  };
}
