// fetch:plain: copies files into the workspace as they are, names included.
import { z } from 'zod';
import { renderSkeleton } from '../templating/render-skeleton.js';
import { defineAction } from './define-action.js';
import { SKELETON_TOKEN_UNUSED } from './fetch-template.js';

export const fetchPlainAction = defineAction({
  id: 'fetch:plain',
  description: 'Copies a folder into the workspace without rendering anything.',
  input: z.object({
    url: z.string().min(1),
    targetPath: z.string().optional(),
    token: z.string().optional(),
  }),
  unused: { token: SKELETON_TOKEN_UNUSED },
  async run(ctx) {
    const url = ctx.input.url;
    const files = await ctx.services.skeletons.read(url, ctx.template);
    const summary = renderSkeleton(files, ctx.workspace, {
      values: {},
      targetPath: ctx.input.targetPath,
      plain: true,
      replace: true,
    });
    ctx.log(`copied ${summary.written.length} file${summary.written.length === 1 ? '' : 's'} from ${url}`);
  },
});
