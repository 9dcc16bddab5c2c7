// The playground's HTTP side, as the page (or `callboard ask`) uses it: each route makes the
// request Slack would make and answers with what changed. Bad requests get a clear 400, and
// nothing from another machine is answered.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { dataAttributes } from './data-attributes.js';

interface Update {
  replies: Array<{ html?: string; replace_original?: boolean }>;
  modal: { id: string; html: string } | null;
  errors?: Record<string, string>;
  text: string;
  home?: string;
  error?: string;
  options?: Array<{ text: { text: string }; value: string }>;
}

describe('the playground routes', () => {
  let dataDir: string;
  let started: StartedCallboard;
  let base: string;
  const post = async (path: string, body: unknown): Promise<{ status: number; body: Update }> => {
    const headers = { 'content-type': 'application/json' };
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as Update };
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-playground-'));
    const config = loadConfig({ CALLBOARD_DATA_DIR: dataDir, PORT: '0', CATALOG_DIRS: defaultCatalogDir() });
    started = await startCallboard(config, silentLogger);
    base = `http://127.0.0.1:${started.server.port}`;
  });
  afterAll(async () => {
    await started?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers a command with the rendered message and its plain text', async () => {
    const { status, body } = await post('/playground/ask', { text: '/service paymnts' });
    expect(status).toBe(200);
    expect(body.text).toMatch(/^Payments Service\n/);
    expect(body.replies).toHaveLength(1);
    expect(body.replies[0].html).toContain('<div class="bk-block bk-header">Payments Service</div>');
    expect(body.modal).toBeNull();

    const members = dataAttributes(body.replies[0].html!, 'data-act').find(
      (a) => (a.text as { text: string }).text === 'Members',
    )!;
    const pressed = await post('/playground/act', { action: members, ephemeral: true });
    expect(pressed.body.replies).toEqual([expect.objectContaining({ replace_original: true })]);
    expect(pressed.body.text).toContain('People of Payments Team');
  });

  it("opens /create's modal, answers its selects as the user types, and checks each submit", async () => {
    const opened = await post('/playground/ask', { text: '/create docs-site' });
    expect(opened.body.replies).toEqual([]);
    expect(opened.body.modal!.html).toContain('<h2 id="modal-title">Documentation site</h2>');
    // `callboard ask "/create"` against a running playground says where the form is.
    const page = `http://127.0.0.1:${started.server.port}/`;
    expect(opened.body.text).toBe(`It opened a form: fill it in on the playground page, ${page}`);
    const viewId = opened.body.modal!.id;

    const teams = await post('/playground/options', {
      view_id: viewId,
      block_id: 'field:owner',
      action_id: 'callboard.create.entity',
      value: 'payments',
    });
    expect(teams.body.options!.map((o) => o.value)).toContain('group:default/payments-team');

    const empty = await post('/playground/submit', { view_id: viewId, values: {} });
    const required = 'This field is required.';
    expect(empty.body.errors).toMatchObject({ 'field:name': required, 'field:title': required });
    expect(empty.body.modal!.id).toBe(viewId);

    const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
    const done = await post('/playground/submit', {
      view_id: viewId,
      values: {
        'field:name': text('payments-handbook'),
        'field:title': text('Payments handbook'),
        'field:repoUrl': text('payments-handbook'),
        'field:owner': {
          'callboard.create.entity': {
            type: 'external_select',
            selected_option: {
              text: { type: 'plain_text', text: 'Payments Team' },
              value: 'group:default/payments-team',
            },
          },
        },
      },
    });
    expect(done.body.errors).toBeUndefined();
    expect(done.body.modal!.html).toContain('<h2 id="modal-title">Dry run</h2>');
    expect(done.body.modal!.html).toContain('mkdocs.yml');

    const closed = await post('/playground/close', { view_id: done.body.modal!.id });
    expect(closed.body.modal).toBeNull();
  });

  it('takes anything but a command as a DM, answered in the conversation, with Who owns this? in its menu', async () => {
    const { status, body } = await post('/playground/ask', { text: 'who owns the ledger service?' });
    expect(status).toBe(200);
    const [own, answer] = body.replies;
    expect(own.html).toContain('<span class="msg-author">You</span>');
    expect(own.html).toContain('<div class="msg-text">who owns the ledger service?</div>');
    expect(answer.html).toContain('<b>Ledger</b> is owned by <b>Ledger Team</b>');
    expect(answer.html).toContain('data-ephemeral="false"');

    // The shortcut on a pasted message (kept with its lines and its markup as text).
    const pasted = await post('/playground/ask', {
      text: '<b>ALERT</b> ledger-api 5xx\n  at charge (src/ledger/book.ts:42:13)\nsee component:default/ledger',
    });
    const message = pasted.body.replies[0].html!;
    expect(message).toContain('&lt;b&gt;ALERT&lt;/b&gt; ledger-api 5xx\n  at charge');
    const id = /data-message-id="([^"]+)"/.exec(message)![1];
    const callbackId = /data-shortcut="([^"]+)"/.exec(message)![1];
    expect(callbackId).toBe('callboard.who_owns');
    const owned = await post('/playground/shortcut', { message_id: id, callback_id: callbackId });
    expect(owned.status).toBe(200);
    expect(owned.body.text).toContain('Owner: Ledger Team');
    expect(owned.body.replies[0].html).toContain('Only visible to you');
  });

  it('shows App Home', async () => {
    const { body } = await post('/playground/home', {});
    expect(body.home).toContain('Catalog health');
  });

  it('says what is wrong with a bad request', async () => {
    expect(await post('/playground/ask', { text: ' ' })).toEqual({
      status: 400,
      body: { error: 'send {"text": "/service payments"} or a DM such as {"text": "who owns payments?"}' },
    });
    expect((await post('/playground/act', { action: {} })).status).toBe(400);
    expect(await post('/playground/shortcut', { message_id: 'm0', callback_id: 'callboard.who_owns' })).toEqual({
      status: 400,
      body: { error: 'send {"message_id": "…", "callback_id": "…"}' },
    });
    expect(await post('/playground/submit', { view_id: 'V0GONE', values: {} })).toEqual({
      status: 400,
      body: { error: 'that view is no longer open' },
    });
    const notJson = await fetch(`${base}/playground/ask`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'the body is not JSON' });
  });
});
