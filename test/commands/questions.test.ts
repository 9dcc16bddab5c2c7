// Questions in a mention or a DM, through the real Bolt app with signed Events API payloads shaped
// as Slack's published app_mention and message.im examples; each answer is checked as posted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../slack/harness.js';

let h: Harness;
let n = 0;

beforeAll(async () => {
  // Scored before the first question, as a running Callboard is.
  h = await startHarness({ scored: true });
}, 300_000);

afterAll(async () => {
  await h?.close();
});

async function ask(event: Record<string, unknown>) {
  const before = h.fake.callsTo('chat.postMessage').length;
  const reply = await h.client.event(event, `Ev0QUESTION${++n}`);
  expect(reply.status).toBe(200);
  const posts = await h.fake.waitFor(
    () => (h.fake.callsTo('chat.postMessage').length > before ? h.fake.callsTo('chat.postMessage') : undefined),
    'the answer',
    60_000,
  );
  return posts[posts.length - 1].args as { channel: string; thread_ts?: string; text: string; blocks?: unknown[] };
}

const mention = (text: string) => ({
  type: 'app_mention',
  user: 'U0AMARA',
  text: `<@U0BOT> ${text}`,
  ts: '1515449522.000016',
  channel: 'C0INCIDENT',
  event_ts: '1515449522000016',
});

describe('questions in mentions and DMs', () => {
  it('answers who owns X in the mention thread', async () => {
    const posted = await ask(mention('who owns the ledger service?'));
    expect(posted).toMatchObject({ channel: 'C0INCIDENT', thread_ts: '1515449522.000016' });
    expect(posted.text).toBe('Ledger is owned by Ledger Team (<#C05LDG0001|ledger-team>).');
  });

  it('answers what team Y owns and what depends on X in a DM', async () => {
    const dm = (text: string) => ({
      type: 'message',
      channel: 'D0AMARA',
      user: 'U0AMARA',
      text,
      ts: `1355517523.00000${++n}`,
      event_ts: '1355517523.000005',
      channel_type: 'im',
    });
    const owns = await ask(dm('what does the ledger-team own?'));
    expect(owns.channel).toBe('D0AMARA');
    expect(owns.thread_ts).toBeUndefined();
    expect(JSON.stringify(owns.blocks)).toContain('*Ledger*');
    const deps = await ask(dm('what does ledger depend on?'));
    expect(deps.text).toBe('Ledger depends on:');
    expect(JSON.stringify(deps.blocks)).toMatch(/Ledger (DB|Database)|ledger-db|Payment Events/i);
  });

  it("answers X's scorecard and how X is scoring from the stored scores, as /scorecard shows them", async () => {
    const posted = await ask(mention('how is payments scoring?'));
    expect(posted.thread_ts).toBe('1515449522.000016');
    expect(posted.text).toMatch(/^Payments Service: Production readiness: \w+/);
    const slash = await h.client.command('/scorecard', 'payments');
    // The same standing; /scorecard adds its "Not what you meant?" row and a Share button after it.
    const slashBlocks = (slash.json as { blocks: unknown[] }).blocks;
    expect(posted.blocks).toEqual(slashBlocks.slice(0, posted.blocks!.length));
    expect(JSON.stringify(posted.blocks)).toContain('*Production readiness*: *Silver* · 5 checks to Gold');
    const team = await ask(mention("payments-team's scorecard"));
    expect(team.text).toContain('Payments Team');
    expect(JSON.stringify(team.blocks)).toContain('Production readiness');
  });

  it('shows the questions it can read instead of guessing', async () => {
    const posted = await ask(mention('¿quién es el responsable de pagos?'));
    expect(posted.text).toBe("I can't read that question yet.");
    expect(JSON.stringify(posted.blocks)).toContain('who owns payments?');
  });

  it('answers a 40k-character question and binary-looking text with the examples, shortly', async () => {
    const long = await ask(mention(`who owns ${'payments '.repeat(4_500)}`));
    expect(long.text).toBe("I can't read that question yet.");
    const binary = Array.from({ length: 5_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const noise = await ask(mention(binary));
    expect(noise.text).toBe("I can't read that question yet.");
    expect(JSON.stringify(noise.blocks).length).toBeLessThan(2_000);
  });
});
