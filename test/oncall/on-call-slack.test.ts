// Who is on call, as Slack users see it: the real Bolt app answering /owner, /oncall, /service and
// App Home for the demo catalog, with live on-call from local fake PagerDuty and Opsgenie servers,
// and the "Page on-call" modal sending PagerDuty's Events API one trigger however often submitted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createOnCall } from '../../src/oncall/index.js';
import { renderText } from '../../src/slack/index.js';
import {
  DEMO_OPSGENIE_KEY,
  DEMO_PAGERDUTY_TOKEN,
  demoOpsgenie,
  demoPagerDuty,
  PAYMENTS_INTEGRATION_KEY,
  shiftEnd,
} from '../support/demo-on-call.js';
import { FakeOpsgenie } from '../support/fake-opsgenie.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { TEAM_ID } from '../support/slack-client.js';
import { startHarness, type Harness } from '../slack/harness.js';
import { button, shown } from '../slack/message-query.js';

const PEOPLE = [
  { id: 'U0TOMAS', name: 'tomas', realName: 'Tomás Haddad', email: 'tomas.haddad@example.com' },
  { id: 'U0WEN', name: 'wen', realName: 'Wen Nakamura', email: 'wen.nakamura@example.com' },
  { id: 'U0AMARA', name: 'amara', realName: 'Amara Mendes', email: 'amara.mendes@example.com' },
  { id: 'U0RANIA', name: 'rania', realName: 'Rania Kowalski', email: 'rania.kowalski@example.com' },
];

type View = {
  id: string;
  hash: string;
  type: string;
  callback_id?: string;
  private_metadata?: string;
  blocks: Array<Record<string, unknown>>;
};

/** `18:00 UTC`, as answers show a shift end on the same day. */
const hhmm = (at: Date) => `${String(at.getUTCHours()).padStart(2, '0')}:00 UTC`;

