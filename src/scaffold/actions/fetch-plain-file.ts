// fetch:plain:file: copies one file into the workspace as it is, at `targetPath`.
import { z } from 'zod';
import { safeRepositoryPath } from '../templating/safe-path.js';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';
import { SKELETON_TOKEN_UNUSED } from './fetch-template.js';

/** A workspace path from a step's targetPath, refused when it is not a file inside the workspace. */
export function workspaceFilePath(targetPath: string, input = 'targetPath'): string {
  const target = safeRepositoryPath(targetPath.replace(/^\.\//, ''), `${input} ${targetPath}`);
  if ('skip' in target) throw new ActionError(`${input} "${targetPath}" is not a file path`);
  return target.path;
}

export const fetchPlainFileAction = defineAction({
  id: 'fetch:plain:file',
  description: 'Copies one file into the workspace without rendering it.',
  input: z.object({
    url: z.string().min(1).describe('The file: a path relative to template.yaml, or a GitHub URL.'),
    targetPath: z.string().min(1).describe('Where the file goes in the repository.'),
    token: z.string().optional(),
  }),
  unused: { token: SKELETON_TOKEN_UNUSED },
  async run(ctx) {
    const path = workspaceFilePath(ctx.input.targetPath);
    const file = await ctx.services.skeletons.readFile(ctx.input.url, ctx.template);
    ctx.workspace.set(path, { content: file.content, executable: file.executable });
    ctx.log(`copied ${ctx.input.url} to ${path}`);
  },
});
