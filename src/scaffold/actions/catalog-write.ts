// catalog:write: writes an entity as YAML into the workspace (catalog-info.yaml by default).
import { dump } from 'js-yaml';
import { safeRepositoryPath } from '../templating/safe-path.js';
import { ActionError, type ScaffoldAction } from './action.js';

export const catalogWriteAction: ScaffoldAction = {
  id: 'catalog:write',
  description: 'Writes a catalog entity into the workspace as YAML.',
  inputSchema: {
    type: 'object',
    required: ['entity'],
    properties: {
      entity: { type: 'object', required: ['apiVersion', 'kind', 'metadata'] },
      filePath: { type: 'string' },
    },
  },
  async run(ctx) {
    const filePath =
      typeof ctx.input.filePath === 'string' ? ctx.input.filePath.replace(/^\.?\//, '') : 'catalog-info.yaml';
    const safe = safeRepositoryPath(filePath, filePath);
    if ('skip' in safe) throw new ActionError(`filePath "${filePath}" is not a file path`);
    ctx.workspace.set(safe.path, {
      content: Buffer.from(dump(ctx.input.entity, { noRefs: true }), 'utf8'),
      executable: false,
    });
    ctx.log(`wrote ${safe.path}`);
  },
};
