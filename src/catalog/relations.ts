// The relations an entity states through its spec fields, in both directions, read the way
// Backstage's BuiltinKindsEntityProcessor reads them.
import { childPath } from './field-path.js';
import type { RelationField } from './kinds/index.js';
import type { EntityProblem } from './problem.js';
import { reverseRelation, type RelationType } from './relation-types.js';
import {
  type CompoundEntityRef,
  entityName,
  InvalidEntityRefError,
  parseEntityRef,
  stringifyEntityRef,
} from './refs.js';
import type { Entity, Relation } from './types.js';

interface EntityRelations {
  relations: Relation[];
  problems: EntityProblem[];
}

/** The value at a dotted field path such as `spec.owner`. */
function valueAt(entity: Entity, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      entity,
    );
}

/** A target one relation field names: where it is written, and its canonical ref or why it has none. */
type FieldTarget = { field: string; relation: RelationType } & (
  | { target: string; error?: undefined }
  | { target?: undefined; error: InvalidEntityRefError }
);

/**
 * Every target the relation `fields` of `entity` name, in field order, each parsed with the
 * field's default kind and the entity's own namespace. Backstage skips empty values (absent, '',
 * false, 0) without complaint, and so does this.
 */
export function relationFieldTargets(entity: Entity, fields: readonly RelationField[]): FieldTarget[] {
  const self = entityName(entity);
  const targets: FieldTarget[] = [];
  for (const field of fields) {
    const value = valueAt(entity, field.path);
    if (!value) continue;
    const named: unknown[] = Array.isArray(value) ? value : [value];
    named.forEach((target, index) => {
      const path = Array.isArray(value) ? childPath(field.path, index) : field.path;
      try {
        const ref = parseEntityRef(target as string | CompoundEntityRef, {
          defaultKind: field.defaultKind,
          defaultNamespace: self.namespace,
        });
        targets.push({ field: path, relation: field.relation, target: stringifyEntityRef(ref) });
      } catch (error) {
        if (!(error instanceof InvalidEntityRefError)) throw error;
        targets.push({ field: path, relation: field.relation, error });
      }
    });
  }
  return targets;
}

export function entityRelations(entity: Entity, fields: readonly RelationField[]): EntityRelations {
  const source = stringifyEntityRef(entityName(entity));
  const relations: Relation[] = [];
  const problems: EntityProblem[] = [];
  const seen = new Set<string>();
  const add = (relation: Relation) => {
    const key = `${relation.source} ${relation.type} ${relation.target}`;
    if (seen.has(key)) return;
    seen.add(key);
    relations.push(relation);
  };

  for (const { field, relation, target, error } of relationFieldTargets(entity, fields)) {
    if (error) {
      problems.push({ field, message: `${field}: ${error.message}` });
      continue;
    }
    add({ source, type: relation, target });
    add({ source: target, type: reverseRelation(relation), target: source });
  }
  return { relations, problems };
}
