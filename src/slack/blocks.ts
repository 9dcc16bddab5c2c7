// Block Kit builders that keep inside Slack's limits. Slack rejects a whole message when one
// field is a character too long, so every builder truncates instead, and lists say how many
// items they left out.
import type { types as SlackTypes } from '@slack/bolt';
import type { Block } from './command.js';

/**
 * Slack's Block Kit and message limits (api.slack.com/reference/block-kit), declared once for
 * every message, card and modal Callboard builds.
 */
export const SLACK_LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  options: 100,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  placeholderText: 150,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  inputLabel: 2000,
  hint: 2000,
  checkboxOptions: 10,
  radioOptions: 10,
  externalOptions: 100,
  plainTextMaxLength: 3000,
  /** views.push: the stack holds at most three views. */
  viewStackDepth: 3,
  /** Top-level `text`: Slack truncates at 40k; a notification needs far less. */
  messageText: 3000,
} as const;

const ELLIPSIS = '…';

/** Cuts `text` to at most `max` characters, marking the cut. Never splits a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ELLIPSIS.length));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

/** Catalog text shown in mrkdwn: Slack's three control characters escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A mrkdwn link. Only http(s) and mailto URLs become links; anything else is shown as text. */
export function link(url: string, label?: string): string {
  const shown = escapeMrkdwn(label ?? url).replace(/\|/g, '¦');
  if (!/^(https?:\/\/|mailto:)/i.test(url) || /[\s<>|]/.test(url)) return shown;
  return `<${url}|${shown}>`;
}

export function bold(text: string): string {
  return `*${escapeMrkdwn(text).replace(/\*/g, '∗')}*`;
}

export function header(text: string): SlackTypes.HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, SLACK_LIMITS.headerText), emoji: true } };
}

export function section(
  mrkdwn: string,
  accessory?: SlackTypes.Button | SlackTypes.StaticSelect,
): SlackTypes.SectionBlock {
  const block: SlackTypes.SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(mrkdwn || ' ', SLACK_LIMITS.sectionText) },
  };
  if (accessory) block.accessory = accessory;
  return block;
}

/** Label/value pairs as section fields, ten to a section. Empty values are left out. */
export function fieldSections(
  fields: Array<[label: string, mrkdwnValue: string | undefined]>,
): SlackTypes.SectionBlock[] {
  const present = fields.filter(([, value]) => value !== undefined && value !== '');
  const sections: SlackTypes.SectionBlock[] = [];
  for (let i = 0; i < present.length; i += SLACK_LIMITS.fields) {
    sections.push({
      type: 'section',
      fields: present.slice(i, i + SLACK_LIMITS.fields).map(([label, value]) => ({
        type: 'mrkdwn' as const,
        text: truncate(`${bold(label)}\n${value}`, SLACK_LIMITS.fieldText),
      })),
    });
  }
  return sections;
}

export function context(...mrkdwn: string[]): SlackTypes.ContextBlock {
  const texts = mrkdwn.filter(Boolean).slice(0, SLACK_LIMITS.contextElements);
  return {
    type: 'context',
    elements: (texts.length ? texts : [' ']).map((text) => ({
      type: 'mrkdwn' as const,
      text: truncate(text, SLACK_LIMITS.contextText),
    })),
  };
}

export function divider(): SlackTypes.DividerBlock {
  return { type: 'divider' };
}

export function button(
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): SlackTypes.Button {
  if (value.length > SLACK_LIMITS.buttonValue)
    throw new Error(`button value for ${actionId} is longer than Slack allows`);
  const element: SlackTypes.Button = {
    type: 'button',
    text: { type: 'plain_text', text: truncate(label, SLACK_LIMITS.buttonText), emoji: true },
    action_id: truncate(actionId, SLACK_LIMITS.actionId),
    value,
  };
  if (style) element.style = style;
  return element;
}

/** Buttons in rows of at most 25 (Slack's limit per actions block). */
export function actions(elements: SlackTypes.Button[], blockId?: string): SlackTypes.ActionsBlock[] {
  const rows: SlackTypes.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    const row: SlackTypes.ActionsBlock = {
      type: 'actions',
      elements: elements.slice(i, i + SLACK_LIMITS.actionsElements),
    };
    if (blockId) row.block_id = rows.length ? `${blockId}-${rows.length}` : blockId;
    rows.push(row);
  }
  return rows;
}

