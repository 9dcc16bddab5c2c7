// Block Kit as HTML that looks and behaves like Slack's own rendering: headers, sections (mrkdwn,
// two-column fields, an accessory at the side), context in small grey, dividers, images, action
// rows, and the interactive elements (buttons, selects, overflow menus, inputs). Interactive
// elements carry their Block Kit payload in data attributes; the page's script (page-script.ts)
// turns clicks and choices into the block_actions Slack would send. Everything shown is escaped.
import { dataJson, escapeHtml, safeUrl } from './html.js';
import { mrkdwnHtml, plainHtml } from './mrkdwn-html.js';

/** Block Kit as it arrives from the app: loosely typed, since any block may come back. */
type Json = Record<string, unknown>;
interface TextObject {
  type?: string;
  text?: string;
  emoji?: boolean;
}
interface OptionObject {
  text?: TextObject;
  value?: string;
  description?: TextObject;
  url?: string;
}

function textHtml(object: unknown): string {
  const t = object as TextObject | undefined;
  if (!t || typeof t.text !== 'string') return '';
  return t.type === 'mrkdwn' ? mrkdwnHtml(t.text) : plainHtml(t.text, t.emoji !== false);
}

function plainOf(object: unknown): string {
  const t = object as TextObject | undefined;
  return typeof t?.text === 'string' ? t.text : '';
}

/** What Slack sends back for a chosen option: its text and value (descriptions and urls stay). */
function optionPayload(option: OptionObject): Json {
  return { text: { type: 'plain_text', text: plainOf(option.text), emoji: true }, value: option.value ?? '' };
}

function optionsOf(element: Json): Array<{ label?: string; options: OptionObject[] }> {
  if (Array.isArray(element.option_groups)) {
    return (element.option_groups as Json[]).map((g) => ({
      label: plainOf(g.label),
      options: (g.options as OptionObject[]) ?? [],
    }));
  }
  return [{ options: (element.options as OptionObject[] | undefined) ?? [] }];
}

function optionTags(element: Json, chosen: (o: OptionObject) => boolean): string {
  const one = (o: OptionObject) =>
    `<option value="${escapeHtml(o.value ?? '')}"` +
    ` data-option="${dataJson(optionPayload(o))}"${chosen(o) ? ' selected' : ''}>` +
    `${escapeHtml(plainOf(o.text))}</option>`;
  return optionsOf(element)
    .map((g) =>
      g.label === undefined
        ? g.options.map(one).join('')
        : `<optgroup label="${escapeHtml(g.label)}">${g.options.map(one).join('')}</optgroup>`,
    )
    .join('');
}

/** An element that acts at once (a button, a select outside a form): its block_actions payload rides along. */
function actionBase(element: Json, blockId: string): Json {
  return { type: element.type, action_id: element.action_id ?? '', block_id: blockId };
}

function buttonHtml(element: Json, blockId: string): string {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  const act = dataJson({ ...actionBase(element, blockId), value: element.value ?? '', text: element.text });
  const label = textHtml(element.text);
  const href = safeUrl(element.url as string | undefined);
  if (href) {
    return (
      `<a class="bk-button${style}" href="${href}" target="_blank" rel="noopener noreferrer" data-act="${act}">` +
      `${label}</a>`
    );
  }
  return `<button type="button" class="bk-button${style}" data-act="${act}">${label}</button>`;
}

function overflowHtml(element: Json, blockId: string): string {
  const items = ((element.options as OptionObject[] | undefined) ?? [])
    .map((o) => {
      const act = dataJson({ ...actionBase(element, blockId), selected_option: optionPayload(o) });
      return `<button type="button" role="menuitem" data-act="${act}">${escapeHtml(plainOf(o.text))}</button>`;
    })
    .join('');
  return (
    '<span class="bk-overflow">' +
    '<button type="button" class="bk-button bk-overflow-toggle" aria-label="More actions" aria-haspopup="menu">' +
    '⋯</button>' +
    `<span class="bk-menu" role="menu" hidden>${items}</span></span>`
  );
}

/** A select that acts when chosen (static_select in a message, or in an input with dispatch_action). */
function staticSelectHtml(element: Json, attrs: string): string {
  const initial = (element.initial_option as OptionObject | undefined)?.value;
  const placeholder = plainOf(element.placeholder) || 'Select an item';
  const prompt =
    `<option value="" disabled${initial === undefined ? ' selected' : ''} hidden>` +
    `${escapeHtml(placeholder)}</option>`;
  return `<select class="bk-select"${attrs}>${prompt}${optionTags(element, (o) => o.value === initial)}</select>`;
}

