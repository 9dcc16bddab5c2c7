// Columns kept beside the JSON body because queries filter or join on them.
import { entityRepositories } from '../catalog/repository-name.js';
import type { CatalogEntity } from '../catalog/types.js';

/** The owner's canonical ref, taken from the entity's own ownedBy relation. */
export function entityOwnerColumn(e: CatalogEntity): string | null {
  return e.relations.find((r) => r.source === e.ref && r.type === 'ownedBy')?.target ?? null;
}

/** The repositories the entity's annotations name, for finding it from a pasted URL. */
export function entityRepositoriesColumn(e: CatalogEntity): string[] {
  return entityRepositories(e.entity);
}
