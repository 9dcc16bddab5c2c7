import { createHash } from 'node:crypto';
import type { CatalogEntity } from '../catalog/types.js';

/** Changes when anything stored for the entity would change: its body, relations or file. */
export function entityHash(e: CatalogEntity): string {
  return createHash('sha256')
    .update(JSON.stringify([e.entity, e.relations, e.origin.file, e.origin.url ?? null]))
    .digest('base64url');
}
