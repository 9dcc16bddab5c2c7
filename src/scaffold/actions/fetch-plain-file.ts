// fetch:plain:file: copies one file into the workspace as it is, at `targetPath`.
import { safeRepositoryPath } from '../templating/safe-path.js';
import { ActionError, type ScaffoldAction } from './action.js';

export const fetchPlainFileAction: ScaffoldAction = {
  id: 'fetch:plain:file',
  description: 'Copies one file into the workspace without rendering it.',
  inputSchema: {
    type: 'object',
    required: ['url', 'targetPath'],
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        description: 'The file: a path relative to template.yaml, or a GitHub URL.',
      },
      targetPath: { type: 'string', minLength: 1, description: 'Where the file goes in the repository.' },
    },
  },
  async run(ctx) {
    const url = ctx.input.url as string;
    const target = safeRepositoryPath(
      (ctx.input.targetPath as string).replace(/^\.\//, ''),
      `targetPath ${ctx.input.targetPath as string}`,
    );
    if ('skip' in target) throw new ActionError(`targetPath "${ctx.input.targetPath as string}" is not a file path`);
    const file = await ctx.services.skeletons.readFile(url, ctx.template);
    ctx.workspace.set(target.path, { content: file.content, executable: file.executable });
    ctx.log(`copied ${url} to ${target.path}`);
  },
};