/**
 * A static select (up to 100 options). Options whose value would be too long for Slack are
 * left out; the placeholder says how many are offered when there were more.
 */
export function select(
  placeholder: string,
  actionId: string,
  options: Array<{ label: string; value: string }>,
): SlackTypes.StaticSelect | undefined {
  const usable = options.filter((o) => o.value.length <= SLACK_LIMITS.optionValue);
  const shown = usable.slice(0, SLACK_LIMITS.options);
  if (!shown.length) return undefined;
  const more = options.length > shown.length ? ` (first ${shown.length} of ${options.length})` : '';
  return {
    type: 'static_select',
    action_id: actionId,
    placeholder: { type: 'plain_text', text: truncate(placeholder + more, SLACK_LIMITS.placeholderText), emoji: true },
    options: shown.map((o) => ({
      text: { type: 'plain_text' as const, text: truncate(o.label, SLACK_LIMITS.optionText), emoji: true },
      value: o.value,
    })),
  };
}

/** The line that ends a shortened list. */
export function moreLine(hidden: number, noun = 'more'): string {
  return `…and ${hidden} ${noun}`;
}

/**
 * Lines of mrkdwn joined under a character budget (a section's 3000 by default), ending with
 * "…and N more" when some did not fit.
 */
export function listText(
  lines: string[],
  options: { maxChars?: number; maxItems?: number; empty?: string } = {},
): string {
  if (!lines.length) return options.empty ?? '_none_';
  const maxChars = options.maxChars ?? SLACK_LIMITS.sectionText;
  const maxItems = Math.min(options.maxItems ?? lines.length, lines.length);
  const reserve = moreLine(lines.length).length + 1;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < maxItems; i++) {
    const line = truncate(lines[i], maxChars - reserve);
    const cost = line.length + (kept.length ? 1 : 0);
    const last = i === lines.length - 1;
    if (used + cost > maxChars - (last ? 0 : reserve)) break;
    kept.push(line);
    used += cost;
  }
  const hidden = lines.length - kept.length;
  return hidden ? [...kept, moreLine(hidden)].join('\n') : kept.join('\n');
}

/** A section of a heading line over a list that fits the section's 3000 characters. */
export function listSection(
  heading: string,
  lines: string[],
  options: { maxItems?: number; empty?: string } = {},
): SlackTypes.SectionBlock {
  const head = truncate(heading, 300);
  return section(`${head}\n${listText(lines, { ...options, maxChars: SLACK_LIMITS.sectionText - head.length - 1 })}`);
}

/**
 * Items on one line (`a · b · c`) under a character budget, ending with "…and N more" when
 * some did not fit. Items are never cut in half, so links stay whole.
 */
export function inlineList(items: string[], maxChars: number, separator = ' · '): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < items.length; i++) {
    const cost = items[i].length + (kept.length ? separator.length : 0);
    const reserve = i === items.length - 1 ? 0 : separator.length + moreLine(items.length).length;
    if (used + cost + reserve > maxChars) break;
    kept.push(items[i]);
    used += cost;
  }
  const hidden = items.length - kept.length;
  return hidden ? [...kept, moreLine(hidden)].join(separator) : kept.join(separator);
}

/**
 * Keeps a block list within `max`, cutting from the middle: the trailing actions rows (a card's
 * buttons) stay, and a context line says how many blocks were left out.
 */
export function fitBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  let tailStart = blocks.length;
  while (tailStart > 0 && blocks[tailStart - 1].type === 'actions' && blocks.length - tailStart < 2) tailStart--;
  const tail = blocks.slice(tailStart);
  const headRoom = max - tail.length - 1;
  const head = blocks.slice(0, headRoom);
  const hidden = blocks.length - tail.length - head.length;
  return [...head, context(`_${hidden} more block${hidden === 1 ? '' : 's'} not shown_`), ...tail];
}

/** A date Slack shows in the reader's own time zone, with a UTC fallback for clients that cannot. */
export function slackDate(date: Date): string {
  const seconds = Math.floor(date.getTime() / 1000);
  return `<!date^${seconds}^{date_short_pretty} {time}|${date.toISOString().replace('T', ' ').slice(0, 16)} UTC>`;
}
