// docs/templates.md names every action a template may use and every setting that governs /create,
// so a platform engineer reading it learns what the code accepts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VARIABLES } from '../../src/config/variables.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';

const guide = readFileSync(new URL('../../docs/templates.md', import.meta.url), 'utf8');

describe('docs/templates.md', () => {
  it('names every action Callboard runs', () => {
    for (const id of actionRegistry().keys()) expect(guide, `${id} is not in docs/templates.md`).toContain(`\`${id}\``);
  });

  it('explains every /create setting', () => {
    const settings = [
      'TEMPLATE_DIRS',
      'SCAFFOLD_CATALOG_TEMPLATES',
      'CREATE_ALLOWED_GROUPS',
      'CREATE_ALLOWED_SLACK_USERGROUPS',
      'KEEP_FAILED_REPOS',
    ] as const;
    for (const name of settings) {
      expect(VARIABLES[name]).toBeDefined();
      expect(guide).toContain(`\`${name}`);
    }
  });

  it('shows the repoUrl format', () => {
    expect(guide).toContain('github.com?owner=acme&repo=payments-api');
  });
});
