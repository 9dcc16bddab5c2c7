// Block Kit as readable plain text: what `callboard ask` and the local playground print in place
// of Slack's rendering. Links keep their URLs, mentions stay recognisable, buttons show as [Label].
import type { Block } from './command.js';

interface TextObject {
  type?: string;
  text?: string;
}
interface Element {
  type?: string;
  text?: TextObject | string;
  url?: string;
  placeholder?: TextObject;
  alt_text?: string;
  options?: unknown[];
}
interface LooseBlock {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Element;
  elements?: Element[];
  alt_text?: string;
  title?: TextObject;
}

/** Slack mrkdwn as plain text. */
export function mrkdwnToText(mrkdwn: string): string {
  return mrkdwn
    .replace(/<([^<>|]+)\|([^<>]*)>/g, (_, target: string, label: string) => linkText(target, label))
    .replace(/<([^<>|]+)>/g, (_, target: string) => linkText(target))
    .replace(/(^|[\s(])\*([^*\n]+)\*(?=$|[\s).,:;!?])/gm, '$1$2')
    .replace(/(^|[\s(])_([^_\n]+)_(?=$|[\s).,:;!?])/gm, '$1$2')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function linkText(target: string, label?: string): string {
  if (target.startsWith('@')) return label ? `@${label}` : target;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!date^')) return label ?? '';
  if (target.startsWith('!')) return `@${label ?? target.slice(1).replace(/\^.*$/, '')}`;
  const url = target.replace(/^mailto:/, '');
  return label && label !== target && label !== url ? `${label} (${url})` : url;
}

function textOf(object: TextObject | string | undefined): string {
  if (object === undefined) return '';
  if (typeof object === 'string') return object;
  const text = object.text ?? '';
  return object.type === 'mrkdwn' ? mrkdwnToText(text) : text;
}

function elementText(element: Element): string {
  switch (element.type) {
    case 'button':
      return `[${textOf(element.text)}]`;
    case 'static_select':
      return `[${textOf(element.placeholder)} ▾]`;
    case 'image':
      return `[image: ${element.alt_text ?? ''}]`;
    case 'mrkdwn':
    case 'plain_text':
      return textOf(element as TextObject);
    default:
      return '';
  }
}

/** One field: a bold label on its own line reads as `Label: value`. */
function fieldText(field: TextObject): string {
  const [first, ...rest] = textOf(field).split('\n');
  return rest.length ? `${first}: ${rest.join(', ')}` : first;
}

function blockText(block: LooseBlock): string {
  switch (block.type) {
    case 'header': {
      const title = textOf(block.text);
      return `${title}\n${'='.repeat(Math.min(title.length, 60))}`;
    }
    case 'section': {
      const lines: string[] = [];
      const text = textOf(block.text).trim();
      const accessory = block.accessory ? elementText(block.accessory) : '';
      if (text) lines.push(accessory ? `${text}  ${accessory}` : text);
      else if (accessory) lines.push(accessory);
      for (const field of block.fields ?? []) lines.push(fieldText(field));
      return lines.join('\n');
    }
    case 'context':
      return (block.elements ?? [])
        .map(elementText)
        .filter((t) => t.trim())
        .join('  ·  ');
    case 'divider':
      return '---';
    case 'actions':
      return (block.elements ?? []).map(elementText).filter(Boolean).join(' ');
    case 'image':
      return `[image: ${block.alt_text ?? ''}]`;
    default:
      return '';
  }
}

/** A message's (or view's) blocks as text, blocks separated by blank lines; `text` when there are none. */
export function renderText(message: { text?: string; blocks?: Block[] | unknown[] }): string {
  const blocks = (message.blocks ?? []) as LooseBlock[];
  if (!blocks.length) return mrkdwnToText(message.text ?? '');
  return blocks
    .map(blockText)
    .filter((t) => t.trim())
    .join('\n\n');
}
