// fs:rename: moves files and folders inside the workspace. As in Backstage, an existing
// destination is an error unless `overwrite`, and a missing source is an error.
import { z } from 'zod';
import { safeTargetFolder } from '../templating/safe-path.js';
import type { WorkspaceFile } from '../types.js';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';

export const fsRenameAction = defineAction({
  id: 'fs:rename',
  description: 'Renames files and folders in the workspace.',
  input: z.object({
    files: z.array(z.object({ from: z.string().min(1), to: z.string().min(1), overwrite: z.boolean().default(false) })),
  }),
  async run(ctx) {
    for (const { from, to, overwrite } of ctx.input.files) {
      const source = safeTargetFolder(from);
      const destination = safeTargetFolder(to);
      if (!source || !destination)
        throw new ActionError(`cannot rename "${from}" to "${to}": a path inside the workspace is needed`);
      const moving = new Map<string, WorkspaceFile>();
      for (const [path, file] of ctx.workspace) {
        if (path === source) moving.set(destination, file);
        else if (path.startsWith(`${source}/`)) moving.set(`${destination}${path.slice(source.length)}`, file);
      }
      if (!moving.size)
        throw new ActionError(`cannot rename "${from}": there is no such file or folder in the workspace`);
      const taken = [...ctx.workspace.keys()].some((p) => p === destination || p.startsWith(`${destination}/`));
      if (taken && !overwrite)
        throw new ActionError(`cannot rename "${from}" to "${to}": "${to}" exists (set overwrite: true)`);
      for (const path of [...ctx.workspace.keys()]) {
        if (path === source || path.startsWith(`${source}/`)) ctx.workspace.delete(path);
        else if (overwrite && (path === destination || path.startsWith(`${destination}/`))) ctx.workspace.delete(path);
      }
      for (const [path, file] of moving) ctx.workspace.set(path, file);
      ctx.log(`renamed ${source} to ${destination}`);
    }
  },
});
