// The relations an entity states through its spec fields, in both directions, read the way
// Backstage's BuiltinKindsEntityProcessor reads them.
import { childPath } from './field-path.js';
import type { RelationField } from './kinds/index.js';
import type { EntityProblem } from './problem.js';
import { reverseRelation } from './relation-types.js';
import {
  type CompoundEntityRef,
  entityName,
  InvalidEntityRefError,
  parseEntityRef,
  stringifyEntityRef,
} from './refs.js';
import type { Entity, Relation } from './types.js';

export interface EntityRelations {
  relations: Relation[];
  problems: EntityProblem[];
}

/** The value at a dotted field path such as `spec.owner`. */
export function valueAt(entity: Entity, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      entity,
    );
}

export function entityRelations(entity: Entity, fields: readonly RelationField[]): EntityRelations {
  const self = entityName(entity);
  const source = stringifyEntityRef(self);
  const relations: Relation[] = [];
  const problems: EntityProblem[] = [];
  const seen = new Set<string>();
  const add = (relation: Relation) => {
    const key = `${relation.source} ${relation.type} ${relation.target}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push(relation);
  };

  for (const field of fields) {
    const value = valueAt(entity, field.path);
    // Backstage skips empty values (absent, '', false, 0) without complaint.
    if (!value) continue;
    const targets: unknown[] = Array.isArray(value) ? value : [value];
    targets.forEach((target, index) => {
      const path = Array.isArray(value) ? childPath(field.path, index) : field.path;
      try {
        const targetRef = stringifyEntityRef(
          parseEntityRef(target as string | CompoundEntityRef, {
            defaultKind: field.defaultKind,
            defaultNamespace: self.namespace,
          }),
        );
        add({ source, type: field.relation, target: targetRef });
        add({ source: targetRef, type: reverseRelation(field.relation), target: source });
      } catch (error) {
        if (!(error instanceof InvalidEntityRefError)) throw error;
        problems.push({ field: path, message: `${path}: ${error.message}` });
      }
    });
  }
  return { relations, problems };
}
