// docs/github.md tells the platform engineer which webhook events to subscribe to and what each
// does: every event the planner acts on must be there, and every action that calls GitHub must
// have its permission explained.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOG_EVENTS } from '../../src/sync/github/webhook-events.js';

const guide = readFileSync(new URL('../../docs/github.md', import.meta.url), 'utf8');

describe('docs/github.md', () => {
  it('has a row for every event that can change the catalog', () => {
    for (const event of CATALOG_EVENTS) {
      expect(guide, `${event} is not in docs/github.md's table`).toMatch(new RegExp(`^\\| \`${event}\` \\|`, 'm'));
    }
  });

  it('asks for the webhook at the path Callboard serves, with its secret', () => {
    expect(guide).toContain('https://<your host>/github/webhook');
    expect(guide).toContain('GITHUB_WEBHOOK_SECRET');
  });
});
