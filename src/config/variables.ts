// Every environment variable Callboard reads, declared once: its name, its type and default (a zod
// schema over the raw text) and its meaning in one line. The README's settings table is generated
// from this list and a test keeps the two equal. src/config.ts assembles these values into Config
// and applies the few rules that span several variables (which Slack mode, GitHub token or App).
import { Cron } from 'croner';
import { load } from 'js-yaml';
import { z } from 'zod';
import { type CatalogRule, readCatalogRules } from '../catalog/catalog-rules.js';
import { parseEntityRef, stringifyEntityRef } from '../catalog/refs.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
const VISIBILITIES = ['public', 'private', 'internal'] as const;

/** A comma-separated list: blanks and spaces around items dropped. */
const commaList = z.string().transform((raw) =>
  raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

function httpUrl(protocols: string[]) {
  return (
    z
      .string()
      .refine((raw) => URL.canParse(raw), 'is not a valid URL')
      .refine((raw) => !URL.canParse(raw) || protocols.includes(new URL(raw).protocol), {
        message: `must be a ${protocols.join(' or ')} URL`,
        abort: true,
      })
      // A trailing slash would double up when paths are appended.
      .transform((raw) => raw.replace(/\/+$/, ''))
  );
}

function isCron(raw: string): boolean {
  try {
    new Cron(raw, { paused: true });
    return raw.trim().split(/\s+/).length === 5;
  } catch {
    return false;
  }
}

function isTimeZone(raw: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: raw });
    return true;
  } catch {
    return false;
  }
}

const flag = z.stringbool({ error: 'must be true or false' });

const positiveNumber = z.coerce.number({ error: 'must be a positive number' }).positive('must be a positive number');

const port = z.coerce
  .number({ error: 'must be a whole number from 0 to 65535' })
  .int('must be a whole number from 0 to 65535')
  .min(0, 'must be a whole number from 0 to 65535')
  .max(65535, 'must be a whole number from 0 to 65535');

const regularExpression = z.string().refine((raw) => {
  try {
    new RegExp(raw);
    return true;
  } catch {
    return false;
  }
}, 'is not a valid regular expression');

const groupRefs = commaList.transform((items, ctx) =>
  items.flatMap((raw) => {
    try {
      const ref = parseEntityRef(raw, { defaultKind: 'Group' });
      if (ref.kind.toLowerCase() === 'group') return [stringifyEntityRef(ref)];
    } catch {
      // reported below
    }
    ctx.addIssue({
      code: 'custom',
      message: `"${raw}" is not a group reference (e.g. group:default/platform or platform)`,
    });
    return [];
  }),
);

const slackUserGroupIds = commaList.pipe(
  z.array(z.string().regex(/^S[A-Z0-9]{2,}$/, 'is not a Slack user group id (S...)')),
);

/** Slack lets an app claim at most five domains for unfurls (the manifest's `unfurl_domains`). */
const MAX_UNFURL_DOMAINS = 5;

/** Host names only (`backstage.acme.com`), lower-cased; a scheme, path or port is a mistake worth naming. */
const unfurlDomains = commaList
  .transform((items) => items.map((item) => item.toLowerCase()))
  .pipe(
    z
      .array(
        z
          .string()
          .regex(
            /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/,
            'takes host names only, e.g. backstage.acme.com,acme.pagerduty.com (no https://, path or port)',
          ),
      )
      .max(
        MAX_UNFURL_DOMAINS,
        `lists more than ${MAX_UNFURL_DOMAINS} domains: Slack lets an app unfurl at most ${MAX_UNFURL_DOMAINS}`,
      ),
  );

/** Backstage's `catalog.rules`, written as YAML or JSON on one line. */
const catalogRules = z.string().transform((raw, ctx): CatalogRule[] => {
  try {
    return readCatalogRules(load(raw));
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `is not a list of catalog rules: ${(error as Error).message}` });
    return z.NEVER;
  }
});

/** One declared variable: its meaning (with its default) and the schema that reads its raw text when set. */
interface Variable<T> {
  meaning: string;
  schema: z.ZodType<T>;
  /** The raw text used when the variable is unset (read through the same schema). */
  fallback?: string;
  /** A secret's value must never appear in a problem line, a log or a reply (a test holds the messages to it). */
  secret?: boolean;
}

