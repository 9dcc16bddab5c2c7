// Block Kit as the playground's HTML: each block type in Slack's layout, interactive elements
// carrying the payload Slack would send back, modal inputs with their labels, and no markup
// from the text inside them.
import { describe, expect, it } from 'vitest';
import { blocksHtml } from '../../src/playground/block-html.js';
import { messageHtml, modalHtml } from '../../src/playground/surface-html.js';
import { button, context, divider, fieldSections, header, section, select } from '../../src/slack/index.js';
import { dataAttributes } from './data-attributes.js';

const plain = (text: string) => ({ type: 'plain_text' as const, text });
const chosen = (text: string, value: string) => ({ text: { ...plain(text), emoji: true }, value });

describe('blocksHtml', () => {
  it('lays out a card: header, mrkdwn section with an accessory, two-column fields, context, divider', () => {
    const html = blocksHtml([
      header('Payments :credit_card:'),
      section('Takes *payments*.', button('Open', 'service.open:0', 'component:default/payments')),
      ...fieldSections([
        ['Owner', 'Payments Team'],
        ['Lifecycle', 'production'],
      ]),
      context('Component', '`component:default/payments`'),
      divider(),
    ]);
    expect(html).toContain('<div class="bk-block bk-header">Payments 💳</div>');
    expect(html).toContain(
      '<div class="bk-text-body">Takes <b>payments</b>.</div></div>' + '<div class="bk-accessory"><button',
    );
    expect(html).toContain(
      '<div class="bk-fields"><div class="bk-field"><b>Owner</b><br>Payments Team</div>' +
        '<div class="bk-field"><b>Lifecycle</b><br>production</div></div>',
    );
    expect(html).toContain(
      '<div class="bk-block bk-context"><span>Component</span>' +
        '<span><code>component:default/payments</code></span></div>',
    );
    expect(html).toContain('<hr class="bk-block bk-divider">');
  });

  it('renders buttons with their styles, each carrying the block_actions payload Slack would send', () => {
    const html = blocksHtml([
      {
        type: 'actions',
        block_id: 'row',
        elements: [
          { type: 'button', action_id: 'approve', value: 't1', style: 'primary', text: plain('Approve') },
          { type: 'button', action_id: 'reject', value: 't1', style: 'danger', text: plain('Reject') },
          { type: 'button', action_id: 'docs', url: 'https://docs.example.com', text: plain('Docs') },
        ],
      },
    ]);
    expect(html).toContain('class="bk-button primary"');
    expect(html).toContain('class="bk-button danger"');
    expect(html).toContain('<a class="bk-button" href="https://docs.example.com" target="_blank"');
    expect(dataAttributes(html, 'data-act')).toEqual([
      { type: 'button', action_id: 'approve', block_id: 'row', value: 't1', text: plain('Approve') },
      { type: 'button', action_id: 'reject', block_id: 'row', value: 't1', text: plain('Reject') },
      { type: 'button', action_id: 'docs', block_id: 'row', value: '', text: plain('Docs') },
    ]);
  });

  it('renders working selects and overflow menus: each option knows what choosing it sends', () => {
    const ledger = { label: 'Ledger (Component)', value: 'component:default/ledger' };
    const picker = select('Open one…', 'service.open:9', [ledger])!;
    const overflow = { type: 'overflow', action_id: 'more', options: [{ text: plain('Remove'), value: 'rm' }] };
    const html = blocksHtml([{ type: 'actions', elements: [picker] }, section('More', overflow as never)]);
    expect(html).toContain('<select class="bk-select" data-act=');
    expect(html).toContain('>Open one…</option>');
    expect(dataAttributes(html, 'data-option')).toContainEqual(chosen(ledger.label, ledger.value));
    expect(dataAttributes(html, 'data-act')).toContainEqual({
      type: 'overflow',
      action_id: 'more',
      block_id: 'b1',
      selected_option: chosen('Remove', 'rm'),
    });
    expect(html).toContain('aria-label="More actions"');
  });

  it('renders images only from http(s) URLs', () => {
    const html = blocksHtml([
      { type: 'image', image_url: 'https://img.example.com/a.png', alt_text: 'a "chart"', title: plain('Latency') },
      { type: 'image', image_url: 'javascript:alert(1)', alt_text: 'bad' },
    ]);
    expect(html).toContain('<img class="bk-image-img" src="https://img.example.com/a.png" alt="a &quot;chart&quot;"');
    expect(html).not.toContain('javascript:');
  });

  it('renders input blocks with labels, hints, the optional mark, and an empty slot for an error', () => {
    const html = blocksHtml([
      {
        type: 'input',
        block_id: 'field:name',
        optional: true,
        label: plain('Name'),
        hint: plain('Letters & digits'),
        element: { type: 'plain_text_input', action_id: 'value', initial_value: '<x>', placeholder: plain('payments') },
      },
    ]);
    expect(html).toContain(
      '<label class="bk-label" id="label:field:name">Name ' + '<span class="bk-optional">(optional)</span>',
    );
    expect(html).toContain('aria-labelledby="label:field:name"');
    expect(html).toContain('placeholder="payments"');
    expect(html).toContain('value="&lt;x&gt;"');
    expect(html).toContain(
      '<div class="bk-error" role="alert" hidden></div>' + '<div class="bk-hint">Letters &amp; digits</div>',
    );
    expect(dataAttributes(html, 'data-state')).toEqual([
      { type: 'plain_text_input', action_id: 'value', block_id: 'field:name' },
    ]);
  });

  it('escapes text in every place it can appear', () => {
    const evil = '"><script>alert(1)</script>';
    const html = blocksHtml([
      header(evil),
      section(evil, button(evil, 'a', evil)),
      context(evil),
      { type: 'actions', elements: [select(evil, 'b', [{ label: evil, value: evil }])!] },
      {
        type: 'input',
        block_id: evil,
        label: plain(evil),
        element: { type: 'static_select', action_id: evil, options: [{ text: plain(evil), value: evil }] },
      },
    ]);
    expect(html).not.toContain('<script');
    // The quote closed no attribute: the only elements are the renderer's own.
    const ours = ['<div', '<span', '<button', '<select', '<option', '<label', '<b'];
    expect(html.match(/<[a-z]+/g)!.filter((tag) => !ours.includes(tag))).toEqual([]);
  });

  it("shows a message's text when it has no blocks", () => {
    expect(blocksHtml(undefined, 'plain *fallback*')).toContain('plain <b>fallback</b>');
  });
});

describe('surfaces', () => {
  it('marks ephemeral messages "Only visible to you"', () => {
    expect(messageHtml({ id: 'm1', text: 'hi', ephemeral: true })).toContain('Only visible to you');
    expect(messageHtml({ id: 'm2', text: 'hi', ephemeral: false })).not.toContain('Only visible to you');
  });

  it('draws a modal with its title, close and submit buttons, and a back arrow when stacked', () => {
    const view = {
      id: 'V1',
      title: plain('Create'),
      submit: plain('Next'),
      close: plain('Cancel'),
      blocks: [section('Pick one.')],
    };
    const html = modalHtml(view, 1);
    expect(html).toContain('role="dialog"');
    expect(html).toContain('<h2 id="modal-title">Create</h2>');
    expect(html).toContain(
      '>Cancel</button>' + '<button type="submit" class="bk-button primary modal-submit">Next</button>',
    );
    expect(html).not.toContain('class="modal-back"');
    expect(modalHtml({ ...view, submit: undefined }, 2)).toContain('class="modal-back"');
    expect(modalHtml({ ...view, submit: undefined }, 2)).not.toContain('modal-submit');
  });
});