/** A select whose options the app answers as the user types (block_suggestion). */
function externalSelectHtml(element: Json, attrs: string, multiple: boolean): string {
  const placeholder = plainOf(element.placeholder) || 'Select an item';
  const initial = multiple
    ? ((element.initial_options as OptionObject[] | undefined) ?? [])
    : element.initial_option
      ? [element.initial_option as OptionObject]
      : [];
  const chosen = initial.map((o) => chipHtml(optionPayload(o), multiple)).join('');
  return (
    `<span class="bk-external${multiple ? ' multiple' : ''}"${attrs}><span class="bk-chosen">${chosen}</span>` +
    `<input type="text" class="bk-external-query" placeholder="${escapeHtml(placeholder)}" autocomplete="off"` +
    ` aria-label="${escapeHtml(placeholder)}">` +
    '<span class="bk-suggestions" role="listbox" hidden></span></span>'
  );
}

/** A chosen option of an external select; the page's script makes the same markup when one is picked. */
function chipHtml(option: Json, removable: boolean): string {
  const text = (option.text as TextObject).text ?? '';
  const remove = removable ? '<button type="button" class="bk-chip-remove" aria-label="Remove">×</button>' : '';
  return `<span class="bk-chip" data-option="${dataJson(option)}">${escapeHtml(text)}${remove}</span>`;
}

function imageHtml(element: Json, className: string): string {
  const src = safeUrl((element.image_url ?? element.url) as string | undefined);
  const alt = escapeHtml(String(element.alt_text ?? ''));
  if (!src) return `<span class="${className} missing">${alt}</span>`;
  return `<img class="${className}" src="${src}" alt="${alt}" loading="lazy">`;
}

/** An element in an action row or a section's accessory slot. */
function elementHtml(element: Json, blockId: string): string {
  const acts = ` data-act="${dataJson(actionBase(element, blockId))}"`;
  switch (element.type) {
    case 'button':
      return buttonHtml(element, blockId);
    case 'overflow':
      return overflowHtml(element, blockId);
    case 'image':
      return imageHtml(element, 'bk-accessory-image');
    case 'static_select':
      return staticSelectHtml(element, acts);
    case 'external_select':
      return externalSelectHtml(element, acts, false);
    default:
      return inputElementHtml(element, acts);
  }
}

/** An input's control; `attrs` marks it for the page's script (its state, or the action it sends). */
function inputElementHtml(element: Json, attrs: string, name = String(element.action_id ?? '')): string {
  const placeholder = plainOf(element.placeholder);
  const ph = placeholder ? ` placeholder="${escapeHtml(placeholder)}"` : '';
  const value = (v: unknown) => (typeof v === 'string' ? ` value="${escapeHtml(v)}"` : '');
  const focus = element.focus_on_load ? ' autofocus' : '';
  switch (element.type) {
    case 'plain_text_input': {
      const limits = `${typeof element.max_length === 'number' ? ` maxlength="${element.max_length}"` : ''}`;
      if (element.multiline) {
        const text = escapeHtml(String(element.initial_value ?? ''));
        return `<textarea class="bk-text" rows="4"${attrs}${ph}${limits}${focus}>${text}</textarea>`;
      }
      return `<input type="text" class="bk-text"${attrs}${ph}${limits}${focus}${value(element.initial_value)}>`;
    }
    case 'email_text_input':
    case 'url_text_input': {
      const type = element.type === 'email_text_input' ? 'email' : 'url';
      return `<input type="${type}" class="bk-text"${attrs}${ph}${focus}${value(element.initial_value)}>`;
    }
    case 'number_input': {
      const step = element.is_decimal_allowed ? ' step="any"' : ' step="1"';
      const range =
        `${typeof element.min_value === 'string' ? ` min="${escapeHtml(element.min_value)}"` : ''}` +
        `${typeof element.max_value === 'string' ? ` max="${escapeHtml(element.max_value)}"` : ''}`;
      return `<input type="number" class="bk-text"${attrs}${step}${range}${ph}${focus}${value(element.initial_value)}>`;
    }
    case 'datepicker':
      return `<input type="date" class="bk-text"${attrs}${focus}${value(element.initial_date)}>`;
    case 'timepicker':
      return `<input type="time" class="bk-text"${attrs}${focus}${value(element.initial_time)}>`;
    case 'datetimepicker': {
      const at =
        typeof element.initial_date_time === 'number'
          ? new Date(element.initial_date_time * 1000).toISOString().slice(0, 16)
          : undefined;
      return `<input type="datetime-local" class="bk-text"${attrs}${focus}${value(at)}>`;
    }
    case 'static_select':
      return staticSelectHtml(element, attrs);
    case 'multi_static_select': {
      const initial = new Set(((element.initial_options as OptionObject[] | undefined) ?? []).map((o) => o.value));
      const options = optionTags(element, (o) => initial.has(o.value));
      return `<select class="bk-select" multiple size="4"${attrs}>${options}</select>`;
    }
    case 'external_select':
      return externalSelectHtml(element, attrs, false);
    case 'multi_external_select':
      return externalSelectHtml(element, attrs, true);
    case 'checkboxes':
    case 'radio_buttons': {
      const kind = element.type === 'checkboxes' ? 'checkbox' : 'radio';
      const initial = new Set(
        [
          ...((element.initial_options as OptionObject[] | undefined) ?? []),
          ...(element.initial_option ? [element.initial_option as OptionObject] : []),
        ].map((o) => o.value),
      );
      const choice = (o: OptionObject) => {
        const description = o.description
          ? `<span class="bk-choice-description">${textHtml(o.description)}</span>`
          : '';
        return (
          `<label class="bk-choice"><input type="${kind}" name="${escapeHtml(name)}"` +
          ` data-option="${dataJson(optionPayload(o))}"${initial.has(o.value) ? ' checked' : ''}>` +
          `<span>${textHtml(o.text)}${description}</span></label>`
        );
      };
      const choices = ((element.options as OptionObject[] | undefined) ?? []).map(choice).join('');
      return `<span class="bk-choices" role="group"${attrs}>${choices}</span>`;
    }
    default:
      return `<span class="bk-unsupported">(${escapeHtml(String(element.type))} is not shown in the playground)</span>`;
  }
}

