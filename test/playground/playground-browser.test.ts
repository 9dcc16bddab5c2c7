// The playground in a real browser (Chromium): a person types slash commands and sees what Slack
// would show, presses buttons, picks from selects, fills in /create's modal down to its dry run,
// DMs Callboard a question and uses "Who owns this?" on a pasted message. Catalog text that looks like HTML stays text. With SCREENSHOTS_DIR set, the steps are
// photographed there (`SCREENSHOTS_DIR=docs/screenshots` refreshes the README's pictures).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { chromiumMissing, launchChromium } from '../support/chromium.js';
import { unless } from '../support/skips.js';

const SCREENSHOTS = process.env.SCREENSHOTS_DIR ? resolve(process.env.SCREENSHOTS_DIR) : undefined;

/** A component whose every text is an attempt at markup. */
const PROBE = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: markup-probe
  title: "<script>window.injected = 'title'</script> Probe"
  description: "<img src=x onerror=\\"window.injected = 'description'\\"> and *bold*"
  links:
    - url: "javascript:window.injected = 'link'"
      title: "<b>link</b>"
spec:
  type: service
  lifecycle: experimental
  owner: group:default/payments-team
`;

describe('the playground in Chromium', unless(chromiumMissing()), () => {
  let dataDir: string;
  let catalogDir: string;
  let started: StartedCallboard;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  const shot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };
  const lastHeader = () => page.locator('.msg').last().locator('.bk-header').textContent();
  /** An input block of a modal, by its label. */
  const fieldOf = (modal: Locator, label: string) =>
    modal.locator('.bk-input', { has: page.getByText(label, { exact: true }) });
  const ask = async (line: string) => {
    await page.getByLabel('Message Callboard').fill(line);
    await page.getByLabel('Message Callboard').press('Enter');
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-browser-'));
    catalogDir = mkdtempSync(join(tmpdir(), 'callboard-probe-'));
    writeFileSync(join(catalogDir, 'catalog-info.yaml'), PROBE);
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    const catalogs = `${defaultCatalogDir()},${catalogDir}`;
    const config = loadConfig({ CALLBOARD_DATA_DIR: dataDir, PORT: '0', CATALOG_DIRS: catalogs });
    started = await startCallboard(config, silentLogger);
    browser = await launchChromium();
    browser.context.setDefaultTimeout(20_000);
    page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${started.server.port}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await started?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(catalogDir, { recursive: true, force: true });
  });

  it('shows /service paymnts as a card with one set of buttons, and Members replaces it in place', async () => {
    await ask('/service paymnts');
    const card = page.locator('.msg').last();
    await expect.poll(() => card.locator('.bk-header').textContent()).toBe('Payments Service');
    expect(await card.getByText('Only visible to you').isVisible()).toBe(true);
    expect(await card.getByRole('button', { name: 'Dependencies (3)' }).count()).toBe(1);
    // Fields sit in two columns: Owner and Lifecycle side by side.
    const owner = await card.locator('.bk-field', { hasText: 'Owner' }).boundingBox();
    const lifecycle = await card.locator('.bk-field', { hasText: 'Lifecycle' }).boundingBox();
    expect(lifecycle!.y).toBe(owner!.y);
    expect(lifecycle!.x).toBeGreaterThan(owner!.x + owner!.width);
    // mrkdwn: bold labels, links with their text, inline code.
    expect(await card.locator('.bk-field b', { hasText: 'Owner' }).count()).toBe(1);
    const runbook = card.getByRole('link', { name: 'Runbook' });
    expect(await runbook.getAttribute('href')).toBe('https://runbooks.example.com/payments');
    expect(await card.locator('code', { hasText: 'component:default/payments' }).count()).toBe(1);
    await shot('service-card');

    await card.getByRole('button', { name: 'Members' }).click();
    await expect.poll(() => lastHeader()).toBe('Payments Service: people');
    expect(await page.locator('.msg').count()).toBe(1);
    expect(await page.locator('.msg').textContent()).toContain('Amara Mendes');
    await shot('members');

    await page.locator('.msg').getByRole('button', { name: 'Back to card' }).click();
    await expect.poll(() => page.locator('.msg .bk-header').textContent()).toBe('Payments Service');
    await page.locator('.msg').getByRole('button', { name: 'Dependencies (3)' }).click();
    await expect.poll(() => page.locator('.msg .bk-header').textContent()).toBe('Payments Service: dependencies');
    expect(await page.locator('.msg').count()).toBe(1);
  });

  // One retry: under a loaded CI machine the page's replies can land late enough to miss the poll.
  it('shares an answer with the channel: a public copy says who shared it', {
    retry: 1,
  }, async () => {
    await ask('/owner payments');
    const answer = page.locator('.msg').last();
    await expect.poll(() => answer.locator('.bk-header').textContent()).toMatch(/^Who owns Payments Service/);
    const shared = page.locator('.msg', { hasText: 'Shared by @U0LOCAL' });
    const sharedBefore = await shared.count();
    await answer.getByRole('button', { name: 'Share in channel' }).click();
    await expect.poll(() => shared.count()).toBe(sharedBefore + 1);
    expect(await shared.getByText('Only visible to you').count()).toBe(0);
  });

  it("opens a card picked from a search's select menu", async () => {
    await ask('/callboard search pay');
    const results = page.locator('.msg').last();
    await expect.poll(() => results.textContent()).toMatch(/\d+ matches for “pay”/);
    const more = results.locator('select.bk-select');
    expect(await more.locator('option:not([disabled])').allTextContents()).toContain('Card Authorisation API (API)');
    await more.selectOption({ label: 'Card Authorisation API (API)' });
    await expect.poll(() => lastHeader()).toBe('Card Authorisation API');
    await shot('search-select');
  });

  it('opens /create as a modal, shows errors under their fields, and ends in a dry run listing the files', async () => {
    await ask('/create');
    const modal = page.getByRole('dialog');
    await expect.poll(() => modal.locator('h2').textContent()).toBe('Create');
    await modal.getByLabel('Template').selectOption({ label: 'Documentation site' });
    await expect.poll(() => modal.locator('h2').textContent()).toBe('Documentation site');
    expect(await modal.locator('.bk-label').allTextContents()).toEqual([
      'Name',
      'Site title',
      'Description (optional)',
      'Owning team',
      'Repository name',
      'Sections (optional)',
    ]);

    await modal.getByLabel('Name', { exact: true }).fill('has spaces');
    await modal.getByRole('button', { name: 'Create' }).click();
    const nameError = fieldOf(modal, 'Name').locator('.bk-error');
    await expect.poll(() => nameError.textContent()).toMatch(/./);
    expect(await nameError.isVisible()).toBe(true);
    const titleError = fieldOf(modal, 'Site title').locator('.bk-error');
    expect(await titleError.textContent()).toBe('This field is required.');
    // What was typed stays typed.
    expect(await modal.getByLabel('Name', { exact: true }).inputValue()).toBe('has spaces');
    await shot('create-errors');

    await modal.getByLabel('Name', { exact: true }).fill('payments-handbook');
    await modal.getByLabel('Site title').fill('Payments handbook');
    const team = fieldOf(modal, 'Owning team');
    await team.locator('input').fill('payments');
    await team
      .getByRole('option', { name: /Payments Team/ })
      .first()
      .click();
    await modal.getByLabel('Repository name').fill('payments-handbook');
    await modal.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => modal.locator('h2').textContent()).toBe('Dry run');
    const body = await modal.locator('.modal-body').textContent();
    expect(body).toContain('Nothing was created');
    expect(body).toContain('mkdocs.yml');
    expect(body).toContain('catalog-info.yaml');
    await shot('create-dry-run');

    await modal.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
  });

  it("shows App Home with the catalog's health", async () => {
    await page.getByRole('tab', { name: 'Home' }).click();
    const home = page.locator('.home');
    await expect.poll(() => home.locator('.bk-block').count()).toBeGreaterThan(0);
    expect(await home.textContent()).toContain('Catalog');
    await shot('app-home');
    await page.getByRole('tab', { name: 'Messages' }).click();
  });

  it('answers a DM in the conversation, and Who owns this? from the ⋯ menu of a pasted message', async () => {
    await ask('who owns payments?');
    const mine = page.locator('.msg.mine');
    await expect.poll(() => mine.last().locator('.msg-text').textContent()).toBe('who owns payments?');
    await expect
      .poll(() => page.locator('.msg').last().textContent())
      .toContain('Payments Service is owned by Payments Team');

    // A pasted alert keeps its lines (Shift+Enter in the box, or a paste), and Enter sends it.
    const alert = 'ALERT ledger-api 5xx rising\nrunbook: component:default/ledger';
    await page.getByLabel('Message Callboard').fill(alert);
    await page.getByLabel('Message Callboard').press('Enter');
    await expect.poll(() => mine.last().locator('.msg-text').textContent()).toBe(alert);
    const privately = page.locator('.msg', { hasText: 'Only visible to you' });
    const before = await privately.count();
    await mine.last().getByRole('button', { name: 'More actions' }).click();
    await mine.last().getByRole('menuitem', { name: 'Who owns this?' }).click();
    await expect.poll(() => privately.count()).toBe(before + 1);
    const answer = privately.last();
    expect(await answer.textContent()).toContain('Owner: Ledger Team');
    expect(await answer.getByRole('button', { name: 'Share in thread' }).count()).toBe(1);
    await shot('who-owns-this');
  });

  it('shows catalog text that looks like HTML as text, never as markup', async () => {
    await ask('/service markup-probe');
    const card = page.locator('.msg').last();
    await expect.poll(() => lastHeader()).toBe("<script>window.injected = 'title'</script> Probe");
    expect(await card.textContent()).toContain('<img src=x onerror="window.injected = \'description\'"> and bold');
    expect(await card.locator('img, script, .bk-text-body b:text("link")').count()).toBe(0);
    expect(await card.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: string }).injected)).toBeUndefined();
  });
});
