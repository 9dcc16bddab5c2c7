// A scorecard's "Fix it" button, pressed through the real Bolt app with a signed request: it opens
// the check's template (made for a pull request) with the form filled in from the entity, and
// submitting it ends in a pull request on the fake GitHub.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORECARD_FIX_ACTION } from '../../commands/scorecard.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { TEAM_ID } from '../support/slack-client.js';
import { type CreateHarness, PEOPLE, selectState, startCreateHarness, textState } from './create-harness.js';

let h: CreateHarness;
// The repository's own file, as people write them: comments, a blank line, keys in their order.
const BILLING_CATALOG_INFO = `# Billing: owned by payments. Ask in #payments before renaming.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing # the name Slack answers to
  annotations:
    github.com/project-slug: acme/billing

spec:
  type: service # not a library
  owner: payments
`;
const fixtures = new URL('../fixtures/scaffold/', import.meta.url).pathname;

beforeAll(async () => {
  h = await startCreateHarness();
  // The ledger service, in the acme/ledger repository the fake GitHub holds, owned by payments.
  const dir = mkdtempSync(join(tmpdir(), 'scorecard-fix-'));
  writeFileSync(
    join(dir, 'ledger.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  annotations:
    github.com/project-slug: acme/ledger
spec:
  type: service
  lifecycle: production
  owner: payments
`,
  );
  writeFileSync(
    join(dir, 'billing.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
  annotations:
    github.com/project-slug: acme/billing
spec:
  type: service
  lifecycle: experimental
  owner: payments
`,
  );
  h.github.org.addRepository({ name: 'billing', files: { 'catalog-info.yaml': BILLING_CATALOG_INFO } });
  await syncFolders(h.store, [`${fixtures}catalog`, dir]);
}, 180_000);
afterAll(async () => {
  await h?.close();
});

type InputBlock = { type: string; block_id?: string; element?: { initial_value?: string } };

/** What each of the modal's text fields opens with, by field name. */
function initialValues(blocks: unknown[]): Record<string, string | undefined> {
  return Object.fromEntries(
    (blocks as InputBlock[])
      .filter((b) => b.type === 'input' && b.block_id?.startsWith('field:'))
      .map((b) => [b.block_id!.slice('field:'.length), b.element?.initial_value]),
  );
}

let presses = 0;

function pressFix(template: string, entityRef: string) {
  const responseUrl = h.fake.responseUrl();
  return h.interact({
    token: 'deprecated-verification-token',
    api_app_id: 'A0CALLBOARD',
    team: { id: TEAM_ID, domain: 'fake-workspace' },
    is_enterprise_install: false,
    type: 'block_actions',
    user: { id: PEOPLE.ada.id, username: 'ada', name: 'ada', team_id: TEAM_ID },
    trigger_id: `${++presses}.1.fix`,
    container: { type: 'message', message_ts: '1.0', channel_id: 'C0PAYMENTS', is_ephemeral: true },
    channel: { id: 'C0PAYMENTS', name: 'payments' },
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: SCORECARD_FIX_ACTION,
        block_id: 'b',
        value: JSON.stringify({ template, entityRef }),
        text: { type: 'plain_text', text: 'Fix it' },
        action_ts: '1.0',
      },
    ],
  });
}

/** The modal once the template's form is in it (a loading view may open first on a slow machine). */
async function formWith(title: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const opened = h.fake.calls.some((c) => c.method === 'views.open' && c.ok);
    if (opened && JSON.stringify(h.lastView().blocks).includes(title)) return h.lastView();
    if (Date.now() > deadline)
      throw new Error(`no modal showing ${title}: ${opened ? JSON.stringify(h.lastView().blocks).slice(0, 600) : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("a scorecard's Fix it button", () => {
  it('opens add-codeowners filled in from the entity, and its submission opens a pull request naming its GitHub team', {
    timeout: 120_000,
  }, async () => {
    const reply = await pressFix('add-codeowners', 'component:default/ledger');
    expect(reply.status).toBe(200);
    const view = await formWith('Add a CODEOWNERS file');
    expect(initialValues(view.blocks)).toMatchObject({ repoUrl: 'ledger', name: 'ledger', team: 'payments-devs' });

    const submitted = await h.submit(view, textState({ repoUrl: 'ledger', name: 'ledger', team: 'payments-devs' }));
    expect(submitted.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();
    expect(h.git.pulls).toEqual([
      expect.objectContaining({ repo: 'ledger', head: 'callboard/add-codeowners', title: 'Add CODEOWNERS for ledger' }),
    ]);
    const [proposed] = h.git.history('ledger', 'callboard/add-codeowners');
    expect(proposed.files.get('.github/CODEOWNERS')!.toString()).toContain('* @acme/payments-devs');
  });
});

describe('set-catalog-info-fields from a Fix it button', () => {
  it('opens a pull request whose catalog-info.yaml gains the missing fields and keeps its comments', {
    timeout: 120_000,
  }, async () => {
    await pressFix('set-catalog-info-fields', 'component:default/billing');
    const view = await formWith('Fill in catalog-info.yaml');
    expect(initialValues(view.blocks)).toMatchObject({ repoUrl: 'billing', name: 'billing' });
    const submitted = await h.submit(view, {
      ...textState({
        repoUrl: 'billing',
        name: 'billing',
        description: 'Bills customers monthly.',
        system: 'payments',
      }),
      ...selectState('lifecycle', '0'),
    });
    expect(submitted.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();
    expect(h.git.pulls).toEqual(
      expect.arrayContaining([expect.objectContaining({ repo: 'billing', head: 'callboard/catalog-info-billing' })]),
    );
    const [proposed] = h.git.history('billing', 'callboard/catalog-info-billing');
    expect(
      proposed.files.get('catalog-info.yaml')!.toString(),
    ).toBe(`# Billing: owned by payments. Ask in #payments before renaming.
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing # the name Slack answers to
  annotations:
    github.com/project-slug: acme/billing
  description: Bills customers monthly.

spec:
  type: service # not a library
  owner: payments
  lifecycle: production
  system: payments
`);
  });
});