function inputBlockHtml(block: Json, blockId: string): string {
  const element = (block.element ?? {}) as Json;
  const state = dataJson({ type: element.type, action_id: element.action_id ?? '', block_id: blockId });
  const labelId = escapeHtml(`label:${blockId}`);
  const attrs = ` data-state="${state}"${block.dispatch_action ? ' data-dispatch' : ''} aria-labelledby="${labelId}"`;
  const optional = block.optional ? ' <span class="bk-optional">(optional)</span>' : '';
  const hint = block.hint ? `<div class="bk-hint">${textHtml(block.hint)}</div>` : '';
  return (
    `<div class="bk-block bk-input" data-block-id="${escapeHtml(blockId)}">` +
    `<label class="bk-label" id="${labelId}">${textHtml(block.label)}${optional}</label>` +
    `${inputElementHtml(element, attrs, blockId)}<div class="bk-error" role="alert" hidden></div>${hint}</div>`
  );
}

function sectionHtml(block: Json, blockId: string): string {
  const text = block.text ? `<div class="bk-text-body">${textHtml(block.text)}</div>` : '';
  const fields = Array.isArray(block.fields)
    ? `<div class="bk-fields">${block.fields.map((f) => `<div class="bk-field">${textHtml(f)}</div>`).join('')}</div>`
    : '';
  const accessory = block.accessory
    ? `<div class="bk-accessory">${elementHtml(block.accessory as Json, blockId)}</div>`
    : '';
  return `<div class="bk-block bk-section"><div class="bk-section-main">${text}${fields}</div>${accessory}</div>`;
}

function contextHtml(block: Json): string {
  const parts = ((block.elements as Json[] | undefined) ?? []).map((e) =>
    e.type === 'image' ? imageHtml(e, 'bk-context-image') : `<span>${textHtml(e)}</span>`,
  );
  return `<div class="bk-block bk-context">${parts.join('')}</div>`;
}

function blockHtml(block: Json, index: number): string {
  const blockId = typeof block.block_id === 'string' ? block.block_id : `b${index}`;
  switch (block.type) {
    case 'header':
      return `<div class="bk-block bk-header">${textHtml(block.text)}</div>`;
    case 'section':
      return sectionHtml(block, blockId);
    case 'context':
      return contextHtml(block);
    case 'divider':
      return '<hr class="bk-block bk-divider">';
    case 'image': {
      const title = block.title ? `<div class="bk-image-title">${textHtml(block.title)}</div>` : '';
      return `<div class="bk-block bk-image">${title}${imageHtml(block, 'bk-image-img')}</div>`;
    }
    case 'actions': {
      const elements = ((block.elements as Json[] | undefined) ?? []).map((e) => elementHtml(e, blockId)).join('');
      return `<div class="bk-block bk-actions">${elements}</div>`;
    }
    case 'input':
      return inputBlockHtml(block, blockId);
    default:
      return `<div class="bk-block bk-unsupported">(a ${escapeHtml(String(block.type))} block is not shown here)</div>`;
  }
}

/** Blocks as HTML. A message without blocks shows its `text`, as Slack does. */
export function blocksHtml(blocks: unknown, fallbackText?: string): string {
  if (Array.isArray(blocks) && blocks.length) return (blocks as Json[]).map(blockHtml).join('');
  if (!fallbackText) return '';
  return `<div class="bk-block bk-section"><div class="bk-text-body">${mrkdwnHtml(fallbackText)}</div></div>`;
}
