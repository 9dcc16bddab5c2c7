// Slack's Block Kit limits, checked the way Slack checks them before it accepts a message or a
// view: a message that breaks one is refused whole (invalid_blocks). Written from Slack's
// reference, apart from src/slack, so the fake catches what the app's own helpers might miss.

type Json = Record<string, unknown>;

const MAX = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  blockId: 255,
  options: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  viewTitle: 24,
  inputLabel: 2000,
  hint: 2000,
  checkboxOptions: 10,
  plainTextInput: 3000,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

/** Elements an input block may hold (modals only), with how many options each allows. */
const INPUT_ELEMENTS: Record<string, { options?: number }> = {
  plain_text_input: {},
  email_text_input: {},
  url_text_input: {},
  number_input: {},
  datepicker: {},
  timepicker: {},
  datetimepicker: {},
  static_select: { options: MAX.options },
  multi_static_select: { options: MAX.options },
  external_select: {},
  multi_external_select: {},
  checkboxes: { options: MAX.checkboxOptions },
  radio_buttons: { options: MAX.checkboxOptions },
};

function checkOptions(where: string, element: Json, max: number, problems: string[]): void {
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as Json[]) : undefined;
  const options = groups
    ? groups.flatMap((g) => (Array.isArray(g.options) ? (g.options as Json[]) : []))
    : Array.isArray(element.options)
      ? (element.options as Json[])
      : [];
  if (!options.length) problems.push(`${where}.options: must have at least 1 option`);
  if (options.length > max) problems.push(`${where}.options: must have at most ${max} items (${options.length})`);
  options.forEach((option, i) => {
    checkText(`${where}.options[${i}].text`, option.text, MAX.optionText, problems);
    if (typeof option.value !== 'string' || option.value.length > MAX.optionValue)
      problems.push(`${where}.options[${i}].value: missing or too long`);
  });
}

function checkInputElement(where: string, element: Json, problems: string[]): void {
  const spec = INPUT_ELEMENTS[String(element.type)];
  if (!spec) {
    problems.push(`${where}: unsupported input element type ${String(element.type)}`);
    return;
  }
  if (typeof element.action_id === 'string' && element.action_id.length > MAX.actionId)
    problems.push(`${where}.action_id: too long`);
  checkText(`${where}.placeholder`, element.placeholder, MAX.placeholder, problems, false);
  if (spec.options) checkOptions(where, element, spec.options, problems);
  if (element.type === 'plain_text_input') {
    for (const key of ['max_length', 'min_length']) {
      const n = element[key];
      if (n !== undefined && (typeof n !== 'number' || n < 0 || n > MAX.plainTextInput))
        problems.push(`${where}.${key}: must be 0 to ${MAX.plainTextInput}`);
    }
    if (typeof element.initial_value === 'string' && element.initial_value.length > MAX.plainTextInput)
      problems.push(`${where}.initial_value: too long`);
  }
  if (element.type === 'number_input' && typeof element.is_decimal_allowed !== 'boolean')
    problems.push(`${where}.is_decimal_allowed: required`);
}

function textLength(value: unknown): number | undefined {
  const text = (value as Json | undefined)?.text;
  return typeof text === 'string' ? text.length : undefined;
}

function checkText(where: string, value: unknown, max: number, problems: string[], required = true): void {
  const length = textLength(value);
  if (length === undefined) {
    if (required) problems.push(`${where}: text object missing`);
    return;
  }
  if (length === 0 && required) problems.push(`${where}: must be more than 0 characters`);
  if (length > max) problems.push(`${where}: must be less than ${max + 1} characters (${length})`);
}

function checkElement(where: string, element: Json, problems: string[], actionIds: Set<string>): void {
  const actionId = element.action_id;
  if (typeof actionId === 'string') {
    if (actionId.length > MAX.actionId) problems.push(`${where}.action_id: too long`);
    if (actionIds.has(actionId)) problems.push(`${where}.action_id: ${actionId} is not unique`);
    actionIds.add(actionId);
  }
  switch (element.type) {
    case 'button':
      checkText(`${where}.text`, element.text, MAX.buttonText, problems);
      if (typeof element.value === 'string' && element.value.length > MAX.buttonValue)
        problems.push(`${where}.value: too long`);
      if (typeof element.url === 'string' && element.url.length > MAX.url) problems.push(`${where}.url: too long`);
      break;
    case 'static_select': {
      const options = Array.isArray(element.options) ? (element.options as Json[]) : [];
      if (!options.length) problems.push(`${where}.options: must have at least 1 option`);
      if (options.length > MAX.options)
        problems.push(`${where}.options: must have at most ${MAX.options} items (${options.length})`);
      checkText(`${where}.placeholder`, element.placeholder, MAX.placeholder, problems, false);
      options.forEach((option, i) => {
        checkText(`${where}.options[${i}].text`, option.text, MAX.optionText, problems);
        if (typeof option.value !== 'string' || option.value.length > MAX.optionValue)
          problems.push(`${where}.options[${i}].value: missing or too long`);
      });
      break;
    }
    case 'mrkdwn':
    case 'plain_text':
      if (typeof element.text !== 'string' || !element.text.length)
        problems.push(`${where}: text must be more than 0 characters`);
      break;
    case 'image':
      break;
    default:
      problems.push(`${where}: unsupported element type ${String(element.type)}`);
  }
}

