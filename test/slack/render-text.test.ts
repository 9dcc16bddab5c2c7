// Block Kit as the plain text `callboard ask` prints.
import { describe, expect, it } from 'vitest';
import {
  actions,
  button,
  context,
  divider,
  fieldSections,
  header,
  mrkdwnToText,
  renderText,
  section,
} from '../../src/slack/index.js';

describe('renderText', () => {
  it('turns mrkdwn links, mentions, channels, dates and emphasis into readable text', () => {
    expect(mrkdwnToText('*Owner* <https://x.example/a|Team A> and <https://x.example/b>')).toBe(
      'Owner Team A (https://x.example/a) and https://x.example/b',
    );
    expect(mrkdwnToText('<@U123> in <#C9|payments> or <#C8>, <!here>')).toBe('@U123 in #payments or #C8, @here');
    expect(mrkdwnToText('<!date^1700000000^{date_short_pretty}|2023-11-14 22:13 UTC>')).toBe('2023-11-14 22:13 UTC');
    expect(mrkdwnToText('a &lt;b&gt; &amp; _c_ snake_case_name')).toBe('a <b> & c snake_case_name');
    expect(mrkdwnToText('<mailto:a@example.com|a@example.com>')).toBe('a@example.com');
  });

  it('renders a message block by block', () => {
    const text = renderText({
      text: 'fallback',
      blocks: [
        header('Payments'),
        section('Takes payments.', button('Open', 'open', 'x')),
        ...fieldSections([
          ['Owner', 'Payments Team'],
          ['Lifecycle', 'production'],
        ]),
        context('Component', 'service'),
        divider(),
        ...actions([button('Dependencies (3)', 'd', 'x'), button('Share in channel', 's', 'x')]),
      ],
    });
    expect(text).toBe(
      [
        'Payments\n========',
        'Takes payments.  [Open]',
        'Owner: Payments Team\nLifecycle: production',
        'Component  ·  service',
        '---',
        '[Dependencies (3)] [Share in channel]',
      ].join('\n\n'),
    );
  });

  it('falls back to the message text when there are no blocks', () => {
    expect(renderText({ text: 'Hello <@U1>' })).toBe('Hello @U1');
  });
});
