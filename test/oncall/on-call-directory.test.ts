// The on-call directory against local fake PagerDuty and Opsgenie servers: one request however
// many ask at once, a minute's cache, every page of a long /oncalls answer, the service found from
// its integration key alone, a 429's Retry-After waited out before the next request, and the
// providers' failures in plain words. Clocks and waits are injected: nothing here times anything.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.js';
import { createOnCall, type AnnotatedEntity, type OnCall } from '../../src/oncall/index.js';
import {
  DEMO_OPSGENIE_KEY,
  DEMO_PAGERDUTY_TOKEN,
  demoOpsgenie,
  demoPagerDuty,
  PAYMENTS_INTEGRATION_KEY,
} from '../support/demo-on-call.js';
import { FakeOpsgenie } from '../support/fake-opsgenie.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';

const entity = (annotations: Record<string, string>, name = 'Payments Team'): AnnotatedEntity => ({
  ref: 'group:default/payments-team',
  name,
  annotations,
});
const SERVICE = [entity({ 'pagerduty.com/service-id': 'PPAYMNT' })];

describe('on-call directory', () => {
  let pagerduty: FakePagerDuty;
  let opsgenie: FakeOpsgenie;
  let offset = 0;
  const waits: number[] = [];
  let releaseWait: (() => void) | undefined;

  const directory = (overrides: { token?: string; budgetMs?: number } = {}): OnCall =>
    createOnCall(
      {
        pagerduty: {
          token: 'token' in overrides ? overrides.token : DEMO_PAGERDUTY_TOKEN,
          apiUrl: pagerduty.url,
          eventsUrl: pagerduty.url,
        },
        opsgenie: { apiKey: DEMO_OPSGENIE_KEY, apiUrl: opsgenie.url },
      },
      silentLogger,
      {
        now: () => Date.now() + offset,
        budgetMs: overrides.budgetMs,
        wait: (ms) => {
          waits.push(ms);
          return new Promise((resolve) => {
            releaseWait = resolve;
          });
        },
      },
    );

  beforeAll(async () => {
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
    opsgenie = await FakeOpsgenie.start(demoOpsgenie());
  });
  afterEach(() => {
    pagerduty.http.requests.length = 0;
    offset = 0;
    waits.length = 0;
  });
  afterAll(async () => {
    await pagerduty?.close();
    await opsgenie?.close();
  });

  it('answers 100 concurrent askers with one request per key, and again from cache within the minute', async () => {
    const { directory: onCall } = directory();
    const answers = await Promise.all(Array.from({ length: 100 }, () => onCall.lookup(SERVICE)));
    expect(
      answers.every(([a]) => a.state === 'live' && a.roster?.now[0].person.email === 'tomas.haddad@example.com'),
    ).toBe(true);
    expect(pagerduty.http.requestsTo('/oncalls')).toHaveLength(1);
    expect(pagerduty.http.requestsTo('/services/PPAYMNT')).toHaveLength(1);

    offset = 59_000;
    await onCall.lookup(SERVICE);
    expect(pagerduty.http.requestsTo('/oncalls')).toHaveLength(1);
    offset = 61_000;
    await onCall.lookup(SERVICE);
    expect(pagerduty.http.requestsTo('/oncalls')).toHaveLength(2);
    // The service's escalation policy is kept for longer than a roster.
    expect(pagerduty.http.requestsTo('/services/PPAYMNT')).toHaveLength(1);
  });

  it('reads every page of /oncalls (limit, offset, more)', async () => {
    const many = await FakePagerDuty.start({
      ...demoPagerDuty(),
      users: Array.from({ length: 230 }, (_, i) => ({ id: `PU${i}`, name: `Person ${i}`, email: `p${i}@example.com` })),
      oncalls: Array.from({ length: 230 }, (_, i) => ({ policy: 'PPAYEP', level: 1 + (i % 5), user: `PU${i}` })),
    });
    try {
      const onCall = createOnCall(
        {
          pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: many.url, eventsUrl: many.url },
          opsgenie: { apiUrl: opsgenie.url },
        },
        silentLogger,
      );
      const [answer] = await onCall.directory.lookup(SERVICE);
      expect(answer.roster?.now).toHaveLength(230);
      expect(answer.roster?.now.map((s) => s.level)).toEqual([...answer.roster!.now.map((s) => s.level)].sort());
      expect(many.http.requestsTo('/oncalls').map((r) => [r.query.get('limit'), r.query.get('offset')])).toEqual([
        ['100', '0'],
        ['100', '100'],
        ['100', '200'],
      ]);
    } finally {
      await many.close();
    }
  });

  it("finds the service from its integration key alone, as Backstage's plugin does", async () => {
    const [answer] = await directory().directory.lookup([
      entity({ 'pagerduty.com/integration-key': PAYMENTS_INTEGRATION_KEY }),
    ]);
    expect(answer.state).toBe('live');
    expect(answer.roster?.name).toBe('Payments escalation policy');
    expect(pagerduty.http.requestsTo('/services')[0].query.getAll('include[]')).toEqual(['integrations']);
  });

  it('looks on the owner and its parents when the entity names no on-call', async () => {
    const chain = [
      { ref: 'component:default/x', name: 'X', annotations: {} },
      entity({}),
      entity({ 'opsgenie.com/team': 'operations' }, 'Engineering'),
    ];
    const [answer] = await directory().directory.lookup(chain);
    expect(answer.source.name).toBe('Engineering');
    expect(answer.roster?.now.map((s) => s.person.email)).toEqual(['nora.lindqvist@example.com']);
  });

  it('after a 429, the next request waits for Retry-After before it is sent', async () => {
    const { directory: onCall } = directory({ budgetMs: 200 });
    pagerduty.http.rateLimitNext(7, { error: { message: 'Rate Limit Exceeded', code: 2020 } });
    const [limited] = await onCall.lookup(SERVICE);
    expect(limited.state).toBe('unavailable');
    expect(limited.problem).toBe('PagerDuty is limiting requests (429); asking again in 7 s');

    const sent = pagerduty.http.requests.length;
    const [waiting] = await onCall.lookup(SERVICE);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(6000);
    expect(waits[0]).toBeLessThanOrEqual(7000);
    expect(waiting.problem).toBe('PagerDuty did not answer within 0.2 s');
    expect(pagerduty.http.requests.length).toBe(sent);

    releaseWait!();
    await expect.poll(() => pagerduty.http.requests.length).toBeGreaterThan(sent);
    await expect.poll(async () => (await onCall.lookup(SERVICE))[0].state).toBe('live');
  });

  it('says plainly what went wrong, never with the token', async () => {
    const [wrong] = await directory({ token: 'not-the-token' }).directory.lookup(SERVICE);
    expect(wrong.state).toBe('unavailable');
    expect(wrong.problem).toBe('PagerDuty answered 401: Unauthorized (Invalid credentials)');
    const [missing] = await directory().directory.lookup([entity({ 'pagerduty.com/service-id': 'PNOPE' })]);
    expect(missing.problem).toBe('PagerDuty has no service PNOPE (check pagerduty.com/service-id)');
    const [team] = await directory().directory.lookup([entity({ 'opsgenie.com/team': 'nobody' })]);
    expect(team.problem).toBe('Opsgenie answered 404: No team exists with name [nobody]');
  });

  it('without a token, names the setting that turns live on-call on, and asks nothing', async () => {
    const [off] = await directory({ token: undefined }).directory.lookup(SERVICE);
    expect(off).toMatchObject({
      state: 'off',
      provider: { setting: 'PAGERDUTY_TOKEN' },
      link: 'https://app.pagerduty.com/service-directory/PPAYMNT',
    });
    expect(pagerduty.http.requests).toHaveLength(0);
  });
});

