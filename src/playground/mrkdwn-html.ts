// Slack mrkdwn as HTML, following what Slack's clients show: *bold*, _italic_, ~strike~, `code`,
// ``` code blocks ```, > quotes, bullet and numbered lines, <url|text> links, <@U…> and <#C…>
// mentions, <!here>, dates' fallback text, and :emoji: shortcodes. The text is Slack-escaped
// (&amp; &lt; &gt;); it is decoded and then HTML-escaped, so catalog text never becomes markup.
import { replaceShortcodes } from './emoji.js';
import { escapeHtml, safeUrl } from './html.js';

/** Marks a stretch already turned into HTML (a link, inline code) while the rest is formatted. */
const HOLD = '\u0000';

function decodeSlack(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** `<…>` control sequences: links, user and channel mentions, special mentions, dates. */
function controlHtml(target: string, label: string | undefined): string {
  const shown = (text: string) => escapeHtml(decodeSlack(text));
  if (target.startsWith('@')) return `<span class="mention">@${shown(label ?? target.slice(1))}</span>`;
  if (target.startsWith('#')) return `<span class="mention">#${shown(label ?? target.slice(1))}</span>`;
  if (target.startsWith('!date^')) return shown(label ?? '');
  const mention = (text: string) => `<span class="mention">${text}</span>`;
  if (target.startsWith('!subteam^')) return mention(shown(label ?? `@${target.slice('!subteam^'.length)}`));
  if (target.startsWith('!')) return mention(`@${shown(label ?? target.slice(1).replace(/\^.*$/, ''))}`);
  const url = decodeSlack(target);
  const href = safeUrl(url);
  const text = shown(label ?? url.replace(/^mailto:/i, ''));
  return href ? `<a href="${href}" target="_blank" rel="noopener noreferrer">${text}</a>` : text;
}

/** Bold, italic and strike need their markers at word edges, as in Slack (snake_case stays). */
function emphasis(html: string): string {
  const before = `(^|[\\s(\\[{>"'.,;:!?-]|${HOLD})`;
  const after = `(?=$|[\\s)\\]}<"'.,;:!?-]|${HOLD})`;
  const edge = (m: string) => new RegExp(`${before}\\${m}(?=\\S)([^${m}\\n]*?\\S)\\${m}${after}`, 'g');
  return html.replace(edge('*'), '$1<b>$2</b>').replace(edge('_'), '$1<i>$2</i>').replace(edge('~'), '$1<s>$2</s>');
}

/** One line (or run of lines) without code blocks: controls and inline code held apart while emphasis applies. */
function inlineHtml(text: string): string {
  const held: string[] = [];
  const hold = (html: string) => `${HOLD}${held.push(html) - 1}${HOLD}`;
  const withHeld = text
    .replace(/`([^`\n]+)`/g, (_, code: string) => hold(`<code>${escapeHtml(decodeSlack(code))}</code>`))
    .replace(/<([^<>|\n]+)(?:\|([^<>\n]*))?>/g, (_, to: string, label?: string) => hold(controlHtml(to, label)));
  const formatted = replaceShortcodes(emphasis(escapeHtml(decodeSlack(withHeld))));
  return formatted.replace(new RegExp(`${HOLD}(\\d+)${HOLD}`, 'g'), (_, i: string) => held[Number(i)]);
}

type Line = { kind: 'quote' | 'bullet' | 'number' | 'text'; text: string; marker?: string };

function classify(line: string): Line {
  const quote = /^(?:>|&gt;) ?(.*)$/.exec(line);
  if (quote) return { kind: 'quote', text: quote[1] };
  const bullet = /^\s*([•◦▪\-*]) +(.*)$/.exec(line);
  if (bullet && !(bullet[1] === '*' && /\*\s*$/.test(bullet[2]))) return { kind: 'bullet', text: bullet[2] };
  const number = /^\s*(\d{1,3}[.)]) +(.*)$/.exec(line);
  if (number) return { kind: 'number', text: number[2], marker: number[1] };
  return { kind: 'text', text: line };
}

/** Text outside code blocks: quotes and list lines grouped, other lines joined with <br>. */
function proseHtml(text: string): string {
  const out: string[] = [];
  let group: { kind: Line['kind']; items: string[] } | undefined;
  const flush = () => {
    if (!group) return;
    const { kind, items } = group;
    if (kind === 'quote') out.push(`<blockquote>${items.join('<br>')}</blockquote>`);
    else if (kind === 'bullet') out.push(`<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>`);
    else if (kind === 'number') out.push(`<ol>${items.join('')}</ol>`);
    else out.push(items.join('<br>'));
    group = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = classify(raw);
    const html =
      line.kind === 'number'
        ? `<li><span class="marker">${escapeHtml(line.marker!)}</span> ${inlineHtml(line.text)}</li>`
        : inlineHtml(line.text);
    if (group && group.kind !== line.kind) {
      // A text line after a list or quote starts on its own line, as Slack shows it.
      flush();
    }
    group ??= { kind: line.kind, items: [] };
    group.items.push(html);
  }
  flush();
  return out.join('');
}

/** Slack mrkdwn as HTML (safe to insert: every character of the text is escaped). */
export function mrkdwnHtml(mrkdwn: string): string {
  const parts = mrkdwn.split(/```/);
  // An unclosed fence is shown as typed, as Slack does.
  if (parts.length % 2 === 0) return proseHtml(mrkdwn);
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/^\n|\n$/g, '') ? proseHtml(part.replace(/^\n|\n$/g, '')) : '';
      return `<pre class="code">${escapeHtml(decodeSlack(part.replace(/^\n|\n$/g, '')))}</pre>`;
    })
    .join('');
}

/** plain_text as HTML: escaped, line breaks kept, shortcodes as emoji unless the object says emoji: false. */
export function plainHtml(text: string, emoji = true): string {
  const html = escapeHtml(text).replace(/\n/g, '<br>');
  return emoji ? replaceShortcodes(html) : html;
}
