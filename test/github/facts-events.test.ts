// Which deliveries refresh a repository's scorecard facts, read from GitHub's own example payloads
// (@octokit/webhooks-examples): pushes and statuses of the default branch, protection, rulesets,
// Dependabot alerts, archiving; not pushes or checks of other branches, nor other accounts.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { planFactsRefresh } from '../../src/sources/github/facts-events.js';

type Payload = Record<string, any>;
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as {
  name: string;
  examples: Payload[];
}[];
const all = (event: string) => examples.find((e) => e.name === event)!.examples;
const ownerOf = (payload: Payload) => payload.repository.owner.login as string;

describe('GitHub facts refreshed by webhooks', () => {
  it('refreshes on every branch_protection_rule and dependabot_alert example, for its repository', () => {
    for (const event of ['branch_protection_rule', 'dependabot_alert']) {
      for (const payload of all(event)) {
        expect(planFactsRefresh(event, payload, ownerOf(payload))).toEqual({
          kind: 'repository',
          repository: payload.repository.full_name.toLowerCase(),
        });
      }
    }
  });

  it('refreshes for statuses and check suites of the default branch only', () => {
    for (const payload of all('status')) {
      const onDefault = payload.branches.some((b: { name: string }) => b.name === payload.repository.default_branch);
      expect(planFactsRefresh('status', payload, ownerOf(payload)).kind).toBe(onDefault ? 'repository' : 'none');
    }
    const suites = all('check_suite').map((p) => planFactsRefresh('check_suite', p, ownerOf(p)).kind);
    expect(suites).toContain('repository');
    expect(suites).toContain('none');
  });

  it('refreshes on a push to the default branch, not to another', () => {
    const push = all('push')[0];
    const toDefault = { ...push, ref: `refs/heads/${push.repository.default_branch}` };
    expect(planFactsRefresh('push', toDefault, ownerOf(push)).kind).toBe('repository');
    expect(planFactsRefresh('push', { ...push, ref: 'refs/heads/feature' }, ownerOf(push)).kind).toBe('none');
  });

  it('refreshes when a repository is archived or unarchived, and for an organisation ruleset reads everything', () => {
    // GitHub publishes no `archived` example: its `publicized` one, archived.
    const repository = { ...all('repository').find((p) => p.action === 'publicized')!, action: 'archived' };
    expect(planFactsRefresh('repository', repository, ownerOf(repository)).kind).toBe('repository');
    expect(planFactsRefresh('repository', { ...repository, action: 'edited' }, ownerOf(repository)).kind).toBe('none');
    expect(
      planFactsRefresh('repository_ruleset', { action: 'edited', organization: { login: 'acme' } }, 'acme'),
    ).toEqual({
      kind: 'organisation',
    });
  });

  it("leaves other accounts' repositories and other events alone", () => {
    const payload = all('dependabot_alert')[0];
    expect(planFactsRefresh('dependabot_alert', payload, 'someone-else').kind).toBe('none');
    expect(planFactsRefresh('issues', payload, ownerOf(payload)).kind).toBe('none');
  });
});
