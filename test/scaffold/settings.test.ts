import { describe, expect, it } from 'vitest';
import { scaffoldSettingsFromEnv } from '../../src/scaffold/settings.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';

describe('scaffolder settings', () => {
  it('defaults to the shipped templates, catalog templates, everyone may create, failed repositories deleted', () => {
    expect(scaffoldSettingsFromEnv({}, '/srv')).toEqual({
      settings: { templateDirs: [defaultTemplateDir()], catalogTemplates: true, policy: { groups: [], slackUserGroups: [] }, keepFailedRepos: false },
      problems: [],
    });
  });

  it('reads folders, groups, Slack user groups and flags', () => {
    const { settings, problems } = scaffoldSettingsFromEnv({
      TEMPLATE_DIRS: 'templates, /opt/more', CREATE_ALLOWED_GROUPS: 'platform, group:ops/sre', CREATE_ALLOWED_SLACK_USERGROUPS: 'S0ABC12',
      KEEP_FAILED_REPOS: 'yes', SCAFFOLD_CATALOG_TEMPLATES: 'false',
    }, '/srv');
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      templateDirs: ['/srv/templates', '/opt/more'], catalogTemplates: false,
      policy: { groups: ['group:default/platform', 'group:ops/sre'], slackUserGroups: ['S0ABC12'] }, keepFailedRepos: true,
    });
  });

  it('names each bad value by its variable', () => {
    const { problems } = scaffoldSettingsFromEnv({ CREATE_ALLOWED_GROUPS: 'user:x:y/z/', CREATE_ALLOWED_SLACK_USERGROUPS: 'ops', KEEP_FAILED_REPOS: 'maybe' }, '/srv');
    expect(problems).toEqual([
      expect.stringMatching(/^CREATE_ALLOWED_GROUPS: "user:x:y\/z\/" is not a group reference/),
      'CREATE_ALLOWED_SLACK_USERGROUPS: "ops" is not a Slack user group id (S...)',
      'KEEP_FAILED_REPOS must be true or false, not "maybe"',
    ]);
  });
});