function variable<T, Fallback extends string | undefined = undefined>(
  meaning: string,
  schema: z.ZodType<T>,
  options: { secret?: boolean; fallback?: Fallback } = {},
): Variable<T> & { fallback: Fallback } {
  return { meaning, schema, secret: options.secret, fallback: options.fallback as Fallback };
}

export const VARIABLES = {
  DATABASE_URL: variable('Postgres connection string; unset: embedded PGlite', httpUrl(['postgres:', 'postgresql:']), {
    secret: true,
  }),
  CALLBOARD_DATA_DIR: variable('where PGlite keeps its files', z.string(), { fallback: '.callboard' }),
  CATALOG_DIRS: variable(
    'comma-separated local folders to sync (default: the demo organisation in `examples/`, unless `GITHUB_ORG` is set)',
    commaList,
  ),
  CATALOG_RULES: variable(
    "which kinds a repository's catalog files may declare, as Backstage's `catalog.rules` in YAML or JSON, e.g. " +
      '`[{allow: [Component, API, Location, System, Resource]}, {allow: [User, Group], locations: [{type: url, pattern: "https://github.com/acme/people/**"}]}]` ' +
      "(default `[{allow: [Component, API, Location]}]`, as in Backstage; the GitHub organisation's teams and members and `CATALOG_DIRS` folders may declare every kind)",
    catalogRules,
  ),
  CATALOG_MAX_FILE_MB: variable(
    "the largest catalog file read, in MiB: a larger one is refused with a problem (the default takes a 100k-person organisation's HR export)",
    positiveNumber,
    { fallback: '32' },
  ),
  GITHUB_ORG: variable('the GitHub organisation to discover (needs `GITHUB_TOKEN` or a GitHub App)', z.string()),
  GITHUB_TOKEN: variable('a token for `GITHUB_ORG`', z.string(), { secret: true }),
  GITHUB_APP_ID: variable('a GitHub App instead of a token: its id', z.string()),
  GITHUB_APP_PRIVATE_KEY: variable("the GitHub App's private key, or a path to its PEM file", z.string(), {
    secret: true,
  }),
  GITHUB_APP_INSTALLATION_ID: variable("the GitHub App's installation id in the organisation", z.string()),
  GITHUB_API_URL: variable("GitHub's API base (GitHub Enterprise Server; a test server)", httpUrl(['http:', 'https:'])),
  GITHUB_WEBHOOK_SECRET: variable('verifies `POST /github/webhook`', z.string(), { secret: true }),
  GITHUB_SYNC_INTERVAL_MINUTES: variable('minutes between full GitHub syncs', positiveNumber, { fallback: '30' }),
  GITHUB_FACTS_CRON: variable(
    "when scorecards' GitHub facts are all read again (UTC cron; about 20 GraphQL points per 1,000 repositories)",
    z.string().refine(isCron, 'is not a cron pattern (e.g. 17 * * * *)'),
    { fallback: '17 * * * *' },
  ),
  GITHUB_CATALOG_PATH: variable(
    'where catalog files live in each repository, a path or a glob (default `catalog-info.yaml`)',
    z.string(),
  ),
  GITHUB_BRANCH: variable("the branch to read (default: each repository's default branch)", z.string()),
  GITHUB_REPO_FILTER: variable('only repositories whose name matches this regular expression', regularExpression),
  GITHUB_TOPICS: variable('comma-separated topics a repository must have', commaList),
  GITHUB_EXCLUDE_TOPICS: variable('comma-separated topics that leave a repository out', commaList),
  GITHUB_ALLOW_FORKS: variable('`true`/`false`: read forks (default `true`, as in Backstage)', flag),
  GITHUB_ALLOW_ARCHIVED: variable(
    '`true`/`false`: read archived repositories (default `false`, as in Backstage)',
    flag,
  ),
  GITHUB_VISIBILITY: variable(
    'comma-separated `public`, `private`, `internal` (default: all)',
    commaList.pipe(z.array(z.enum(VISIBILITIES, { error: 'takes public, private, internal' }))),
  ),
  SLACK_BOT_TOKEN: variable(
    'the bot token (`xoxb-…`); with `SLACK_SIGNING_SECRET` or `SLACK_APP_TOKEN`',
    z.string().startsWith('xoxb-', 'must be a bot token (xoxb-...)'),
    { secret: true },
  ),
  SLACK_SIGNING_SECRET: variable('HTTP mode: verifies requests on `/slack/events`', z.string(), { secret: true }),
  SLACK_APP_TOKEN: variable(
    'Socket Mode (no public URL needed): the app-level token (`xapp-…`)',
    z.string().startsWith('xapp-', 'must be an app-level token (xapp-...)'),
    { secret: true },
  ),
  SLACK_API_URL: variable("Slack's Web API base (a test server)", httpUrl(['http:', 'https:'])),
  UNFURL_DOMAINS: variable(
    "comma-separated domains (at most 5) whose links Callboard unfurls: your Backstage (`/catalog/<namespace>/<kind>/<name>` as the entity's card) and your PagerDuty (`acme.pagerduty.com`: a service link as who is on call now); list the same domains under `unfurl_domains` in the manifest",
    unfurlDomains,
  ),
  TEMPLATE_DIRS: variable('comma-separated folders of software templates (default `templates/`)', commaList),
  SCORECARD_DIRS: variable(
    'comma-separated folders of scorecard YAML files (default `scorecards/`, which holds "Production readiness")',
    commaList,
  ),
  SCORECARD_RESCORE_CRON: variable(
    'when every entity is scored again (catalog changes are scored as they happen), as cron (minute hour day month weekday)',
    z.string().refine(isCron, 'is not a cron pattern (e.g. 0 3 * * *)'),
    { fallback: '0 3 * * *' },
  ),
  SCORECARD_RESCORE_TIME_ZONE: variable(
    'the IANA time zone `SCORECARD_RESCORE_CRON` is read in, e.g. `Europe/Berlin`',
    z.string().refine(isTimeZone, 'is not an IANA time zone (e.g. Europe/Berlin)'),
    { fallback: 'UTC' },
  ),
  SCAFFOLD_CATALOG_TEMPLATES: variable(
    "`true`/`false`: also offer the catalog's `Template` entities in `/create`",
    flag,
    {
      fallback: 'true',
    },
  ),
  SCAFFOLDER_ACTION_MODULES: variable(
    'comma-separated modules of your own template actions, Backstage `createTemplateAction` style: `.js`/`.mjs` paths (relative to where Callboard starts) or package names',
    commaList,
  ),
  CREATE_ALLOWED_GROUPS: variable(
    "catalog groups whose members (and their sub-groups') may use `/create` (default: everyone)",
    groupRefs,
  ),
  CREATE_ALLOWED_SLACK_USERGROUPS: variable(
    'Slack user group ids (`S…`) whose members may use `/create`',
    slackUserGroupIds,
  ),
  KEEP_FAILED_REPOS: variable(
    '`true`/`false`: keep a repository whose creation failed, marked in its description, instead of deleting it',
    flag,
    { fallback: 'false' },
  ),
  TASK_LEASE_SECONDS: variable(
    'how long a `/create` request stays leased to the replica running it without a renewal (renewed every third of it); once past, another replica recovers the request',
    positiveNumber,
    { fallback: '60' },
  ),
  DOCS_BASE_URL: variable(
    'where TechDocs sites live, for `backstage.io/techdocs-ref` links',
    httpUrl(['http:', 'https:']),
  ),
  PAGERDUTY_TOKEN: variable(
    'a PagerDuty REST API key (read-only is enough): who is on call now in `/owner`, `/oncall`, person cards and App Home; ' +
      'unset: the PagerDuty link only',
    z.string(),
    { secret: true },
  ),
  PAGERDUTY_API_URL: variable("PagerDuty's REST API base, or a test server's", httpUrl(['http:', 'https:']), {
    fallback: 'https://api.pagerduty.com',
  }),
  PAGERDUTY_EVENTS_URL: variable(
    "PagerDuty's Events API v2 base, where *Page on-call* sends its trigger",
    httpUrl(['http:', 'https:']),
    { fallback: 'https://events.pagerduty.com' },
  ),
  OPSGENIE_API_KEY: variable(
    'an Opsgenie API key with read access: who is on call now for `opsgenie.com/team`; unset: the Opsgenie link only',
    z.string(),
    { secret: true },
  ),
  OPSGENIE_API_URL: variable(
    "Opsgenie's API base; EU accounts: `https://api.eu.opsgenie.com`",
    httpUrl(['http:', 'https:']),
    { fallback: 'https://api.opsgenie.com' },
  ),
  NOTICES: variable(
    '`true`/`false`: tell owners what needs them and send the weekly digest (needs `SLACK_BOT_TOKEN`)',
    flag,
    { fallback: 'true' },
  ),
  NOTICES_PLATFORM_CHANNEL: variable(
    'Slack channel id (`C…`) that hears notices nobody else can: no owner, no channel and no member in Slack, *Not ours*',
    z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'is not a Slack channel id (C... or G...)'),
  ),
  NOTICES_MAX_DMS: variable('members told by DM when a team names no channel', positiveNumber, { fallback: '3' }),
  NOTICES_BATCH_SECONDS: variable(
    "seconds a new notice waits for its team's others, so they go out as one message",
    z.coerce.number({ error: 'must be a number of seconds' }).min(0, 'must be 0 or more'),
    { fallback: '180' },
  ),
  DIGEST_CRON: variable(
    'when the weekly digest goes out, as cron (minute hour day month weekday)',
    z.string().refine(isCron, 'is not a cron pattern (e.g. 0 9 * * MON)'),
    { fallback: '0 9 * * MON' },
  ),
  DIGEST_TIME_ZONE: variable(
    'the IANA time zone `DIGEST_CRON` is read in, e.g. `Europe/Berlin`',
    z.string().refine(isTimeZone, 'is not an IANA time zone (e.g. Europe/Berlin)'),
    { fallback: 'UTC' },
  ),
  OWNERSHIP_CONFIRM_DAYS: variable(
    'every this many days each team is asked "Do you still own these?" (Yes / Not ours), at the hour of `DIGEST_CRON`; `0`: never',
    z.coerce
      .number({ error: 'must be a whole number of days' })
      .int('must be a whole number of days')
      .min(0, 'must be 0 or more'),
    { fallback: '0' },
  ),
  PORT: variable('the HTTP port', port, { fallback: '3000' }),
  LOG_LEVEL: variable(
    `pino level: ${LOG_LEVELS.join(', ')}`,
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }),
    { fallback: 'info' },
  ),
} as const;

