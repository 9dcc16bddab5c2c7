// Requests that once took a replica down or past Slack's 3 seconds: validly signed bodies that
// are not JSON objects (Bolt threw on `null.ssl_check` where nothing caught it, ending the
// process), a 100,000-character command (a search that long held the replica for seconds), and
// a request that arrived long before its listener started (the acknowledgement budget counted
// from the listener, so the answer rode in an acknowledgement Slack had already given up on).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { CONCURRENT_ANSWERS, MAX_COMMAND_TEXT } from '../../src/slack/command-listeners.js';
import { gatedCommand } from './gated-command.js';
import { startHarness, type Harness } from './harness.js';
import { shown } from './message-query.js';

const ACK_BUDGET_MS = 1000;

describe('hostile and late Slack requests', () => {
  let h: Harness;
  const slow = gatedCommand();
  beforeAll(async () => {
    h = await startHarness({ ackBudgetMs: ACK_BUDGET_MS, commands: [...commands, slow.command] });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** The answer as shown, in the acknowledgement or (on a machine too busy for that) at the response_url. */
  async function answered(reply: { json?: Record<string, unknown>; responseUrl: string }): Promise<string> {
    if (reply.json) return shown(reply.json);
    const posted = await h.fake.waitFor(() => h.fake.responsesTo(reply.responseUrl)[0], 'the response_url post');
    return shown(posted.body);
  }

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
    expect(await answered(after)).toContain('Payments Service');
  });

  it.each([
    [
      'an interaction with no user',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', actions: [] }))}`,
      form,
    ],
    [
      'a view submission whose user is null',
      `payload=${encodeURIComponent(JSON.stringify({ type: 'view_submission', user: null, view: {} }))}`,
      form,
    ],
    ['an event callback with event null', JSON.stringify({ type: 'event_callback', event: null }), 'application/json'],
  ])('answers %s with 400, not a 500', async (_what, body, contentType) => {
    const reply = await h.client.send(body, contentType);
    expect(reply.status).toBe(400);
  });

  it('answers a payload type nothing handles with 404 from the guard, before Bolt', async () => {
    const body = `payload=${encodeURIComponent(JSON.stringify({ type: 'dialog_submission', user: { id: 'U1' } }))}`;
    const reply = await h.client.send(body, form);
    expect(reply.status).toBe(404);
  });

  it("refuses a signed request timestamped more than five minutes ahead, as Slack's rule goes both ways", async () => {
    const now = Math.floor(Date.now() / 1000);
    const body = 'command=%2Fservice&text=payments&user_id=U1&team_id=T1&response_url=http%3A%2F%2F127.0.0.1%3A1%2F';
    expect((await h.client.send(body, form, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect((await h.client.send(body, form, { timestamp: now - 6 * 60 })).status).toBe(401);
    const answered = await h.client.command('/service', 'payments');
    expect(answered.status).toBe(200);
  });

  it('still refuses a malformed body without a signature', async () => {
    const reply = await h.client.send('payload=null', form, { signature: 'missing' });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });

  it('acknowledges a 100,000-character command and refuses it, before any search', async () => {
    const reply = await h.client.command('/service', 'payments '.repeat(11_112).slice(0, 100_000));
    expect(reply.status).toBe(200);
    const refusal = `That is 100,000 characters: \`/service\` takes at most ${MAX_COMMAND_TEXT}.`;
    expect(await answered(reply)).toContain(refusal);
  });

  it('answers a command of exactly the limit as usual', async () => {
    const reply = await h.client.command('/service', `payments${' '.repeat(MAX_COMMAND_TEXT - 16)}payments`);
    expect(reply.status).toBe(200);
    expect(await answered(reply)).not.toContain('takes at most');
  });

  it('answers through the response_url a request that arrived before its time was up', async () => {
    // The body comes in twice the budget after the headers: by the time the listener runs, no
    // time is left to answer in the acknowledgement, however quick the answer itself is.
    const reply = await h.client.command('/service', 'payments', {}, { bodyDelayMs: 2 * ACK_BUDGET_MS });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(await answered(reply)).toContain('Payments Service');
  });

  it('acknowledges at once, in a burst, an answer that would have to wait for a free slot', async () => {
    // Every answer slot is taken by an answer that will not finish until released.
    const hold = (i: number) => h.client.command('/slowpoke', `held ${i}`);
    const held = await Promise.all(Array.from({ length: CONCURRENT_ANSWERS }, (_, i) => hold(i)));
    expect(held.map((r) => r.text)).toEqual(Array(CONCURRENT_ANSWERS).fill(''));
    const reply = await h.client.command('/service', 'payments');
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    slow.release();
    expect(await answered(reply)).toContain('Payments Service');
    for (const [i, r] of held.entries()) expect(await answered(r)).toBe(`finally: held ${i}`);
  });
});
