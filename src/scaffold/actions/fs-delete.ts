// fs:delete: removes files and folders from the workspace; each entry is a path or a glob, as in
// Backstage (a folder's path removes everything under it).
import picomatch from 'picomatch';
import { z } from 'zod';
import { safeTargetFolder } from '../templating/safe-path.js';
import { defineAction } from './define-action.js';

export const fsDeleteAction = defineAction({
  id: 'fs:delete',
  description: 'Deletes files and folders from the workspace.',
  input: z.object({
    files: z.array(z.string().min(1)).describe('Paths or globs inside the workspace'),
  }),
  async run(ctx) {
    for (const entry of ctx.input.files) {
      const folder = safeTargetFolder(entry);
      const matches = picomatch(entry.replace(/^\.\//, ''), { dot: true });
      const removed = [...ctx.workspace.keys()].filter(
        (path) => path === folder || path.startsWith(`${folder}/`) || matches(path),
      );
      for (const path of removed) ctx.workspace.delete(path);
      ctx.log(removed.length ? `deleted ${removed.length} file(s) for ${entry}` : `nothing matches ${entry}`);
    }
  },
});
