// Link unfurls through the real Bolt app: signed link_shared events shaped as Slack's published
// example (a posted message, and a link still in the composer), answered with chat.unfurl on the
// fake Slack, arguments as @slack/web-api declares them. A Backstage entity page unfurls as the
// entity's compact card, a PagerDuty service page as who is on call now (from a fake PagerDuty);
// a link naming nothing the catalog holds gets no unfurl.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createOnCall } from '../../src/oncall/index.js';
import { DEMO_PAGERDUTY_TOKEN, demoPagerDuty } from '../support/demo-on-call.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { startHarness, type Harness } from '../slack/harness.js';

const BACKSTAGE = 'https://backstage.kestrel.example/catalog';
const PAGERDUTY = 'https://kestrel.pagerduty.com/service-directory';

let h: Harness;
let pagerduty: FakePagerDuty;
let n = 0;

beforeAll(async () => {
  pagerduty = await FakePagerDuty.start(demoPagerDuty());
  const onCall = createOnCall(
    {
      pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
      opsgenie: { apiUrl: 'http://127.0.0.1:9' },
    },
    silentLogger,
  );
  h = await startHarness({
    onCall,
    unfurlDomains: ['backstage.kestrel.example', 'kestrel.pagerduty.com'],
    fake: { users: [{ id: 'U0TOMAS', name: 'tomas', email: 'tomas.haddad@example.com' }] },
  });
}, 300_000);

afterAll(async () => {
  await h?.close();
  await pagerduty?.close();
});

/** Slack's published link_shared example, with these links. */
function linkShared(urls: string[], where: Record<string, unknown> = {}) {
  const ts = `1700000${++n}.000100`;
  return {
    type: 'link_shared',
    channel: 'C0INCIDENT',
    is_bot_user_member: true,
    user: 'U0AMARA',
    message_ts: ts,
    unfurl_id: `C0INCIDENT.${ts}.1b90fa1278528ce6e2f6c5c2bfa1abc9a41d57d02b29d173f40399c9ffdecf4b`,
    source: 'conversations_history',
    links: urls.map((url) => ({ domain: new URL(url).hostname, url })),
    event_ts: ts,
    ...where,
  };
}

async function unfurled(event: Record<string, unknown>) {
  const before = h.fake.callsTo('chat.unfurl').length;
  const reply = await h.client.event(event, `Ev0UNFURL${n}`);
  expect(reply.status).toBe(200);
  const calls = await h.fake.waitFor(
    () => (h.fake.callsTo('chat.unfurl').length > before ? h.fake.callsTo('chat.unfurl') : undefined),
    'chat.unfurl',
    60_000,
  );
  const call = calls[calls.length - 1];
  expect(call.ok).toBe(true);
  return call.args as {
    channel?: string;
    ts?: string;
    unfurl_id?: string;
    source?: string;
    unfurls: Record<string, { blocks: unknown[] }>;
  };
}

describe('link unfurls', () => {
  it("unfurls an entity page as its compact card and a PagerDuty service as who is on call now, and leaves an unknown entity's link alone", async () => {
    const entity = `${BACKSTAGE}/default/component/payments`;
    const service = `${PAGERDUTY}/PPAYSVC`;
    const unknown = `${BACKSTAGE}/default/component/blockchain-indexer`;
    const event = linkShared([entity, service, unknown]);
    const args = await unfurled(event);
    expect(args).toMatchObject({ channel: 'C0INCIDENT', ts: event.message_ts });
    expect(Object.keys(args.unfurls).sort()).toEqual([entity, service].sort());

    const card = JSON.stringify(args.unfurls[entity].blocks);
    expect(card).toContain('*Payments Service* _Component · service · production_');
    expect(card).toContain('Takes card payments for merchants.');
    expect(card).toContain('Owner: *Payments Team* · <#');
    expect(card).toContain('`component:default/payments`');

    const onCall = JSON.stringify(args.unfurls[service].blocks);
    expect(onCall).toContain('On call now for *Payments Service*: <@U0TOMAS>');
    expect(onCall).toContain('PagerDuty service PPAYSVC · owned by *Payments Team*');
  });

  it('unfurls a link still in the composer by its unfurl_id', async () => {
    const entity = `${BACKSTAGE}/default/group/ledger-team`;
    const id = 'U0AMARA-909b5454-75f8-4ac4-b325-1b40e230bbd8';
    const args = await unfurled(
      linkShared([entity], { channel: 'COMPOSER', message_ts: id, unfurl_id: id, source: 'composer' }),
    );
    expect(args).toMatchObject({ unfurl_id: id, source: 'composer' });
    expect(args.channel).toBeUndefined();
    expect(JSON.stringify(args.unfurls[entity].blocks)).toContain('*Ledger Team*');
  });

  it('calls chat.unfurl not at all when no link names anything the catalog holds', async () => {
    const nothing = linkShared([
      `${BACKSTAGE}/default/component/blockchain-indexer`,
      `${PAGERDUTY}/PNOSUCH`,
      'https://backstage.kestrel.example/docs/default/component/payments',
    ]);
    const before = h.fake.callsTo('chat.unfurl').length;
    expect((await h.client.event(nothing, `Ev0UNFURL${n}`)).status).toBe(200);
    // A later event's unfurl arrives; the first left nothing behind it.
    const later = linkShared([`${BACKSTAGE}/default/component/payments`]);
    await unfurled(later);
    const calls = h.fake.callsTo('chat.unfurl').slice(before);
    expect(calls.map((c) => (c.args as { ts?: string }).ts)).toEqual([later.message_ts]);
  });
});
