// /scorecard, the /service card's line, App Home and /callboard status as Slack drives them
// (signed requests to the real Bolt app), over the demo organisation scored on the shipped
// "Production readiness" plus a broken scorecard file that must not stop the others, and a
// scorecard whose check names a fix template that does not exist (it scores, without the fix).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogDir } from '../../src/config.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { renderText } from '../../src/slack/index.js';
import { startHarness, type Harness } from '../slack/harness.js';
import { button, buttonsOf, shown } from '../slack/message-query.js';

describe('scorecards in Slack', () => {
  let h: Harness;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-slack-'));
    cpSync(join(defaultCatalogDir(), '../scorecards'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'broken.yaml'),
      'name: broken\nlevels: [One]\nchecks:\n  - id: x\n    title: X\n    level: Two\n    rule: { all: [{ fact: hasTitle, operator: equal, value: true }] }\n',
    );
    writeFileSync(
      join(dir, 'systems.yaml'),
      [
        'name: systems',
        'title: Systems tagged',
        'filter: { kind: system }',
        'levels: [Tagged]',
        'checks:',
        '  - id: tagged',
        '    title: Has tags',
        '    level: Tagged',
        '    rule: { all: [{ fact: hasTags, operator: equal, value: true }] }',
        '    fix: { template: add-system-tags }',
        '',
      ].join('\n'),
    );
    h = await startHarness({
      scorecardDirs: [dir],
      templateDirs: [defaultTemplateDir()],
      scored: true,
      fake: { users: [{ id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' }] },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/scorecard payment-webhooks: Bronze, the failing check first with its solution, what Silver needs', async () => {
    const text = shown((await h.client.command('/scorecard', 'payment-webhooks')).json);
    expect(text).toMatch(/^Payment Webhooks: scorecards\n/);
    expect(text).toContain('Production readiness: Bronze · 1 check to Silver');
    const lines = text.split('\n');
    const techdocs = lines.findIndex((l) => l.includes('Has TechDocs · Silver'));
    const runbook = lines.findIndex((l) => l.includes('Links a runbook · Gold'));
    const readme = lines.findIndex((l) => l.includes('Repository has a README · Gold'));
    expect(techdocs).toBeGreaterThan(0);
    // Failing checks by level, then those not known yet.
    expect(techdocs).toBeLessThan(runbook);
    expect(runbook).toBeLessThan(readme);
    expect(lines[techdocs + 1]).toContain('Add `backstage.io/techdocs-ref: dir:.`');
    expect(lines[readme + 1]).toBe('_Not known yet: needs GitHub (GITHUB_ORG)._');
    expect(text).toMatch(/Passing: Owned by a team in the catalog · .*Has an on-call rota/);
  });

  it('/scorecard payments-team: its entities by level and the checks failing most', async () => {
    const text = shown((await h.client.command('/scorecard', 'payments-team')).json);
    expect(text).toMatch(/^Payments Team: scorecards\n/);
    expect(text).toContain('Production readiness · 3 entities');
    expect(text).toContain('Silver (2): card-processor, payments');
    expect(text).toContain('Bronze (1): payment-webhooks');
    // Only payments links a runbook; only payment-webhooks lacks TechDocs.
    expect(text).toContain('Links a runbook · 2 of 3');
    expect(text).toContain('Has TechDocs · 1 of 3');
  });

  it("/scorecard @person: their teams' entities", async () => {
    const text = shown((await h.client.command('/scorecard', '<@U0AMARA|amara>')).json);
    expect(text).toMatch(/^Amara Mendes's teams: scorecards\n/);
    expect(text).toContain('Silver (2): card-processor, payments');
  });

  it('/scorecard alone: the organisation by level and the checks failing most', async () => {
    const text = shown((await h.client.command('/scorecard', '')).json);
    // 15 production components: the 8 with TechDocs and on-call are Silver, the other 7 Bronze.
    expect(text).toContain('Gold 0 · Silver 8 · Bronze 7 · No level yet 0');
    expect(text).toContain('Links a runbook · 14 · Production readiness');
    expect(text).toContain('Has TechDocs · 7 · Production readiness');
    expect(text).toContain('Has an on-call rota · 2 · Production readiness');
    expect(text).toContain('No level changed this week.');
    expect(text).toContain('2 scorecard problems: see `/callboard status`.');
  });

  it('the /service card carries the scorecard line', async () => {
    const text = shown((await h.client.command('/service', 'payments')).json);
    expect(text).toContain('Production readiness: Silver, 5 checks to Gold');
  });

  it('/callboard status shows the broken scorecard file and the unknown fix template, each with its line and field', async () => {
    const text = shown((await h.client.command('/callboard', 'status')).json);
    expect(text).toContain('Scorecard problems (2)');
    expect(text).toMatch(/broken\.yaml:6 checks\[0\]\.level: no level 'Two' \(levels: One\)/);
    expect(text).toMatch(
      /systems\.yaml:10 checks\[0\]\.fix\.template: names the template 'add-system-tags', which is not in TEMPLATE_DIRS \(.*templates.*\): the check scores without a Fix it button/,
    );
  });

  it('the scorecard whose fix template is unknown still scores, and its failing check has no Fix it button', async () => {
    // Of the demo's systems, only payments-platform has tags.
    const reply = (await h.client.command('/scorecard', 'general-ledger')).json;
    const text = shown(reply);
    expect(text).toContain('Systems tagged: no level yet');
    expect(text).toContain(':x: Has tags · Tagged');
    expect(buttonsOf(reply).filter((b) => b.label === 'Fix it')).toEqual([]);
    const platform = shown((await h.client.command('/scorecard', 'payments-platform')).json);
    expect(platform).toContain('Systems tagged: Tagged, the top level');
  });

  it("App Home shows the viewer's teams' levels", async () => {
    await h.client.event(
      { type: 'app_home_opened', user: 'U0AMARA', channel: 'DU0AMARA', tab: 'home', event_ts: '1.0' },
      'Ev0SCORE1',
    );
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[0], 'App Home');
    const text = renderText(call.answer.view as never);
    expect(text).toContain('Production readiness: Silver 2 · Bronze 1');
    expect(text).toContain('Failing most: Links a runbook (2)');
  });

  it('a did-you-mean button answers /scorecard for the other entity', async () => {
    const reply = await h.client.command('/scorecard', 'payments');
    const other = button(reply.json, 'Payments Team (Group)');
    const pressed = await h.client.blockAction(other, { message: { ephemeral: true } });
    const opened = await h.fake.waitFor(() => h.fake.responsesTo(pressed.responseUrl!)[0], 'the team view');
    expect(shown(opened.body)).toMatch(/^Payments Team: scorecards\n/);
  });
});
