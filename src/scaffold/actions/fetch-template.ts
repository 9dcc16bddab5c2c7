// fetch:template: renders a skeleton into the workspace with the step's `values`, in the
// template's skeleton syntax (Backstage's nunjucks dialect unless it opted into Handlebars).
import { renderSkeleton } from '../templating/render-skeleton.js';
import type { ScaffoldAction } from './action.js';

const globList = { type: 'array', items: { type: 'string' } };

export const fetchTemplateAction: ScaffoldAction = {
  id: 'fetch:template',
  description: 'Renders a skeleton (file names and contents are templates) into the workspace.',
  inputSchema: {
    type: 'object',
    required: ['url'],
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        description: 'The skeleton: a folder relative to template.yaml, or a GitHub URL.',
      },
      values: { type: 'object', description: 'What the skeleton sees as `values`.' },
      targetPath: { type: 'string', description: 'A folder inside the repository to render into.' },
      copyWithoutTemplating: {
        ...globList,
        description: 'Globs whose contents are copied without rendering (names still render).',
      },
      copyWithoutRender: { ...globList, description: 'Globs copied as they are, names included.' },
      templateFileExtension: {
        anyOf: [{ type: 'string', pattern: '^\\.[^/]+$' }, { type: 'boolean' }],
        description: 'Only files with this extension (true: .njk) are rendered, and lose it.',
      },
      replace: { type: 'boolean', description: 'Overwrite files already in the workspace.' },
    },
  },
  async run(ctx) {
    const url = ctx.input.url as string;
    const files = await ctx.services.skeletons.read(url, ctx.template);
    const summary = renderSkeleton(files, ctx.workspace, {
      values: (ctx.input.values ?? {}) as Record<string, unknown>,
      syntax: ctx.template.skeletonSyntax,
      targetPath: ctx.input.targetPath,
      copyWithoutTemplating: ctx.input.copyWithoutTemplating as string[] | undefined,
      copyWithoutRender: ctx.input.copyWithoutRender as string[] | undefined,
      templateFileExtension: ctx.input.templateFileExtension as string | boolean | undefined,
      replace: ctx.input.replace === true,
    });
    ctx.log(`rendered ${summary.written.length} file${summary.written.length === 1 ? '' : 's'} from ${url}`);
    if (summary.skipped.length) ctx.log(`left out ${summary.skipped.length} file(s) whose name rendered empty`);
    if (summary.kept.length)
      ctx.log(`kept ${summary.kept.length} file(s) already there (set replace: true to overwrite)`);
  },
};