describe('on call in Slack', () => {
  let h: Harness;
  let pagerduty: FakePagerDuty;
  let opsgenie: FakeOpsgenie;
  let until: string;
  let next: string;
  beforeAll(async () => {
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
    opsgenie = await FakeOpsgenie.start(demoOpsgenie());
    const end = shiftEnd(Date.now());
    until = end.toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10) ? hhmm(end) : '';
    next = hhmm(end);
    const onCall = createOnCall(
      {
        pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
        opsgenie: { apiKey: DEMO_OPSGENIE_KEY, apiUrl: opsgenie.url },
      },
      silentLogger,
    );
    h = await startHarness({ onCall, fake: { users: PEOPLE } });
  });
  afterAll(async () => {
    await h?.close();
    await pagerduty?.close();
    await opsgenie?.close();
  });

  it('/owner payments names level 1 as a Slack mention with the shift end, then every other level', async () => {
    const reply = await h.client.command('/owner', 'payments');
    const text = shown(reply.json);
    expect(text).toContain('On call now · PagerDuty · Payments escalation policy');
    expect(text).toMatch(new RegExp(`Level 1: @U0TOMAS until [^\\n]*${until} \\(Payments primary\\)`));
    expect(text).toContain('Level 2: @U0AMARA\n');
    expect(text).toContain('Level 3: Nora Lindqvist');
    expect(text.indexOf('Level 1')).toBeLessThan(text.indexOf('Level 2'));
    expect(button(reply.json, 'Page on-call').value).toBe('component:default/payments');

    // The component's own service (as Backstage's plugin reads it), its policy, its on-calls with users.
    const asked = pagerduty.http.requests;
    expect(asked.some((r) => r.path === '/services/PPAYSVC')).toBe(true);
    const oncalls = pagerduty.http.requestsTo('/oncalls')[0];
    expect(oncalls.query.getAll('escalation_policy_ids[]')).toEqual(['PPAYEP']);
    expect(oncalls.query.getAll('include[]')).toEqual(['users']);
    expect(oncalls.headers.authorization).toBe(`Token token=${DEMO_PAGERDUTY_TOKEN}`);
    expect(oncalls.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(JSON.stringify(reply.json)).not.toContain(DEMO_PAGERDUTY_TOKEN);
    expect(JSON.stringify(reply.json)).not.toContain(PAYMENTS_INTEGRATION_KEY);
  });

  it('/oncall payments-team and /oncall payments agree, with the next shift, from one roster request', async () => {
    const before = pagerduty.http.requestsTo('/oncalls').length;
    const team = shown((await h.client.command('/oncall', 'payments-team')).json);
    const service = shown((await h.client.command('/oncall', 'payments')).json);
    expect(team).toMatch(/^On call for Payments Team\n/);
    expect(service).toMatch(/^On call for Payments Service\n/);
    const levels = (text: string) => text.split('\n').filter((line) => /^(Level \d|Next):/.test(line));
    expect(levels(team)).toEqual(levels(service));
    expect(levels(team)[0]).toMatch(/^Level 1: @U0TOMAS until/);
    expect(levels(team)).toContainEqual(expect.stringMatching(new RegExp(`^Next: @U0WEN from [^\\n]*${next}$`)));
    // Both services share one escalation policy, answered a moment ago: no new request.
    expect(pagerduty.http.requestsTo('/oncalls').length).toBe(before);
  });

  it("/oncall for an Opsgenie team lists its enabled schedules' people as mentions", async () => {
    const text = shown((await h.client.command('/oncall', 'risk-team')).json);
    expect(text).toContain('Opsgenie · risk');
    expect(text).toContain('Level 1: @U0RANIA (Risk primary)');
    expect(text).not.toContain('milan');
    // Opsgenie names people by email; where Slack does not know them, the catalog's name shows.
    const operations = shown((await h.client.command('/oncall', 'group:default/operations')).json);
    expect(operations).toContain('Opsgenie · operations');
    expect(operations).toContain('Level 1: Nora Lindqvist (Operations)');
    expect(opsgenie.http.requestsTo('/v2/teams/risk')[0].query.get('identifierType')).toBe('name');
    expect(opsgenie.http.requestsTo('/v2/schedules/og-sched-risk/on-calls')[0].headers.authorization).toBe(
      `GenieKey ${DEMO_OPSGENIE_KEY}`,
    );
  });

  it("pages through the modal: one Events API trigger with the team's routing key, however often sent", async () => {
    const reply = await h.client.command('/oncall', 'payments', { userId: 'U0AMARA', userName: 'amara' });
    const page = button(reply.json, 'Page on-call');
    const opened = h.fake.callsTo('views.open').length;
    await h.client.blockAction(page, { message: { ephemeral: true } }, { userId: 'U0AMARA', userName: 'amara' });
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the paging modal');
    const modal = call.answer.view as View;
    expect(renderText(modal as never)).toContain('Pages the on-call of Payments Team through PagerDuty');
    expect(pagerduty.events).toHaveLength(0);

    const values = {
      'page-summary': { value: { type: 'plain_text_input', value: 'Card payments fail with 502' } },
      'page-details': { value: { type: 'plain_text_input', value: 'Since 14:02, every checkout.' } },
      'page-urgency': {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'High' }, value: 'high' },
        },
      },
    };
    const submit = () => submitView(modal, values, 'U0AMARA');
    const [first, second] = await Promise.all([submit(), submit()]);
    const acks = [first, second].map((r) => renderText(r.json?.view as never));
    expect(acks).toContainEqual(expect.stringContaining('already sent once'));
    const confirmed = await h.fake.waitFor(
      () => h.fake.callsTo('views.update').find((c) => JSON.stringify(c.args.view).includes('Paged the on-call')),
      'the confirmation',
    );
    expect(renderText(confirmed.answer.view as never)).toContain(
      'Paged the on-call of Payments Team (high urgency). PagerDuty said: Event processed.',
    );
    await submit();

    expect(pagerduty.events).toHaveLength(1);
    const [event] = pagerduty.events as Array<{
      routing_key: string;
      event_action: string;
      dedup_key: string;
      payload: Record<string, unknown>;
    }>;
    expect(event.routing_key).toBe(PAYMENTS_INTEGRATION_KEY);
    expect(event.event_action).toBe('trigger');
    expect(event.dedup_key).toMatch(/^callboard-/);
    expect(event.payload).toMatchObject({
      summary: 'Card payments fail with 502',
      source: 'component:default/payments',
      severity: 'critical',
      custom_details: { requested_by: 'amara (Slack user U0AMARA)', details: 'Since 14:02, every checkout.' },
    });
  });

  it('asks for a summary before paging anyone', async () => {
    const reply = await h.client.command('/owner', 'payments-team');
    const opened = h.fake.callsTo('views.open').length;
    await h.client.blockAction(button(reply.json, 'Page on-call'), { message: { ephemeral: true } });
    const modal = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the paging modal')).answer
      .view as View;
    const events = pagerduty.events.length;
    const answer = await submitView(
      modal,
      {
        'page-summary': { value: { type: 'plain_text_input', value: '   ' } },
        'page-urgency': {
          value: {
            type: 'static_select',
            selected_option: { text: { type: 'plain_text', text: 'Low' }, value: 'low' },
          },
        },
      },
      'U0AMARA',
    );
    expect(answer.json).toMatchObject({
      response_action: 'errors',
      errors: { 'page-summary': expect.stringContaining('what is wrong') },
    });
    expect(pagerduty.events.length).toBe(events);
  });

  it('a page PagerDuty refuses is shown as refused, with its reason, and pressing Page again pages once', async () => {
    const reply = await h.client.command('/oncall', 'payments', { userId: 'U0AMARA', userName: 'amara' });
    const opened = h.fake.callsTo('views.open').length;
    await h.client.blockAction(button(reply.json, 'Page on-call'), { message: { ephemeral: true } });
    const modal = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the paging modal')).answer
      .view as View;
    const values = {
      'page-summary': { value: { type: 'plain_text_input', value: 'Refunds stuck since 09:10' } },
      'page-urgency': {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Low' }, value: 'low' },
        },
      },
    };
    const events = pagerduty.events.length;
    const updates = h.fake.callsTo('views.update').length;
    pagerduty.refuseNext(['Integration is disabled']);
    await submitView(modal, values, 'U0AMARA');
    const refused = await h.fake.waitFor(() => h.fake.callsTo('views.update')[updates], 'the refusal');
    const shownRefusal = renderText(refused.answer.view as never);
    expect(shownRefusal).toContain(
      'Nobody was paged. PagerDuty refused the page (400, Event object is invalid: Integration is disabled).',
    );
    expect(shownRefusal).not.toContain('already sent');
    // The form comes back as typed, with the same dedup key, so pressing Page again retries it.
    const again = refused.answer.view as View;
    expect(again.private_metadata).toBe(modal.private_metadata);
    expect(JSON.stringify(again.blocks)).toContain('Refunds stuck since 09:10');
    expect(pagerduty.events.length).toBe(events);

    await submitView(again, values, 'U0AMARA');
    const paged = await h.fake.waitFor(() => h.fake.callsTo('views.update')[updates + 1], 'the confirmation');
    expect(renderText(paged.answer.view as never)).toContain('Paged the on-call of Payments Team (low urgency).');
    expect(pagerduty.events.length).toBe(events + 1);
    const answer = await submitView(again, values, 'U0AMARA');
    expect(renderText(answer.json?.view as never)).toContain('already sent once');
    expect(pagerduty.events.length).toBe(events + 1);
  });

  it('/owner @amara.mendes and /service Tomás give person cards: their team, whether on call', async () => {
    const amara = shown((await h.client.command('/owner', '@amara.mendes')).json);
    expect(amara).toMatch(/^Amara Mendes\n/);
    expect(amara).toContain('Teams (1)\nPayments Team · #payments-team');
    expect(amara).toContain('On call for Payments Team (PagerDuty, level 2)');
    expect(amara).toMatch(/Their teams own \(\d+\)/);
    expect(amara).not.toContain('Dependencies');

    const tomas = shown((await h.client.command('/service', 'Tomás')).json);
    expect(tomas).toMatch(/^Tomás Haddad\n/);
    expect(tomas).toContain('Payments Team · #payments-team');
    expect(tomas).toMatch(new RegExp(`On call for Payments Team \\(PagerDuty, level 1\\) until [^\\n]*${until}`));
    expect(tomas).toContain('On call for Payments Service (PagerDuty, level 1)');
    expect(tomas).not.toContain('Dependencies');

    const mention = shown((await h.client.command('/owner', '<@U0WEN|wen>')).json);
    expect(mention).toMatch(/^Wen Nakamura\n/);
    expect(mention).toContain('Not on call now.');
  });

  it('App Home tells the person opening it that they are on call, and until when', async () => {
    const before = h.fake.callsTo('views.publish').length;
    await h.client.event(
      { type: 'app_home_opened', user: 'U0TOMAS', channel: 'DU0TOMAS', tab: 'home', event_ts: '1.0' },
      'Ev0ONCALLHOME',
    );
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[before], 'App Home');
    expect(renderText(call.answer.view as never)).toMatch(
      new RegExp(`You are on call for Payments Team \\(PagerDuty, level 1\\) until [^\\n]*${until}\\.`),
    );
  });

  const submitView = (view: View, values: Record<string, Record<string, unknown>>, userId: string) =>
    h.client.send(
      new URLSearchParams({
        payload: JSON.stringify({
          type: 'view_submission',
          token: 'deprecated-verification-token',
          api_app_id: 'A0CALLBOARD',
          is_enterprise_install: false,
          team: { id: TEAM_ID, domain: 'fake-workspace' },
          user: { id: userId, username: 'amara', name: 'amara', team_id: TEAM_ID },
          trigger_id: `${Date.now()}.1.submit`,
          response_urls: [],
          view: {
            ...view,
            team_id: TEAM_ID,
            state: { values },
            previous_view_id: null,
            root_view_id: view.id,
            app_id: 'A0CALLBOARD',
            bot_id: 'B0BOT',
          },
        }),
      }).toString(),
      'application/x-www-form-urlencoded',
    );
});

