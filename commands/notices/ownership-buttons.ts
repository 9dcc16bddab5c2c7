// The buttons of "Do you still own these?": *Yes* records who confirmed (and the question's
// message is edited to say so); *Not ours* asks the platform channel to re-assign the team's
// entities, naming who pressed it, as App Home's Not ours does. The presser is answered privately.
import type { CommandAction } from '../../src/slack/index.js';
import { section } from '../../src/slack/index.js';
import { CONFIRM_OWNERSHIP, DISOWN_OWNERSHIP } from './ownership-message.js';

const reply = (text: string) => ({ text, blocks: [section(text)] });

export const ownershipButtonHandlers: CommandAction[] = [
  {
    id: CONFIRM_OWNERSHIP,
    async handle(key, ctx) {
      const outcome = await ctx.portal.notices?.answerOwnership(key, 'yes', ctx.userId);
      if (!outcome?.check) return reply('That ownership check is no longer known to Callboard.');
      if (!outcome.first) return reply(alreadyAnswered(outcome.check.answer));
      return reply(`Thanks: ${outcome.check.teamRef}'s ownership is confirmed, with your name on it.`);
    },
  },
  {
    id: DISOWN_OWNERSHIP,
    async handle(key, ctx) {
      const outcome = await ctx.portal.notices?.answerOwnership(key, 'not-ours', ctx.userId);
      if (!outcome?.check) return reply('That ownership check is no longer known to Callboard.');
      if (!outcome.first) return reply(alreadyAnswered(outcome.check.answer));
      return reply(
        outcome.platformTold
          ? 'Thanks: the platform channel has been asked to find the right owners.'
          : 'Noted. No platform channel is set (NOTICES_PLATFORM_CHANNEL), so ask your platform team to re-assign them.',
      );
    },
  },
];

function alreadyAnswered(answer: string | null): string {
  return `Someone answered this already (${answer === 'yes' ? 'confirmed' : 'not ours'}); nothing changed.`;
}
