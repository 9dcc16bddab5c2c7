// fetch:template:file: renders one file's contents (not its name) with the step's values and puts
// it in the workspace at targetPath, as Backstage's action does.
import { z } from 'zod';
import { renderSkeletonFileText, isText } from '../templating/render-skeleton.js';
import { defineAction } from './define-action.js';
import { workspaceFilePath } from './fetch-plain-file.js';
import { refuseBlockOptions, renderingOptionInputs, SKELETON_TOKEN_UNUSED } from './fetch-template.js';

export const fetchTemplateFileAction = defineAction({
  id: 'fetch:template:file',
  description: 'Renders one file with the values and puts it in the workspace.',
  input: z.object({
    url: z.string().min(1).describe('The file: a path relative to template.yaml, or a GitHub URL.'),
    targetPath: z.string().min(1).describe('Where the file goes in the repository.'),
    values: z.record(z.string(), z.unknown()).default({}),
    replace: z.boolean().describe('Overwrite a file already in the workspace.').default(false),
    ...renderingOptionInputs,
  }),
  unused: { token: SKELETON_TOKEN_UNUSED },
  async run(ctx) {
    refuseBlockOptions(ctx.input);
    const path = workspaceFilePath(ctx.input.targetPath);
    if (ctx.workspace.has(path) && !ctx.input.replace) {
      ctx.log(`kept ${path}, already there (set replace: true to overwrite)`);
      return;
    }
    const file = await ctx.services.skeletons.readFile(ctx.input.url, ctx.template);
    const content = isText(file.content)
      ? Buffer.from(
          renderSkeletonFileText(
            file.content.toString('utf8'),
            { values: ctx.input.values, syntax: ctx.template.skeletonSyntax },
            `the file ${ctx.input.url}`,
          ),
          'utf8',
        )
      : file.content;
    ctx.workspace.set(path, { content, executable: file.executable });
    ctx.log(`rendered ${ctx.input.url} to ${path}`);
  },
});
