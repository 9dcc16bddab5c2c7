// Slash commands and their buttons as Slack drives them: signed form posts to the real Bolt app
// on an HTTP port; answers read from the acknowledgement and from what the app posted to the
// fake Slack's response_url.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackUsers } from '../../src/store/schema.js';
import { startHarness, type Harness } from './harness.js';
import { button, buttonsOf, shown } from './message-query.js';

const PEOPLE = [
  { id: 'U0AMARA', name: 'amara', realName: 'Amara Mendes', email: 'amara.mendes@example.com' },
  { id: 'U0WEN', name: 'wen', realName: 'Wen Nakamura', email: 'Wen.Nakamura@example.com' },
];

describe('slash commands over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ fake: { users: PEOPLE } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const answerAt = async (responseUrl: string, n = 1) => {
    const posts = await h.fake.waitFor(
      () => (h.fake.responsesTo(responseUrl).length >= n ? h.fake.responsesTo(responseUrl) : undefined),
      `post ${n} to ${responseUrl}`,
    );
    for (const post of posts) expect(post.error).toBeUndefined();
    return posts[n - 1].body;
  };

  it('/service paymnts: acknowledged with the payments card, owner team and channel; a did-you-mean button opens another card in place', async () => {
    const reply = await h.client.command('/service', 'paymnts');
    expect(reply.status).toBe(200);
    expect(reply.json?.response_type).toBe('ephemeral');
    const card = shown(reply.json);
    expect(card).toMatch(/^Payments Service\n/);
    expect(card).toContain('Owner: Payments Team · #payments-team');
    expect(JSON.stringify(reply.json)).toContain('<#C05PAY0001|payments-team>');
    expect(card).toContain('Not what you meant?');

    const other = button(reply.json, 'Payments API (API)');
    const pressed = await h.client.blockAction(other, { message: { ephemeral: true } });
    expect(pressed.status).toBe(200);
    const opened = await answerAt(pressed.responseUrl!);
    expect(opened).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(shown(opened)).toMatch(/^Payments API\n/);
    expect(shown(opened)).toContain('Owner: Payments Team');
  });

  it('/owner payments: members as mentions where Slack knows their email, names otherwise; looked up once', async () => {
    const reply = await h.client.command('/owner', 'payments');
    const text = shown(reply.json);
    expect(text).toContain('Who owns Payments Service');
    expect(text).toContain('Channel: #payments-team');
    expect(text).toContain('On call now · PagerDuty · service PPAYSVC');
    expect(text).toContain('Live on-call is off: set `PAGERDUTY_TOKEN`');
    const raw = JSON.stringify(reply.json);
    expect(raw).toContain('<@U0AMARA>');
    expect(raw).toContain('<@U0WEN>');
    expect(text).toContain('Tomás Haddad');
    expect(text).toContain('Leila Novak');
    expect(raw).not.toContain('<@U0TOMAS');
    expect(text).toContain('Escalation\nEngineering');
    const lookups = h.fake.callsTo('users.lookupByEmail').length;
    expect(lookups).toBe(4);
    const cached = await h.db.select().from(slackUsers);
    expect(cached.map((r) => [r.email, r.slackUserId]).sort()).toEqual([
      ['amara.mendes@example.com', 'U0AMARA'],
      ['leila.novak@example.com', null],
      ['tomas.haddad@example.com', null],
      ['wen.nakamura@example.com', 'U0WEN'],
    ]);

    const again = await h.client.command('/owner', 'payments');
    expect(JSON.stringify(again.json)).toContain('<@U0AMARA>');
    expect(h.fake.callsTo('users.lookupByEmail').length).toBe(lookups);
  });

  it('card buttons answer in place: dependencies, dependents, APIs, members', async () => {
    const card = (await h.client.command('/service', 'payments')).json;
    const press = async (label: RegExp) =>
      answerAt((await h.client.blockAction(button(card, label), { message: { ephemeral: true } })).responseUrl!);

    const dependencies = await press(/^Dependencies/);
    expect(dependencies.replace_original).toBe(true);
    expect(shown(dependencies)).toContain('Depends on (3)');
    expect(shown(dependencies)).toContain('Payments database');
    expect(buttonsOf(dependencies).map((b) => b.label)).toEqual(['Back to card', 'Share in channel']);

    const dependents = await press(/^Dependents/);
    expect(shown(dependents)).toContain('Depended on by (0)');

    const apis = await press(/^APIs/);
    expect(shown(apis)).toContain('Provides (2)');
    expect(shown(apis)).toContain('Consumes (3)');
    expect(shown(apis)).toContain('Ledger API');

    const members = await press(/^Members/);
    expect(JSON.stringify(members)).toContain('<@U0AMARA>');
    expect(shown(members)).toContain('Tomás Haddad');

    const back = await answerAt(
      (await h.client.blockAction(button(members, 'Back to card'), { message: { ephemeral: true } })).responseUrl!,
    );
    expect(shown(back)).toMatch(/^Payments Service\n/);
  });

  it('answers are private until shared; "Share in channel" posts the same card for everyone and removes the private copy', async () => {
    const card = (await h.client.command('/service', 'payments', { userId: 'U0AMARA' })).json;
    expect(shown(card)).toContain('Not what you meant?');
    const share = button(card, 'Share in channel');
    const pressed = await h.client.blockAction(share, { message: { ephemeral: true } }, { userId: 'U0AMARA' });
    const posted = await answerAt(pressed.responseUrl!, 2);
    const [everyone] = h.fake.responsesTo(pressed.responseUrl!).map((r) => r.body);
    expect(everyone).toMatchObject({ response_type: 'in_channel', replace_original: false });
    expect(posted).toEqual({ delete_original: true });
    const text = shown(everyone);
    expect(text).toMatch(/^Payments Service\n/);
    expect(text).toContain('Shared by @U0AMARA');
    expect(buttonsOf(everyone).map((b) => b.label)).not.toContain('Share in channel');
    // The channel sees the answer, not the asker's private "did you mean" alternatives.
    expect(text).not.toContain('Not what you meant?');

    // Someone else pressing a button on the shared card gets their own private answer.
    const onShared = await h.client.blockAction(
      button(everyone, /^Dependencies/),
      { message: { ephemeral: false } },
      { userId: 'U0WEN' },
    );
    const privately = await answerAt(onShared.responseUrl!);
    expect(privately).toMatchObject({ replace_original: false, response_type: 'ephemeral' });
    expect(shown(privately)).toContain('Depends on (3)');
  });

  it('/docs payments lists TechDocs, links, README and source', async () => {
    const text = shown((await h.client.command('/docs', 'payments')).json);
    expect(text).toContain('Docs for Payments Service');
    expect(text).toContain('TechDocs (https://docs.example.com/default/component/payments)');
    expect(text).toContain('Runbook (https://runbooks.example.com/payments)');
    expect(text).toContain('README (https://github.com/kestrel-pay/payments#readme)');
  });

  it('/callboard help, status and search', async () => {
    const help = shown((await h.client.command('/callboard', '')).json);
    for (const example of ['/service payments', '/owner payments', '/docs payments', '/callboard status'])
      expect(help).toContain(example);
    const status = shown((await h.client.command('/callboard', 'status')).json);
    expect(status).toMatch(/Entities: \d+/);
    expect(status).toContain('Problems: 0');
    expect(status).toMatch(/Last sync\n.*dir succeeded/);
    const search = (await h.client.command('/callboard', 'search payments')).json;
    const text = shown(search);
    expect(text).toContain('Payments Team');
    expect(text).toContain('Payments Service');
    // Issue 19: a card opened from the results leads back to them.
    const team = buttonsOf(search).find((b) => b.value?.includes('"group:default/payments-team"'))!;
    const opened = await answerAt((await h.client.blockAction(team, { message: { ephemeral: true } })).responseUrl!);
    expect(shown(opened)).toMatch(/^Payments Team\n/);
    expect(shown(opened)).toContain('Members (4)');
    const back = await answerAt(
      (await h.client.blockAction(button(opened, 'Back to results'), { message: { ephemeral: true } })).responseUrl!,
    );
    expect(back.replace_original).toBe(true);
    expect(shown(back)).toBe(text);
    // Locations only say where entities are read from: search leaves them out.
    const kestrel = shown((await h.client.command('/callboard', 'search kestrel pay')).json);
    expect(kestrel).toContain('Kestrel Pay');
    expect(kestrel).not.toContain('location:');
    expect(kestrel).not.toContain('Location');
  });

  it('says when nothing matches, offering the closest names', async () => {
    const none = shown((await h.client.command('/service', 'zzqxv')).json);
    expect(none).toContain('No entry matches “zzqxv”');
    const close = (await h.client.command('/owner', 'qqq payxx')).json;
    expect(shown(close)).toContain('No entry matches “qqq payxx”. The closest names in the catalog:');
    const payouts = buttonsOf(close).find((b) => b.value === 'component:default/payouts');
    expect(payouts?.action_id).toMatch(/^owner\.open:\d$/);
    const opened = await answerAt(
      (await h.client.blockAction(payouts!, { message: { ephemeral: true } })).responseUrl!,
    );
    expect(shown(opened)).toMatch(/^Who owns Payouts Service\n/);
  });

  it('asks which when a prefix fits several names, and says nothing matches rather than open a weak match (issue 19)', async () => {
    const pay = (await h.client.command('/service', 'pay')).json;
    expect(shown(pay)).toMatch(/^Several entries match “pay”\. Did you mean one of these\?\n/);
    const listed = buttonsOf(pay).map((b) => b.value);
    expect(listed.slice(0, 2).sort()).toEqual(['component:default/payments', 'component:default/payouts']);

    const indexer = shown((await h.client.command('/service', 'blockchain indexer')).json);
    expect(indexer).toMatch(/^:mag: No entry matches “blockchain indexer”/);
    expect(indexer).not.toMatch(/^Kestrel Pay\n/);

    const emoji = shown((await h.client.command('/service', ':credit_card:')).json);
    expect(emoji).toContain('No entry matches “:credit_card:”, and nothing in the catalog comes close.');

    const ops = shown((await h.client.command('/owner', 'ops')).json);
    expect(ops).toMatch(/^Who owns Operations\n|^Operations\n/);
  });

  it('explains how to use a command typed without words', async () => {
    expect(shown((await h.client.command('/service', '  ')).json)).toContain(
      'Usage: /service <name, words or repository URL>',
    );
  });
});
