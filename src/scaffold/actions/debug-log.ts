// debug:log: writes a message (and optionally the workspace's file list) to the step's log.
import type { ScaffoldAction } from './action.js';

export const debugLogAction: ScaffoldAction = {
  id: 'debug:log',
  description: 'Writes a message to the task log.',
  inputSchema: {
    type: 'object',
    properties: {
      message: { type: 'string' },
      listWorkspace: { type: 'boolean' },
    },
  },
  async run(ctx) {
    if (typeof ctx.input.message === 'string' && ctx.input.message.trim()) ctx.log(ctx.input.message.trim());
    if (ctx.input.listWorkspace) {
      for (const path of [...ctx.workspace.keys()].sort()) ctx.log(path);
    }
  },
};
