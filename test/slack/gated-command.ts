// A slash command for tests of what the app does while answers are slow: each answer waits until
// the test lets them all go, holding an answer slot meanwhile, slower than any acknowledgement budget.
import { section, type SlashCommand } from '../../src/slack/index.js';

export function gatedCommand(): { command: SlashCommand; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    release: () => release(),
    command: {
      name: 'slowpoke',
      description: 'waits',
      usageHint: '',
      examples: [],
      handle: async (text) => {
        await gate;
        return { text: `finally: ${text}`, blocks: [section(`finally: ${text}`)] };
      },
    },
  };
}
