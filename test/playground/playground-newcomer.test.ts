// What a newcomer met in the playground (issue 19): the *Page on-call* modal ends on the outcome,
// not on "Paging…"; a modal left open in a closed tab does not reappear over another tab's answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { demoPagerDuty, PAYMENTS_INTEGRATION_KEY } from '../support/demo-on-call.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { dataAttributes } from './data-attributes.js';

interface Update {
  replies: Array<{ html?: string; replace_original?: boolean }>;
  modal: { id: string; html: string } | null;
  errors?: Record<string, string>;
  text: string;
}

describe('the playground, as a newcomer meets it', () => {
  let dataDir: string;
  let started: StartedCallboard;
  let pagerduty: FakePagerDuty;
  let base: string;
  const post = async (path: string, body: unknown): Promise<Update> => {
    const headers = { 'content-type': 'application/json' };
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    return (await res.json()) as Update;
  };

  beforeAll(async () => {
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-playground-'));
    const config = loadConfig({
      CALLBOARD_DATA_DIR: dataDir,
      PORT: '0',
      CATALOG_DIRS: defaultCatalogDir(),
      PAGERDUTY_EVENTS_URL: pagerduty.url,
    });
    started = await startCallboard(config, silentLogger);
    base = `http://127.0.0.1:${started.server.port}`;
  });
  afterAll(async () => {
    await started?.stop();
    await pagerduty?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('Page on-call: the modal ends on what PagerDuty said, not on "Paging…"', async () => {
    const owner = await post('/playground/ask', { text: '/owner payments', tab: 'A' });
    const page = dataAttributes(owner.replies[0].html!, 'data-act').find(
      (a) => (a.text as { text: string }).text === 'Page on-call',
    )!;
    const opened = await post('/playground/act', { action: page, ephemeral: true, tab: 'A' });
    expect(opened.modal!.html).toContain('Page');
    const done = await post('/playground/submit', {
      tab: 'A',
      view_id: opened.modal!.id,
      values: {
        'page-summary': { value: { type: 'plain_text_input', value: 'Card payments fail with 502' } },
        'page-details': { value: { type: 'plain_text_input', value: null } },
        'page-urgency': {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'High' }, value: 'high' },
          },
        },
      },
    });
    expect(done.errors).toBeUndefined();
    expect(done.modal!.html).not.toContain('Paging…');
    expect(done.modal!.html).toContain('Paged the on-call of');
    expect(pagerduty.events).toHaveLength(1);
    expect((pagerduty.events[0] as { routing_key: string }).routing_key).toBe(PAYMENTS_INTEGRATION_KEY);
    await post('/playground/close', { view_id: done.modal!.id, tab: 'A' });
  });

  it("a /create modal left open in a closed tab does not reappear over the next tab's answer", async () => {
    const opened = await post('/playground/ask', { text: '/create docs-site', tab: 'closed-tab' });
    expect(opened.modal!.html).toContain('Documentation site');
    // The same tab keeps its modal while it works.
    const same = await post('/playground/ask', { text: '/service ledger', tab: 'closed-tab' });
    expect(same.modal?.id).toBe(opened.modal!.id);

    const next = await post('/playground/ask', { text: '/service payments', tab: 'new-tab' });
    expect(next.text).toMatch(/^Payments Service\n/);
    expect(next.modal).toBeNull();
    const stale = await fetch(`${base}/playground/submit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ view_id: opened.modal!.id, values: {}, tab: 'closed-tab' }),
    });
    expect(stale.status).toBe(400);
    expect(await stale.json()).toEqual({ error: 'that view is no longer open' });
  });

  it('`callboard ask "/create"` (no tab) leaves its form for the page to fill in', async () => {
    const opened = await post('/playground/ask', { text: '/create docs-site' });
    expect(opened.modal).not.toBeNull();
    const page = await post('/playground/ask', { text: '/service ledger', tab: 'page' });
    expect(page.modal?.id).toBe(opened.modal!.id);
  });
});
