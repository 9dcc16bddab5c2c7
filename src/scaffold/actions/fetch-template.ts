// fetch:template: renders a skeleton into the workspace with the step's `values`.
import { renderSkeleton } from '../skeleton/render-skeleton.js';
import type { ScaffoldAction } from './action.js';

export const fetchTemplateAction: ScaffoldAction = {
  id: 'fetch:template',
  description: 'Renders a skeleton (file names and contents are Handlebars templates) into the workspace.',
  inputSchema: {
    type: 'object',
    required: ['url'],
    properties: {
      url: { type: 'string', minLength: 1, description: 'The skeleton: a folder relative to template.yaml, or a GitHub URL.' },
      values: { type: 'object', description: 'What the skeleton sees as `values`.' },
      targetPath: { type: 'string', description: 'A folder inside the repository to render into.' },
      copyWithoutTemplating: { type: 'array', items: { type: 'string' }, description: 'Globs copied without rendering their contents.' },
    },
  },
  async run(ctx) {
    const url = ctx.input.url as string;
    const files = await ctx.services.skeletons.read(url, ctx.template);
    const summary = renderSkeleton(files, ctx.workspace, {
      values: (ctx.input.values ?? {}) as Record<string, unknown>,
      targetPath: ctx.input.targetPath,
      copyWithoutTemplating: ctx.input.copyWithoutTemplating as string[] | undefined,
    });
    ctx.log(`rendered ${summary.written.length} file${summary.written.length === 1 ? '' : 's'} from ${url}`);
    if (summary.skipped.length) ctx.log(`left out ${summary.skipped.length} file(s) whose name rendered empty`);
  },
};
