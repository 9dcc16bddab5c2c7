// The only reader of process.env. Every variable is declared once, with its type, default and
// meaning, in config/variables.ts; this file assembles the values into Config and applies the rules
// that span several variables. A bad value stops the process with one line naming the variable
// (never its secret value).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CatalogRule } from './catalog/catalog-rules.js';
import { type LogLevel, readVariables } from './config/variables.js';
import type { NoticeSettings } from './notices/settings.js';
import type { OnCallSettings } from './oncall/settings.js';
import type { ScaffoldSettings } from './scaffold/settings.js';
import { actionModuleSpec } from './scaffold/actions/custom/module-spec.js';
import { defaultTemplateDir } from './scaffold/template/default-template-dir.js';

export interface GitHubAppAuth {
  appId: string;
  privateKey: string;
  installationId: string;
}

export interface Config {
  databaseUrl?: string;
  dataDir: string;
  catalogDirs: string[];
  /** Which kinds a repository's catalog files may declare (CATALOG_RULES); undefined: Backstage's default. */
  catalogRules?: CatalogRule[];
  /** Folders of scorecard files (src/scorecards). */
  scorecardDirs: string[];
  /** When every entity is scored again (SCORECARD_RESCORE_CRON, in SCORECARD_RESCORE_TIME_ZONE). */
  scorecardRescore: { cron: string; timeZone: string };
  /** The largest catalog file read (CATALOG_MAX_FILE_MB), in bytes. */
  catalogMaxFileBytes: number;
  github?: {
    org: string;
    token?: string;
    app?: GitHubAppAuth;
    apiUrl?: string;
    webhookSecret?: string;
    /** Minutes between full syncs. */
    syncIntervalMinutes: number;
    /** When scorecards' GitHub facts are all read again (cron, UTC). */
    factsCron: string;
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
  /** Notices to owners and the weekly digest (src/notices). */
  notices: NoticeSettings;
  docsBaseUrl?: string;
  /** Domains whose links Callboard unfurls (UNFURL_DOMAINS; the manifest's `unfurl_domains`). */
  unfurlDomains: string[];
  port: number;
  logLevel: LogLevel;
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
  const { values: v, problems } = readVariables(env);

  const slack = {
    botToken: v.SLACK_BOT_TOKEN,
    signingSecret: v.SLACK_SIGNING_SECRET,
    appToken: v.SLACK_APP_TOKEN,
    apiUrl: v.SLACK_API_URL,
  };
  // Checked on the raw values: a malformed token already has its own problem line.
  const botTokenSet = Boolean(env.SLACK_BOT_TOKEN?.trim());
  if ((slack.signingSecret || env.SLACK_APP_TOKEN?.trim()) && !botTokenSet) {
    problems.push('SLACK_BOT_TOKEN is needed with SLACK_SIGNING_SECRET or SLACK_APP_TOKEN');
  }
  if (botTokenSet && !slack.signingSecret && !env.SLACK_APP_TOKEN?.trim()) {
    problems.push('SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  }

  const { GITHUB_ORG: org, GITHUB_TOKEN: token, GITHUB_APP_ID: appId, GITHUB_APP_INSTALLATION_ID: installationId } = v;
  let privateKey = v.GITHUB_APP_PRIVATE_KEY;
  if (privateKey && !privateKey.includes('PRIVATE KEY')) {
    // A path to a PEM file is accepted as well as the key itself.
    try {
      privateKey = readFileSync(resolve(cwd, privateKey), 'utf8');
    } catch {
      problems.push('GITHUB_APP_PRIVATE_KEY is neither a PEM key nor a readable file');
    }
  }
  const anyApp = appId || installationId || privateKey;
  if (anyApp && !(appId && installationId && privateKey)) {
    problems.push('GITHUB_APP_ID, GITHUB_APP_PRIVATE_KEY and GITHUB_APP_INSTALLATION_ID go together');
  }
  let github: Config['github'];
  if (org) {
    if (!token && !anyApp) problems.push('GITHUB_ORG needs GITHUB_TOKEN or a GitHub App (GITHUB_APP_ID, ...)');
    github = {
      org,
      token,
      app: appId && installationId && privateKey ? { appId, installationId, privateKey } : undefined,
      apiUrl: v.GITHUB_API_URL,
      webhookSecret: v.GITHUB_WEBHOOK_SECRET,
      syncIntervalMinutes: v.GITHUB_SYNC_INTERVAL_MINUTES,
      factsCron: v.GITHUB_FACTS_CRON,
      catalogPath: v.GITHUB_CATALOG_PATH,
      branch: v.GITHUB_BRANCH,
      filters: {
        repository: v.GITHUB_REPO_FILTER,
        topicsInclude: v.GITHUB_TOPICS,
        topicsExclude: v.GITHUB_EXCLUDE_TOPICS,
        allowForks: v.GITHUB_ALLOW_FORKS,
        allowArchived: v.GITHUB_ALLOW_ARCHIVED,
        visibility: v.GITHUB_VISIBILITY,
      },
    };
  } else if (token || anyApp) {
    problems.push('GITHUB_ORG is needed with GITHUB_TOKEN or a GitHub App');
  }

  if (problems.length) throw new ConfigError(problems);

  // The demo organisation is the default only when no other source is configured: an
  // organisation synced from GitHub must not get fictional teams mixed in.
  const catalogDirs = v.CATALOG_DIRS ?? (org ? [] : [defaultCatalogDir()]);
  const templateDirs = v.TEMPLATE_DIRS?.length ? v.TEMPLATE_DIRS : undefined;
  return {
    databaseUrl: v.DATABASE_URL,
    dataDir: resolve(cwd, v.CALLBOARD_DATA_DIR),
    catalogDirs: catalogDirs.map((dir) => resolve(cwd, dir)),
    catalogRules: v.CATALOG_RULES,
    scorecardDirs: v.SCORECARD_DIRS?.length
      ? v.SCORECARD_DIRS.map((dir) => resolve(cwd, dir))
      : [resolve(defaultCatalogDir(), '../scorecards')],
    scorecardRescore: { cron: v.SCORECARD_RESCORE_CRON, timeZone: v.SCORECARD_RESCORE_TIME_ZONE },
    catalogMaxFileBytes: Math.round(v.CATALOG_MAX_FILE_MB * 1024 * 1024),
    github,
    slack,
    scaffold: {
      templateDirs: templateDirs?.map((dir) => resolve(cwd, dir)) ?? [defaultTemplateDir()],
      actionModules: (v.SCAFFOLDER_ACTION_MODULES ?? []).map((spec) => actionModuleSpec(spec, cwd)),
      catalogTemplates: v.SCAFFOLD_CATALOG_TEMPLATES,
      policy: { groups: v.CREATE_ALLOWED_GROUPS ?? [], slackUserGroups: v.CREATE_ALLOWED_SLACK_USERGROUPS ?? [] },
      keepFailedRepos: v.KEEP_FAILED_REPOS,
      taskLeaseMs: v.TASK_LEASE_SECONDS * 1000,
    },
    onCall: {
      pagerduty: { token: v.PAGERDUTY_TOKEN, apiUrl: v.PAGERDUTY_API_URL, eventsUrl: v.PAGERDUTY_EVENTS_URL },
      opsgenie: { apiKey: v.OPSGENIE_API_KEY, apiUrl: v.OPSGENIE_API_URL },
    },
    notices: {
      enabled: v.NOTICES,
      platformChannel: v.NOTICES_PLATFORM_CHANNEL,
      maxDirectMessages: Math.floor(v.NOTICES_MAX_DMS),
      batchSeconds: v.NOTICES_BATCH_SECONDS,
      digestCron: v.DIGEST_CRON,
      digestTimeZone: v.DIGEST_TIME_ZONE,
      ownershipConfirmDays: v.OWNERSHIP_CONFIRM_DAYS,
    },
    docsBaseUrl: v.DOCS_BASE_URL,
    unfurlDomains: v.UNFURL_DOMAINS ?? [],
    port: v.PORT,
    logLevel: v.LOG_LEVEL,
  };
}
