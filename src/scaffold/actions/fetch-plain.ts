// fetch:plain: copies files into the workspace as they are, names included.
import { renderSkeleton } from '../templating/render-skeleton.js';
import type { ScaffoldAction } from './action.js';

export const fetchPlainAction: ScaffoldAction = {
  id: 'fetch:plain',
  description: 'Copies a folder into the workspace without rendering anything.',
  inputSchema: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', minLength: 1 },
      targetPath: { type: 'string' },
    },
  },
  async run(ctx) {
    const url = ctx.input.url as string;
    const files = await ctx.services.skeletons.read(url, ctx.template);
    const summary = renderSkeleton(files, ctx.workspace, {
      values: {},
      targetPath: ctx.input.targetPath,
      plain: true,
      replace: true,
    });
    ctx.log(`copied ${summary.written.length} file${summary.written.length === 1 ? '' : 's'} from ${url}`);
  },
};
