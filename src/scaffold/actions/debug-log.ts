// debug:log: writes a message (and optionally the workspace's files) to the step's log.
import { z } from 'zod';
import { defineAction } from './define-action.js';

export const debugLogAction = defineAction({
  id: 'debug:log',
  description: 'Writes a message to the task log.',
  input: z.object({
    message: z.string().optional(),
    // Backstage: true or 'with-filenames' lists the files, 'with-contents' shows each one too.
    listWorkspace: z.union([z.boolean(), z.enum(['with-filenames', 'with-contents'])]).optional(),
    extra: z.unknown().optional(),
  }),
  unused: { extra: 'Backstage writes it to its server log only; Callboard shows nothing of it' },
  async run(ctx) {
    if (ctx.input.message?.trim()) ctx.log(ctx.input.message.trim());
    if (!ctx.input.listWorkspace) return;
    for (const path of [...ctx.workspace.keys()].sort()) {
      ctx.log(path);
      if (ctx.input.listWorkspace === 'with-contents') ctx.log(ctx.workspace.get(path)!.content.toString('utf8'));
    }
  },
});
