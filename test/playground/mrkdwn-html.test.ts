// Slack mrkdwn as the playground shows it: formatting as Slack's clients do, and every character
// of the text escaped, so catalog text can never become markup.
import { describe, expect, it } from 'vitest';
import { emojiFor } from '../../src/playground/emoji.js';
import { mrkdwnHtml, plainHtml } from '../../src/playground/mrkdwn-html.js';

describe('mrkdwnHtml', () => {
  it('formats bold, italic, strike and inline code at word edges, leaving snake_case alone', () => {
    expect(mrkdwnHtml('*Owner* and _italic_ and ~gone~ and `a*b*`')).toBe(
      '<b>Owner</b> and <i>italic</i> and <s>gone</s> and <code>a*b*</code>',
    );
    expect(mrkdwnHtml('snake_case_name 2*3*4')).toBe('snake_case_name 2*3*4');
    expect(mrkdwnHtml('*bold _and italic_*')).toBe('<b>bold <i>and italic</i></b>');
  });

  it('turns links, mentions and dates into what Slack shows', () => {
    expect(mrkdwnHtml('<https://x.example/a?b=1&amp;c=2|Team A> <https://x.example/b>')).toBe(
      '<a href="https://x.example/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">Team A</a> ' +
        '<a href="https://x.example/b" target="_blank" rel="noopener noreferrer">https://x.example/b</a>',
    );
    expect(mrkdwnHtml('<@U123> <#C9|payments> <#C8> <!here> <!subteam^S1|@platform>')).toBe(
      '<span class="mention">@U123</span> <span class="mention">#payments</span> <span class="mention">#C8</span> ' +
        '<span class="mention">@here</span> <span class="mention">@platform</span>',
    );
    expect(mrkdwnHtml('<!date^1700000000^{date_short}|14 Nov 2023>')).toBe('14 Nov 2023');
    expect(mrkdwnHtml('<mailto:a@example.com|a@example.com>')).toBe(
      '<a href="mailto:a@example.com" target="_blank" rel="noopener noreferrer">a@example.com</a>',
    );
  });

  it('shows code blocks verbatim, quotes and list lines as blocks', () => {
    expect(mrkdwnHtml('before\n```\nconst a = *b*;\n<i>\n```\nafter')).toBe(
      'before<pre class="code">const a = *b*;\n&lt;i&gt;</pre>after',
    );
    expect(mrkdwnHtml('&gt; quoted *b*\n> more\nafter')).toBe('<blockquote>quoted <b>b</b><br>more</blockquote>after');
    expect(mrkdwnHtml('Steps:\n• one\n• two\n1. first\n2. second')).toBe(
      'Steps:<ul><li>one</li><li>two</li></ul>' +
        '<ol><li><span class="marker">1.</span> first</li><li><span class="marker">2.</span> second</li></ol>',
    );
  });

  it("shows emoji shortcodes as emoji, Slack's aliases included; unknown ones stay as typed", () => {
    expect(mrkdwnHtml(':white_check_mark: :+1: :thumbsup: :no_such_emoji:')).toBe('✅ 👍 👍 :no_such_emoji:');
    expect(emojiFor('hourglass_flowing_sand')).toBe('⏳');
    expect(mrkdwnHtml('at 12:30:45')).toBe('at 12:30:45');
  });

  it('escapes every character that could become markup, wherever it appears', () => {
    const attack = '&lt;img src=x onerror="alert(1)"&gt; \'single\'';
    expect(mrkdwnHtml(attack)).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &#39;single&#39;');
    expect(mrkdwnHtml('<https://x.example/"><script>|a "label">')).not.toMatch(/<script|"><|label">/);
    expect(mrkdwnHtml('<javascript:alert(1)|click me>')).toBe('click me');
    expect(mrkdwnHtml('<@U1|<b>x</b>>')).not.toContain('<b>');
    expect(mrkdwnHtml('`<script>`')).toBe('<code>&lt;script&gt;</code>');
    expect(mrkdwnHtml('```<script>alert(1)</script>```')).toBe(
      '<pre class="code">&lt;script&gt;alert(1)&lt;/script&gt;</pre>',
    );
    expect(plainHtml('<b>"x"</b>\nnext :tada:')).toBe('&lt;b&gt;&quot;x&quot;&lt;/b&gt;<br>next 🎉');
    expect(plainHtml(':tada:', false)).toBe(':tada:');
  });
});
