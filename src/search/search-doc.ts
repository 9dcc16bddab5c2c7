// Turns a catalog entity into the fields search indexes, the same fields the store reads from its rows.
import { entityOwnerRef, entitySummaryFields, type Entity } from '../catalog/index.js';
import type { SearchDoc } from './types.js';

export function searchDocFromEntity(entity: Entity): SearchDoc {
  const summary = entitySummaryFields(entity);
  const system = entity.spec?.system;
  const tags = entity.metadata.tags;
  return {
    ...summary,
    tags: Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [],
    owner: entityOwnerRef(entity),
    system: typeof system === 'string' && system ? system : undefined,
  };
}
