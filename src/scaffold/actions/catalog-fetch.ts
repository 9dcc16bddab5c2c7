// catalog:fetch: reads entities from the catalog for later steps (`steps.x.output.entity`), e.g.
// a group's GitHub team or a system's domain. A missing entity fails the step unless `optional`.
import { parseEntityRef, stringifyEntityRef } from '../../catalog/refs.js';
import { z } from 'zod';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';

export const catalogFetchAction = defineAction({
  id: 'catalog:fetch',
  description: 'Reads one entity (entityRef) or several (entityRefs) from the catalog.',
  input: z.object({
    entityRef: z.string().min(1).optional(),
    entityRefs: z.array(z.string().min(1)).optional(),
    optional: z.boolean().describe('A missing entity gives null instead of failing the step.').default(false),
    defaultKind: z.string().optional(),
    defaultNamespace: z.string().optional(),
  }),
  async run(ctx) {
    const { entityRef, entityRefs, optional } = ctx.input;
    if (!entityRef && !entityRefs) throw new ActionError('catalog:fetch needs entityRef or entityRefs');
    const catalog = ctx.services.catalog;
    if (!catalog) throw new ActionError('the catalog is not available here');
    const defaults = { defaultKind: ctx.input.defaultKind, defaultNamespace: ctx.input.defaultNamespace };
    const fetchOne = async (raw: string): Promise<unknown> => {
      let ref: string;
      try {
        ref = stringifyEntityRef(parseEntityRef(raw, defaults));
      } catch (error) {
        throw new ActionError(`"${raw}" is not an entity reference: ${(error as Error).message}`);
      }
      const entity = await catalog.entity(ref);
      if (!entity && !optional) throw new ActionError(`${ref} is not in the catalog`);
      ctx.log(entity ? `found ${ref}` : `${ref} is not in the catalog (optional)`);
      return entity ?? null;
    };
    if (entityRef) ctx.output('entity', await fetchOne(entityRef));
    if (entityRefs) {
      const entities: unknown[] = [];
      for (const raw of entityRefs) entities.push(await fetchOne(raw));
      ctx.output('entities', entities);
    }
  },
});