/** What Slack would object to in these blocks; empty when it would accept them. */
export function blockProblems(blocks: unknown, surface: 'message' | 'view'): string[] {
  const problems: string[] = [];
  if (blocks === undefined) return problems;
  if (!Array.isArray(blocks)) return ['blocks: must be an array'];
  const max = surface === 'message' ? MAX.messageBlocks : MAX.viewBlocks;
  if (blocks.length > max) problems.push(`blocks: must have at most ${max} items (${blocks.length})`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  (blocks as Json[]).forEach((block, i) => {
    const where = `blocks[${i}]`;
    if (typeof block.block_id === 'string') {
      if (block.block_id.length > MAX.blockId) problems.push(`${where}.block_id: too long`);
      if (blockIds.has(block.block_id)) problems.push(`${where}.block_id: ${block.block_id} is not unique`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'header':
        checkText(`${where}.text`, block.text, MAX.header, problems);
        if ((block.text as Json | undefined)?.type !== 'plain_text') problems.push(`${where}.text: must be plain_text`);
        break;
      case 'section': {
        const fields = Array.isArray(block.fields) ? (block.fields as Json[]) : undefined;
        if (block.text === undefined && !fields) problems.push(`${where}: must have text or fields`);
        if (block.text !== undefined) checkText(`${where}.text`, block.text, MAX.sectionText, problems);
        if (fields) {
          if (fields.length > MAX.fields)
            problems.push(`${where}.fields: must have at most ${MAX.fields} items (${fields.length})`);
          fields.forEach((field, j) => {
            checkText(`${where}.fields[${j}]`, field, MAX.field, problems);
          });
        }
        if (block.accessory) checkElement(`${where}.accessory`, block.accessory as Json, problems, actionIds);
        break;
      }
      case 'context': {
        const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
        if (!elements.length || elements.length > MAX.contextElements)
          problems.push(`${where}.elements: must have 1 to ${MAX.contextElements} items (${elements.length})`);
        elements.forEach((element, j) => {
          checkElement(`${where}.elements[${j}]`, element, problems, actionIds);
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(block.elements) ? (block.elements as Json[]) : [];
        if (!elements.length || elements.length > MAX.actionsElements)
          problems.push(`${where}.elements: must have 1 to ${MAX.actionsElements} items (${elements.length})`);
        elements.forEach((element, j) => {
          checkElement(`${where}.elements[${j}]`, element, problems, actionIds);
        });
        break;
      }
      case 'divider':
        break;
      case 'input':
        if (surface !== 'view') {
          problems.push(`${where}: input blocks are only allowed in views`);
          break;
        }
        checkText(`${where}.label`, block.label, MAX.inputLabel, problems);
        if (block.hint !== undefined) checkText(`${where}.hint`, block.hint, MAX.hint, problems);
        checkInputElement(`${where}.element`, (block.element ?? {}) as Json, problems);
        break;
      default:
        problems.push(`${where}: unsupported block type ${String(block.type)}`);
    }
  });
  return problems;
}

/** A modal or home view as views.open/update/push/publish check it. */
export function viewProblems(view: unknown): string[] {
  const v = view as Json | undefined;
  if (!v || typeof v !== 'object') return ['view: missing'];
  const problems = blockProblems(v.blocks ?? [], 'view');
  if (v.type === 'modal') {
    checkText('view.title', v.title, MAX.viewTitle, problems);
    if (v.close !== undefined) checkText('view.close', v.close, MAX.viewTitle, problems);
    if (v.submit !== undefined) checkText('view.submit', v.submit, MAX.viewTitle, problems);
    const inputs = Array.isArray(v.blocks) && (v.blocks as Json[]).some((b) => b.type === 'input');
    if (inputs && v.submit === undefined) problems.push('view.submit: required when the view has input blocks');
    if (typeof v.private_metadata === 'string' && v.private_metadata.length > MAX.privateMetadata)
      problems.push('view.private_metadata: too long');
    if (typeof v.callback_id === 'string' && v.callback_id.length > MAX.callbackId)
      problems.push('view.callback_id: too long');
  } else if (v.type !== 'home') {
    problems.push(`view.type: must be modal or home, not ${String(v.type)}`);
  }
  return problems;
}
