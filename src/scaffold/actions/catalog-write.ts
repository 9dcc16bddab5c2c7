// catalog:write: writes an entity as YAML into the workspace (catalog-info.yaml by default).
import { dump } from 'js-yaml';
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { workspaceFilePath } from './fetch-plain-file.js';

export const catalogWriteAction = defineAction({
  id: 'catalog:write',
  description: 'Writes a catalog entity into the workspace as YAML.',
  input: z.object({
    entity: z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.record(z.string(), z.unknown()) }),
    filePath: z.string().default('catalog-info.yaml'),
  }),
  async run(ctx) {
    const path = workspaceFilePath(ctx.input.filePath, 'filePath');
    ctx.workspace.set(path, {
      content: Buffer.from(dump(ctx.input.entity, { noRefs: true }), 'utf8'),
      executable: false,
    });
    ctx.log(`wrote ${path}`);
  },
});
