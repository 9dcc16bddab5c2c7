import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

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

  it('reads the names DESIGN.md lists', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      CALLBOARD_DATA_DIR: 'data',
      CATALOG_DIRS: 'a, b',
      GITHUB_ORG: 'acme', GITHUB_TOKEN: 'ghp_secret', GITHUB_API_URL: 'http://127.0.0.1:9/api/',
      SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'shh',
      DOCS_BASE_URL: 'https://docs.example.com/docs/', PORT: '8080',
    }, '/srv');
    expect(config.catalogDirs).toEqual(['/srv/a', '/srv/b']);
    expect(config.dataDir).toBe('/srv/data');
    expect(config.github).toMatchObject({ org: 'acme', token: 'ghp_secret', apiUrl: 'http://127.0.0.1:9/api', syncIntervalMinutes: 30 });
    expect(config.docsBaseUrl).toBe('https://docs.example.com/docs');
    expect(config.port).toBe(8080);
  });

  it('reads the GitHub provider\'s filters', () => {
    const config = loadConfig({
      GITHUB_ORG: 'acme', GITHUB_TOKEN: 't', GITHUB_CATALOG_PATH: '**/catalog-info.yaml', GITHUB_BRANCH: 'main',
      GITHUB_REPO_FILTER: '^svc-', GITHUB_TOPICS: 'backstage, catalog', GITHUB_EXCLUDE_TOPICS: 'legacy',
      GITHUB_ALLOW_FORKS: 'false', GITHUB_ALLOW_ARCHIVED: 'yes', GITHUB_VISIBILITY: 'private,internal',
    }, '/srv');
    expect(config.github).toMatchObject({
      catalogPath: '**/catalog-info.yaml', branch: 'main',
      filters: { repository: '^svc-', topicsInclude: ['backstage', 'catalog'], topicsExclude: ['legacy'], allowForks: false, allowArchived: true, visibility: ['private', 'internal'] },
    });
    expect(problemsOf({ GITHUB_ORG: 'acme', GITHUB_TOKEN: 't', GITHUB_REPO_FILTER: '(', GITHUB_ALLOW_FORKS: 'maybe', GITHUB_VISIBILITY: 'secret' })).toEqual([
      'GITHUB_REPO_FILTER is not a valid regular expression',
      'GITHUB_VISIBILITY takes public, private, internal; not secret',
      'GITHUB_ALLOW_FORKS must be true or false, not "maybe"',
    ]);
  });

  it('leaves the demo organisation out when a GitHub organisation is configured', () => {
    expect(loadConfig({ GITHUB_ORG: 'acme', GITHUB_TOKEN: 't' }, '/srv').catalogDirs).toEqual([]);
    expect(loadConfig({ GITHUB_ORG: 'acme', GITHUB_TOKEN: 't', CATALOG_DIRS: 'extra' }, '/srv').catalogDirs).toEqual(['/srv/extra']);
  });

  it('names each bad variable in one line, never echoing a secret', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2@db/x', PORT: 'eighty', GITHUB_TOKEN: 'ghp_topsecret', SLACK_BOT_TOKEN: 'xoxp-user',
    });
    expect(problems).toEqual([
      'DATABASE_URL must be a postgres: or postgresql: URL',
      'PORT must be a whole number from 0 to 65535, not "eighty"',
      'SLACK_BOT_TOKEN must be a bot token (xoxb-...)',
      'SLACK_BOT_TOKEN needs SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)',
      'GITHUB_ORG is needed with GITHUB_TOKEN or a GitHub App',
    ]);
    expect(problems.join('\n')).not.toMatch(/hunter2|topsecret|xoxp-user/);
  });
});
