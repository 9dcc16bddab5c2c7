// Requests that once took a replica down or past Slack's 3 seconds: validly signed bodies that
// are not JSON objects (Bolt threw on `null.ssl_check` where nothing caught it, ending the
// process), a 100,000-character command (a search that long held the replica for seconds), and
// a request that arrived long before its listener started (the acknowledgement budget counted
// from the listener, so the answer rode in an acknowledgement Slack had already given up on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
const MAX_COMMAND_TEXT = 500;
import { startHarness, type Harness } from './harness.js';
import { shown } from './message-query.js';

const ACK_BUDGET_MS = 300;

describe('hostile and late Slack requests', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ ackBudgetMs: ACK_BUDGET_MS }); });
  afterAll(async () => { await h?.close(); });

  const form = 'application/x-www-form-urlencoded';
  it.each([
    ['payload=null', form],
    ['payload=5', form],
    ['payload=%5B%5D', form],
    ['payload=%22text%22', form],
    ['payload=%7Bbroken', form],
    ['null', 'application/json'],
    ['[]', 'application/json'],
    ['"text"', 'application/json'],
    ['{broken', 'application/json'],
  ])('answers the signed body %s (%s) with 400, and goes on serving', async (body, contentType) => {
    const reply = await h.client.send(body, contentType);
    expect(reply.status).toBe(400);
    expect(reply.text).toBe('');
    const after = await h.client.command('/service', 'payments');
    expect(after.status).toBe(200);
    expect(shown(after.json)).toContain('Payments Service');
  });

  it('still refuses a malformed body without a signature', async () => {
    const reply = await h.client.send('payload=null', form, { signature: 'missing' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it('refuses a 100,000-character command in the acknowledgement, before any search', async () => {
    const reply = await h.client.command('/service', 'payments '.repeat(11_112).slice(0, 100_000));
    expect(reply.status).toBe(200);
    expect(shown(reply.json)).toContain(`That is 100,000 characters: \`/service\` takes at most ${MAX_COMMAND_TEXT}.`);
    expect(h.fake.responsesTo(reply.responseUrl)).toEqual([]);
  });

  it('answers a command of exactly the limit as usual', async () => {
    const reply = await h.client.command('/service', `payments${' '.repeat(MAX_COMMAND_TEXT - 16)}payments`);
    expect(reply.status).toBe(200);
    expect(shown(reply.json)).not.toContain('takes at most');
  });

  it('acknowledges at once, and answers through the response_url, a request that arrived before its budget ran out', async () => {
    // The body comes in twice the budget after the headers: by the time the listener runs, no
    // time is left to answer in the acknowledgement, however quick the answer itself is.
    const reply = await h.client.command('/service', 'payments', {}, { bodyDelayMs: 2 * ACK_BUDGET_MS });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    const answer = await h.fake.waitFor(() => h.fake.responsesTo(reply.responseUrl)[0], 'the answer at the response_url');
    expect(JSON.stringify(answer.body)).toContain('Payments Service');
  });

  it('answers the same command in the acknowledgement when it arrives on time', async () => {
    const reply = await h.client.command('/service', 'payments');
    expect(shown(reply.json)).toContain('Payments Service');
    expect(h.fake.responsesTo(reply.responseUrl)).toEqual([]);
  });
});
