// The /create form's Slack helpers: plain text that fits a limit. The limits themselves are
// Slack's, declared once in src/slack/blocks.ts.
import { SLACK_LIMITS, truncate } from '../../../src/slack/blocks.js';

export { SLACK_LIMITS };

/** Cuts `text` to `max` characters, ending with an ellipsis when it was cut; never splits an emoji. */
export const clip = truncate;

export function plainText(text: string, max: number): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: clip(text || ' ', max), emoji: true };
}
