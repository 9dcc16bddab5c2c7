// debug:wait: waits, as Backstage's action does, at most 30 seconds (its default ceiling); a
// dry run does not wait.
import { z } from 'zod';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';

const MAX_WAIT_MS = 30_000;

export const debugWaitAction = defineAction({
  id: 'debug:wait',
  description: 'Waits for a period of time (at most 30 seconds).',
  input: z.object({
    minutes: z.number().min(0).optional(),
    seconds: z.number().min(0).optional(),
    milliseconds: z.number().min(0).optional(),
  }),
  async run(ctx) {
    const { minutes = 0, seconds = 0, milliseconds = 0 } = ctx.input;
    const wait = minutes * 60_000 + seconds * 1000 + milliseconds;
    if (wait > MAX_WAIT_MS) throw new ActionError(`waiting ${wait / 1000} s is longer than the most, 30 s`);
    if (ctx.dryRun) {
      ctx.log(`would wait ${wait / 1000} s`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
    ctx.log(`waited ${wait / 1000} s`);
  },
});
