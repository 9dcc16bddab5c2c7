// The text of a Slack message as the "Who owns this?" shortcut reads it: its own text, its
// attachments' (pretext, text, fallback, fields, title links) and its blocks' (sections, context,
// rich text), so an alert a bot posted as attachments is read as well as a pasted trace. Bounded:
// it stops collecting once it holds more than the finder reads.
import { MAX_MESSAGE_CHARS } from '../../src/ownership/things-named.js';

const LIMIT = MAX_MESSAGE_CHARS + 1;
/** Nesting is walked no deeper than this: rich text is at most a few levels, and a payload is not trusted. */
const MAX_DEPTH = 8;
const TEXT_KEYS = ['text', 'pretext', 'fallback', 'title', 'title_link', 'value', 'url', 'footer'];

export function messageText(message: unknown): { text: string; length: number } {
  const parts: string[] = [];
  let length = 0;
  let total = 0;
  const push = (value: string) => {
    total += value.length + 1;
    if (length >= LIMIT) return;
    parts.push(value);
    length += value.length + 1;
  };
  const walk = (node: unknown, depth: number) => {
    if (depth > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node.slice(0, 200)) walk(item, depth + 1);
      return;
    }
    const record = node as Record<string, unknown>;
    for (const key of TEXT_KEYS) {
      const value = record[key];
      if (typeof value === 'string') push(value);
      else if (value && typeof value === 'object') walk(value, depth + 1);
    }
    for (const key of ['attachments', 'blocks', 'fields', 'elements']) if (record[key]) walk(record[key], depth + 1);
  };
  walk(message, 0);
  return { text: parts.join('\n'), length: total };
}
