// fetch:template: renders a skeleton into the workspace with the step's `values`, in the
// template's skeleton syntax (Backstage's nunjucks dialect unless it opted into Handlebars).
import { z } from 'zod';
import { renderSkeleton } from '../templating/render-skeleton.js';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';

const globs = z.array(z.string());

/** Read through Callboard's own GitHub connection, whatever token the step names. */
export const SKELETON_TOKEN_UNUSED = "skeletons are read through Callboard's GitHub connection";

/** The nunjucks options and the token both template fetchers accept, as Backstage's do. */
export const renderingOptionInputs = {
  cookiecutterCompat: z.boolean().optional(),
  trimBlocks: z.boolean().optional(),
  lstripBlocks: z.boolean().optional(),
  token: z.string().optional(),
};

/** trimBlocks and lstripBlocks change every rendered file: rendering without them would not be what Backstage gives. */
export function refuseBlockOptions(input: { trimBlocks?: boolean; lstripBlocks?: boolean }): void {
  for (const option of ['trimBlocks', 'lstripBlocks'] as const) {
    if (input[option]) throw new ActionError(`${option}: true is not supported; render without it`);
  }
}

export const fetchTemplateAction = defineAction({
  id: 'fetch:template',
  description: 'Renders a skeleton (file names and contents are templates) into the workspace.',
  input: z.object({
    url: z.string().min(1).describe('The skeleton: a folder relative to template.yaml, or a GitHub URL.'),
    values: z.record(z.string(), z.unknown()).describe('What the skeleton sees as `values`.').default({}),
    targetPath: z.string().describe('A folder inside the repository to render into.').optional(),
    copyWithoutTemplating: globs
      .describe('Globs whose contents are copied without rendering (names still render).')
      .optional(),
    copyWithoutRender: globs.describe('Globs copied as they are, names included.').optional(),
    templateFileExtension: z
      .union([z.string().regex(/^\.[^/]+$/), z.boolean()])
      .describe('Only files with this extension (true: .njk) are rendered, and lose it.')
      .optional(),
    replace: z.boolean().describe('Overwrite files already in the workspace.').default(false),
    ...renderingOptionInputs,
  }),
  unused: { token: SKELETON_TOKEN_UNUSED },
  async run(ctx) {
    refuseBlockOptions(ctx.input);
    const url = ctx.input.url;
    const files = await ctx.services.skeletons.read(url, ctx.template);
    const summary = renderSkeleton(files, ctx.workspace, {
      values: ctx.input.values,
      syntax: ctx.template.skeletonSyntax,
      targetPath: ctx.input.targetPath,
      copyWithoutTemplating: ctx.input.copyWithoutTemplating,
      copyWithoutRender: ctx.input.copyWithoutRender,
      templateFileExtension: ctx.input.templateFileExtension,
      replace: ctx.input.replace,
    });
    ctx.log(`rendered ${summary.written.length} file${summary.written.length === 1 ? '' : 's'} from ${url}`);
    if (summary.skipped.length) ctx.log(`left out ${summary.skipped.length} file(s) whose name rendered empty`);
    if (summary.kept.length)
      ctx.log(`kept ${summary.kept.length} file(s) already there (set replace: true to overwrite)`);
  },
});
