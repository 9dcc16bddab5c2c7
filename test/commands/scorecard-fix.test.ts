// A scorecard's "Fix it" button, pressed through the real Bolt app with a signed request: /scorecard
// shows it on a failing check that names a fix, it opens the check's template (made for a pull
// request) with the form filled in from the entity, and submitting it ends in a pull request on
// the fake GitHub.
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
// templates/add-readme/skeleton/README.md, filled in with the form's answers.
const README_EXPECTED = `# billing

Bills customers monthly.

## Running it

Describe how to build, test and run it locally.

## Who to ask

Owned by \`group:default/payments\`: ask in Slack with \`/owner billing\`.
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

type Block = {
  type: string;
  text?: { text: string };
  accessory?: { type: string; action_id: string; value?: string; text: { text: string } };
};

/** The section of `/scorecard`'s message that shows the check titled `title`. */
function checkLine(message: { blocks?: unknown[] }, title: string): Block {
  const found = ((message.blocks ?? []) as Block[]).find(
    (b) => b.type === 'section' && b.text?.text.includes(`*${title}*`),
  );
  if (!found) throw new Error(`no line for ${title} in ${JSON.stringify(message.blocks).slice(0, 800)}`);
  return found;
}

describe('/scorecard <entity> and its Fix it button', () => {
  it('shows Fix it on the failing check with a fix, and that very button opens its template filled in from the entity', {
    timeout: 120_000,
  }, async () => {
    await h.scoring.scoreAll();
    const reply = await h.client.command('/scorecard', 'ledger', { userId: PEOPLE.ada.id, channelId: 'C0PAYMENTS' });
    const message = reply.json as { blocks?: unknown[] };
    // ledger has no description (a Bronze check whose fix is set-catalog-info-fields), and links no runbook (no fix).
    const described = checkLine(message, 'Has a description');
    expect(described.text!.text).toMatch(/^:x: /);
    expect(described.accessory).toMatchObject({
      type: 'button',
      action_id: SCORECARD_FIX_ACTION,
      text: { text: 'Fix it' },
    });
    expect(checkLine(message, 'Links a runbook').accessory).toBeUndefined();

    const pressed = await h.client.blockAction(
      { action_id: described.accessory!.action_id, value: described.accessory!.value },
      { message: { ephemeral: true, channelId: 'C0PAYMENTS' } },
      { userId: PEOPLE.ada.id },
    );
    expect(pressed.status).toBe(200);
    const view = await formWith('Fill in catalog-info.yaml');
    expect(initialValues(view.blocks)).toMatchObject({ repoUrl: 'ledger', name: 'ledger' });
  });
});

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

describe('add-readme from a Fix it button', () => {
  it('opens a pull request adding a README that names the entity, what it is and its owner', {
    timeout: 120_000,
  }, async () => {
    await pressFix('add-readme', 'component:default/billing');
    const view = await formWith('Add a README');
    expect(initialValues(view.blocks)).toMatchObject({ repoUrl: 'billing', name: 'billing' });
    const submitted = await h.submit(view, {
      ...textState({ repoUrl: 'billing', name: 'billing', description: 'Bills customers monthly.' }),
      'field:owner': {
        'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/payments' } },
      },
    });
    expect(submitted.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();
    expect(h.git.pulls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ repo: 'billing', head: 'callboard/add-readme', title: 'Add a README for billing' }),
      ]),
    );
    const [proposed] = h.git.history('billing', 'callboard/add-readme');
    expect(proposed.files.get('README.md')!.toString()).toBe(README_EXPECTED);
    // The repository's own files stay as they were.
    expect(proposed.files.get('catalog-info.yaml')!.toString()).toBe(BILLING_CATALOG_INFO);
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
