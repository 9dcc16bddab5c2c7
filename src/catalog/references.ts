// The references an entity makes through its relation fields, each with the field that makes it,
// so that one the catalog cannot resolve is reported where its author wrote it (`spec.owner`).
import { childPath } from './field-path.js';
import { lookupKind } from './kinds/index.js';
import {
  type CompoundEntityRef,
  entityName,
  InvalidEntityRefError,
  parseEntityRef,
  stringifyEntityRef,
} from './refs.js';
import { valueAt } from './relations.js';
import type { Entity } from './types.js';

export interface EntityReference {
  /** Where the reference is written, e.g. `spec.owner` or `spec.dependsOn[1]`. */
  field: string;
  /** The relation it states, e.g. `ownedBy`. */
  relation: string;
  /** The canonical ref it points at. */
  target: string;
}

/** Every well-formed reference of a valid entity (malformed ones are validation problems already). */
export function entityReferences(entity: Entity): EntityReference[] {
  const lookup = lookupKind(entity.kind, entity.apiVersion, entity.spec?.type);
  if (lookup.found !== 'kind') return [];
  const self = entityName(entity);
  const references: EntityReference[] = [];
  for (const field of lookup.spec.relationFields) {
    const value = valueAt(entity, field.path);
    if (!value) continue;
    const targets: unknown[] = Array.isArray(value) ? value : [value];
    targets.forEach((target, index) => {
      try {
        const ref = parseEntityRef(target as string | CompoundEntityRef, {
          defaultKind: field.defaultKind,
          defaultNamespace: self.namespace,
        });
        references.push({
          field: Array.isArray(value) ? childPath(field.path, index) : field.path,
          relation: field.relation,
          target: stringifyEntityRef(ref),
        });
      } catch (error) {
        if (!(error instanceof InvalidEntityRefError)) throw error;
      }
    });
  }
  return references;
}

/** What a reference the catalog cannot resolve is reported as. */
export function unresolvedReferenceMessage(reference: EntityReference, where: string): string {
  return `${reference.field} names ${reference.target}, which is not in ${where}`;
}
