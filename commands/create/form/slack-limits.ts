// Slack's Block Kit limits that a template's form must fit (api.slack.com/reference/block-kit).

export const SLACK_LIMITS = {
  blocksPerModal: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
  blockId: 255,
  inputLabel: 2000,
  hint: 2000,
  placeholder: 150,
  optionText: 75,
  optionDescription: 75,
  optionValue: 150,
  staticSelectOptions: 100,
  checkboxOptions: 10,
  radioOptions: 10,
  externalOptions: 100,
  plainTextMaxLength: 3000,
  sectionText: 3000,
  headerText: 150,
  /** views.push: the stack holds at most three views. */
  viewStackDepth: 3,
} as const;

/** Cuts `text` to `max` characters, ending with an ellipsis when it was cut. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function plainText(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: clip(text || ' ', max), emoji: true };
}
