// The references an entity makes through its relation fields, each with the field that makes it,
// so that one the catalog cannot resolve is reported where its author wrote it (`spec.owner`).
import { lookupKind } from './kinds/index.js';
import { relationFieldTargets } from './relations.js';
import type { RelationType } from './relation-types.js';
import type { Entity } from './types.js';

export interface EntityReference {
  /** Where the reference is written, e.g. `spec.owner` or `spec.dependsOn[1]`. */
  field: string;
  /** The relation it states, e.g. `ownedBy`. */
  relation: RelationType;
  /** The canonical ref it points at. */
  target: string;
}

/** Every well-formed reference of a valid entity (malformed ones are validation problems already). */
export function entityReferences(entity: Entity): EntityReference[] {
  const lookup = lookupKind(entity.kind, entity.apiVersion, entity.spec?.type);
  if (lookup.found !== 'kind') return [];
  const references: EntityReference[] = [];
  for (const { field, relation, target } of relationFieldTargets(entity, lookup.spec.relationFields)) {
    if (target !== undefined) references.push({ field, relation, target });
  }
  return references;
}

/** What a reference the catalog cannot resolve is reported as. */
export function unresolvedReferenceMessage(reference: EntityReference, where: string): string {
  return `${reference.field} names ${reference.target}, which is not in ${where}`;
}
