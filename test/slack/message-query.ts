// Reading Slack messages in tests the way a person reads them: the text shown, and the buttons.
import { renderText } from '../../src/slack/index.js';
import { blockProblems } from '../support/slack-block-rules.js';

export interface ShownButton {
  label: string;
  action_id: string;
  value?: string;
}

type Json = Record<string, unknown>;

export function buttonsOf(message: Json | undefined): ShownButton[] {
  const found: ShownButton[] = [];
  const consider = (element: Json | undefined) => {
    if (element?.type === 'button') {
      found.push({
        label: String((element.text as Json).text),
        action_id: String(element.action_id),
        value: element.value as string | undefined,
      });
    }
  };
  for (const block of (message?.blocks ?? []) as Json[]) {
    consider(block.accessory as Json | undefined);
    for (const element of (block.elements ?? []) as Json[]) consider(element);
  }
  return found;
}

export function button(message: Json | undefined, label: string | RegExp): ShownButton {
  const all = buttonsOf(message);
  const match = all.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)));
  if (!match) throw new Error(`no button ${String(label)} among: ${all.map((b) => b.label).join(', ')}`);
  return match;
}

/** The message as Slack shows it, after checking Slack would accept it at all. */
export function shown(message: Json | undefined): string {
  if (!message) throw new Error('no message');
  const problems = blockProblems(message.blocks, 'message');
  if (problems.length) throw new Error(`Slack would refuse this message: ${problems.join('; ')}`);
  return renderText(message as Parameters<typeof renderText>[0]);
}
