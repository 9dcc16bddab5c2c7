// The "Who owns this?" message shortcut through the real Bolt app, with signed payloads shaped as
// Slack's published message_action example: acknowledged empty at once, answered through the
// response_url (visible to the asker) with each thing's owner team, channel, on-call and buttons.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WHO_OWNS_SHORTCUT } from '../../commands/who-owns/who-owns-listeners.js';
import { startHarness, type Harness } from '../slack/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.stores.codeOwners.save([
    {
      locationKey: 'github:kestrel-pay/ledger',
      repository: 'https://github.com/kestrel-pay/ledger',
      path: '.github/CODEOWNERS',
      oid: 'a'.repeat(40),
      text: '# Ledger\n*  @kestrel-pay/ledger-team\n/cmd/  @kestrel-pay/platform-team\n/docs/ @kestrel-pay/ghost-team\n',
      commit: 'b'.repeat(40),
      files: ['ledger/book.go', 'api/handler.go', 'cmd/server/main.go', 'docs/index.md'],
    },
  ]);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

async function shortcut(message: Record<string, unknown>) {
  const reply = await h.client.messageShortcut(WHO_OWNS_SHORTCUT, message, { channelId: 'C0INCIDENT' });
  const [posted] = await h.fake.waitFor(
    () => (h.fake.responsesTo(reply.responseUrl).length ? h.fake.responsesTo(reply.responseUrl) : undefined),
    'the shortcut answer',
    60_000,
  );
  return { reply, body: posted.body as { response_type: string; text: string; blocks: Record<string, unknown>[] } };
}

const shown = (blocks: Record<string, unknown>[]) => JSON.stringify(blocks);
const trace = readFileSync(new URL('../fixtures/stack-traces/go.txt', import.meta.url), 'utf8');

describe('the Who owns this? shortcut', () => {
  it('names the owning team of each repository file in a pasted 50-frame Go trace', async () => {
    const { reply, body } = await shortcut({ text: `prod is down:\n\`\`\`${trace}\`\`\``, ts: '1581106223.000400' });
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    expect(body.response_type).toBe('ephemeral');
    const text = shown(body.blocks);
    // book.go and handler.go: the * line; main.go: /cmd/.
    expect(text).toContain('kestrel-pay/ledger: ledger/book.go');
    expect(text).toContain('*Ledger Team* · <#C05LDG0001|ledger-team>');
    expect(text).toContain('.github/CODEOWNERS line 2 (*)');
    expect(text).toContain('kestrel-pay/ledger: cmd/server/main.go');
    expect(text).toContain('.github/CODEOWNERS line 3 (/cmd/)');
    expect(text).toMatch(/Owner: \*Platform Team\*/);
    expect(text).toContain('On call now:');
    const buttons = body.blocks.flatMap((b) =>
      b.type === 'actions' ? (b.elements as { action_id: string; value: string }[]) : [],
    );
    expect(buttons.map((b) => b.action_id)).toContain('oncall.page');
    const share = buttons.find((b) => b.action_id.startsWith('whoowns.share'));
    expect(JSON.parse(share!.value)).toMatchObject({ c: 'C0INCIDENT', t: '1581106223.000400' });
  });

  it('reads GitHub links in attachments and blocks, and an owner CODEOWNERS names that the catalog lacks', async () => {
    const { body } = await shortcut({
      text: '',
      attachments: [
        {
          fallback: 'CI failed',
          text: 'Failing: <https://github.com/kestrel-pay/ledger/blob/main/docs/index.md#L3|docs>',
        },
      ],
      blocks: [
        {
          type: 'rich_text',
          elements: [
            {
              type: 'rich_text_section',
              elements: [{ type: 'link', url: 'https://github.com/kestrel-pay/payouts/pull/42' }],
            },
          ],
        },
      ],
    });
    const text = shown(body.blocks);
    expect(text).toContain('@kestrel-pay/ghost-team _(not in the catalog)_');
    expect(text).toContain('kestrel-pay/payouts#42');
    expect(text).toContain('owner of component:default/payouts');
  });

  it('says what it looked for when the message names nothing it knows', async () => {
    const { body } = await shortcut({ text: 'lunch at noon? 🍕' });
    expect(body.text).toBe('Nothing found to own');
    expect(shown(body.blocks)).toContain('It looked for GitHub links');
  });

  it('answers a 40k-character message shortly, saying it read only the start', async () => {
    const { body } = await shortcut({ text: `${'x'.repeat(39_000)} kestrel-pay/ledger` });
    expect(shown(body.blocks)).toContain('Read the first 16,000 of 39,020 characters');
    const again = await shortcut({ text: 'component:default/ledger' });
    expect(shown(again.body.blocks)).toContain('*Ledger Team*');
  });

  it('answers a message of 500 links shortly, reading the first ones and saying it stopped', async () => {
    const links = Array.from({ length: 500 }, (_, i) => `https://github.com/kestrel-pay/ledger/pull/${i + 1}`);
    const { body } = await shortcut({ text: links.join(' ') });
    const text = shown(body.blocks);
    expect(body.text).toBe('Owned by Ledger Team');
    expect(text).toContain('kestrel-pay/ledger#1');
    expect(text).toMatch(/Read the first 16,000 of [\d,]+ characters/);
    expect(text.length).toBeLessThan(12_000);
  });

  it('answers binary-looking text and a message in another language with what it looked for', async () => {
    const binary = Array.from({ length: 20_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('');
    const noise = await shortcut({ text: binary });
    expect(noise.body.text).toMatch(/^Nothing (found to own|in this message is in the catalog)$/);
    expect(shown(noise.body.blocks)).toMatch(/Read the first 16,000 of 20,00\d characters/);
    const other = await shortcut({ text: '¿Quién es el responsable de este error? 支付服务又挂了' });
    expect(other.body.text).toBe('Nothing found to own');
    expect(shown(other.body.blocks)).toContain('It looked for GitHub links');
  });

  it('shares one answer in the message thread for everyone', async () => {
    const { body } = await shortcut({
      text: 'component:default/ledger',
      ts: '1700000000.000100',
      thread_ts: '1699999999.000001',
    });
    const share = body.blocks
      .flatMap((b) => (b.type === 'actions' ? (b.elements as { action_id: string; value: string }[]) : []))
      .find((b) => b.action_id.startsWith('whoowns.share'))!;
    await h.client.blockAction({ action_id: share.action_id, value: share.value }, { message: { ephemeral: true } });
    const [post] = await h.fake.waitFor(
      () => (h.fake.callsTo('chat.postMessage').length ? h.fake.callsTo('chat.postMessage') : undefined),
      'the shared answer',
      60_000,
    );
    expect(post.args).toMatchObject({ channel: 'C0INCIDENT', thread_ts: '1699999999.000001' });
    expect(JSON.stringify(post.args)).toContain('Ledger Team');
  });
});
