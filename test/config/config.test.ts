import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../src/config.js';
import { VARIABLES } from '../../src/config/variables.js';
import { withRenderedTable } from '../../src/config/variables-table.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/srv');
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({}, '/srv');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('/srv/.callboard');
    expect(config.catalogDirs).toHaveLength(1);
    expect(config.catalogDirs[0]).toMatch(/examples$/);
    expect(config.port).toBe(3000);
    expect(config.github).toBeUndefined();
  });

  it('reads the names the README lists', () => {
    const config = loadConfig(
      {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        CALLBOARD_DATA_DIR: 'data',
        CATALOG_DIRS: 'a, b',
        GITHUB_ORG: 'acme',
        GITHUB_TOKEN: 'ghp_secret',
        GITHUB_API_URL: 'http://127.0.0.1:9/api/',
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_SIGNING_SECRET: 'shh',
        DOCS_BASE_URL: 'https://docs.example.com/docs/',
        PORT: '8080',
      },
      '/srv',
    );
    expect(config.catalogDirs).toEqual(['/srv/a', '/srv/b']);
    expect(config.dataDir).toBe('/srv/data');
    expect(config.github).toMatchObject({
      org: 'acme',
      token: 'ghp_secret',
      apiUrl: 'http://127.0.0.1:9/api',
      syncIntervalMinutes: 30,
    });
    expect(config.docsBaseUrl).toBe('https://docs.example.com/docs');
    expect(config.port).toBe(8080);
  });

  it('reads UNFURL_DOMAINS as host names, at most five, and names a longer list or a URL as a mistake', () => {
    expect(loadConfig({}, '/srv').unfurlDomains).toEqual([]);
    expect(loadConfig({ UNFURL_DOMAINS: 'Backstage.Acme.com, acme.pagerduty.com' }, '/srv').unfurlDomains).toEqual([
      'backstage.acme.com',
      'acme.pagerduty.com',
    ]);
    expect(
      problemsOf({
        UNFURL_DOMAINS: 'a.example.com,b.example.com,c.example.com,d.example.com,e.example.com,f.example.com',
      }),
    ).toEqual([
      'UNFURL_DOMAINS lists more than 5 domains: Slack lets an app unfurl at most 5 (given "a.example.com,b.example.com,c.example.com,d.example.com,e.example.com,f.example.com")',
    ]);
    const [problem] = problemsOf({ UNFURL_DOMAINS: 'https://backstage.acme.com/catalog' });
    expect(problem).toMatch(/^UNFURL_DOMAINS takes host names only, e\.g\. backstage\.acme\.com/);
  });

  it("reads the GitHub provider's filters", () => {
    const config = loadConfig(
      {
        GITHUB_ORG: 'acme',
        GITHUB_TOKEN: 't',
        GITHUB_CATALOG_PATH: '**/catalog-info.yaml',
        GITHUB_BRANCH: 'main',
        GITHUB_REPO_FILTER: '^svc-',
        GITHUB_TOPICS: 'backstage, catalog',
        GITHUB_EXCLUDE_TOPICS: 'legacy',
        GITHUB_ALLOW_FORKS: 'false',
        GITHUB_ALLOW_ARCHIVED: 'yes',
        GITHUB_VISIBILITY: 'private,internal',
      },
      '/srv',
    );
    expect(config.github).toMatchObject({
      catalogPath: '**/catalog-info.yaml',
      branch: 'main',
      filters: {
        repository: '^svc-',
        topicsInclude: ['backstage', 'catalog'],
        topicsExclude: ['legacy'],
        allowForks: false,
        allowArchived: true,
        visibility: ['private', 'internal'],
      },
    });
    expect(
      problemsOf({
        GITHUB_ORG: 'acme',
        GITHUB_TOKEN: 't',
        GITHUB_REPO_FILTER: '(',
        GITHUB_ALLOW_FORKS: 'maybe',
        GITHUB_VISIBILITY: 'secret',
      }),
    ).toEqual([
      'GITHUB_REPO_FILTER is not a valid regular expression (given "(")',
      'GITHUB_ALLOW_FORKS must be true or false (given "maybe")',
      'GITHUB_VISIBILITY takes public, private, internal (given "secret")',
    ]);
  });

  it('leaves the demo organisation out when a GitHub organisation is configured', () => {
    expect(loadConfig({ GITHUB_ORG: 'acme', GITHUB_TOKEN: 't' }, '/srv').catalogDirs).toEqual([]);
    expect(loadConfig({ GITHUB_ORG: 'acme', GITHUB_TOKEN: 't', CATALOG_DIRS: 'extra' }, '/srv').catalogDirs).toEqual([
      '/srv/extra',
    ]);
  });

  it('names each bad variable in one line, never echoing a secret', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2@db/x',
      PORT: 'eighty',
      GITHUB_TOKEN: 'ghp_topsecret',
      SLACK_BOT_TOKEN: 'xoxp-user',
      DOCS_BASE_URL: 'not-a-url',
      LOG_LEVEL: 'loud',
      GITHUB_SYNC_INTERVAL_MINUTES: '-5',
    });
    expect(problems).toEqual([
      'DATABASE_URL must be a postgres: or postgresql: URL',
      'GITHUB_SYNC_INTERVAL_MINUTES must be a positive number (given "-5")',
      'SLACK_BOT_TOKEN must be a bot token (xoxb-...)',
      'DOCS_BASE_URL is not a valid URL (given "not-a-url")',
      'PORT must be a whole number from 0 to 65535 (given "eighty")',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (given "loud")',
      'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
      'GITHUB_ORG is needed with GITHUB_TOKEN or a GitHub App',
    ]);
    expect(problems.join('\n')).not.toMatch(/hunter2|topsecret|xoxp-user/);
  });

  it("reads the scaffolder's folders, groups, Slack user groups and flags", () => {
    expect(loadConfig({}, '/srv').scaffold).toEqual({
      templateDirs: [defaultTemplateDir()],
      actionModules: [],
      catalogTemplates: true,
      policy: { groups: [], slackUserGroups: [] },
      keepFailedRepos: false,
      taskLeaseMs: 60_000,
    });
    expect(
      loadConfig(
        {
          TEMPLATE_DIRS: 'templates, /opt/more',
          CREATE_ALLOWED_GROUPS: 'platform, group:ops/sre',
          CREATE_ALLOWED_SLACK_USERGROUPS: 'S0ABC12',
          KEEP_FAILED_REPOS: 'yes',
          SCAFFOLD_CATALOG_TEMPLATES: 'false',
          TASK_LEASE_SECONDS: '1.5',
          SCAFFOLDER_ACTION_MODULES: './actions/acme.mjs, @acme/backstage-actions, /opt/actions.js',
        },
        '/srv',
      ).scaffold,
    ).toEqual({
      templateDirs: ['/srv/templates', '/opt/more'],
      actionModules: ['/srv/actions/acme.mjs', '@acme/backstage-actions', '/opt/actions.js'],
      catalogTemplates: false,
      policy: { groups: ['group:default/platform', 'group:ops/sre'], slackUserGroups: ['S0ABC12'] },
      keepFailedRepos: true,
      taskLeaseMs: 1500,
    });
    expect(
      problemsOf({
        CREATE_ALLOWED_GROUPS: 'user:x:y/z/',
        CREATE_ALLOWED_SLACK_USERGROUPS: 'ops',
        KEEP_FAILED_REPOS: 'maybe',
      }),
    ).toEqual([
      expect.stringMatching(/^CREATE_ALLOWED_GROUPS: "user:x:y\/z\/" is not a group reference/),
      'CREATE_ALLOWED_SLACK_USERGROUPS is not a Slack user group id (S...) (given "ops")',
      'KEEP_FAILED_REPOS must be true or false (given "maybe")',
    ]);
  });

  it('reads the log level, and blank values as unset', () => {
    expect(loadConfig({ LOG_LEVEL: 'debug' }, '/srv').logLevel).toBe('debug');
    expect(loadConfig({ LOG_LEVEL: '  ', PORT: '' }, '/srv')).toMatchObject({ logLevel: 'info', port: 3000 });
  });

  it("the README's settings table is the one generated from the declarations", () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(withRenderedTable(readme));
    for (const name of Object.keys(VARIABLES)) expect(readme).toContain(`| \`${name}\` |`);
  });
});