describe('on call in Slack when PagerDuty hangs', () => {
  let h: Harness;
  let pagerduty: FakePagerDuty;
  let offset = 0;
  beforeAll(async () => {
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
    const onCall = createOnCall(
      {
        pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
        opsgenie: { apiUrl: pagerduty.url },
      },
      silentLogger,
      { now: () => Date.now() + offset },
    );
    // The acknowledgement may carry an answer up to just under Slack's 3 s: an answer found there came in time.
    h = await startHarness({ onCall, fake: { users: PEOPLE }, ackBudgetMs: 2900 });
  });
  afterAll(async () => {
    pagerduty?.http.hang(false);
    await h?.close();
    await pagerduty?.close();
  });

  it('answers in the acknowledgement all the same, saying so, with the last known on-call and its age', async () => {
    expect(shown((await h.client.command('/oncall', 'payments')).json)).toContain('Level 1: @U0TOMAS');
    expect(shown((await h.client.command('/oncall', 'payments-team')).json)).toContain('Level 1: @U0TOMAS');
    offset = 5 * 60_000;
    pagerduty.http.hang(true);
    const reply = await h.client.command('/oncall', 'payments');
    expect(reply.json, 'the answer rode in the acknowledgement').toBeDefined();
    const text = shown(reply.json);
    expect(text).toContain(':warning: PagerDuty did not answer within 1.5 s. Last known, 5 min ago:');
    expect(text).toContain('Level 1: @U0TOMAS until');
    expect(h.fake.responses).toHaveLength(0);

    const owner = shown((await h.client.command('/owner', 'payments-team')).json);
    expect(owner).toContain('PagerDuty did not answer within 1.5 s. Last known, 5 min ago:');
    // Everyone asking meanwhile shares the one request still waiting on PagerDuty.
    expect(pagerduty.http.requestsTo('/oncalls')).toHaveLength(2);
  });
});