type VariableName = keyof typeof VARIABLES;
/** A variable with a fallback always has a value; the others may be unset. */
type ValueOf<K extends VariableName> = (typeof VARIABLES)[K] extends Variable<infer T> & { fallback: infer F }
  ? F extends string
    ? T
    : T | undefined
  : never;
type VariableValues = { [K in VariableName]: ValueOf<K> };

/** Blank values count as unset, and surrounding spaces are not part of a value. */
function blankAsUnset(raw: string | undefined): string | undefined {
  return raw?.trim() ? raw.trim() : undefined;
}

/**
 * Reads every declared variable through its schema. Each problem is one line naming the variable;
 * no message quotes a secret's value (only group and user-group values, which are not secret, are
 * quoted). Values that passed are returned even when others failed, so that the rules spanning
 * several variables can be reported in the same run.
 */
export function readVariables(env: Record<string, string | undefined>): { values: VariableValues; problems: string[] } {
  const values: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, declared] of Object.entries(VARIABLES)) {
    const raw = blankAsUnset(env[name]) ?? declared.fallback;
    const parsed = declared.schema.optional().safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) values[name] = parsed.data;
      continue;
    }
    // A list may report the same message once per bad item; one line per message is enough.
    const messages = new Set(parsed.error.issues.map((issue) => issue.message));
    for (const message of messages) {
      // Quoting what was given helps, except for a secret, and where the message already quotes the bad item.
      const given = declared.secret || message.includes('"') ? '' : ` (given "${raw}")`;
      problems.push(`${name}${message.startsWith('"') ? ': ' : ' '}${message}${given}`);
    }
  }
  return { values: values as VariableValues, problems };
}