describe('PagerDuty Events API v2', () => {
  let pagerduty: FakePagerDuty;
  beforeAll(async () => {
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
  });
  afterAll(async () => {
    await pagerduty?.close();
  });

  it("gives PagerDuty's refusal in plain words, without the routing key", async () => {
    const { pager } = createOnCall(
      { pagerduty: { apiUrl: pagerduty.url, eventsUrl: pagerduty.url }, opsgenie: { apiUrl: pagerduty.url } },
      silentLogger,
    );
    const result = await pager.trigger({
      routingKey: 'short-key',
      summary: 'x',
      urgency: 'low',
      requestedBy: 'amara',
      source: 'component:default/payments',
      dedupKey: 'k1',
    });
    expect(result).toEqual({
      ok: false,
      reason:
        'PagerDuty refused the page (400, Event object is invalid: ' +
        "'routing_key' must be a 32 character integration key)",
    });
    expect(pagerduty.events).toHaveLength(0);
    pagerduty.http.rateLimitNext(30, {
      status: 'throttle event',
      message: 'Requests for this service are arriving too quickly.',
    });
    const limited = await pager.trigger({
      routingKey: PAYMENTS_INTEGRATION_KEY,
      summary: 'x',
      urgency: 'low',
      requestedBy: 'amara',
      source: 'component:default/payments',
      dedupKey: 'k2',
    });
    expect(limited).toEqual({ ok: false, reason: 'PagerDuty is limiting requests (429); asking again in 30 s' });
  });
});
