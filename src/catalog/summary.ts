// The few facts about an entity that lists, links and indexes need.
import { isPlainObject } from './formats.js';
import { entityName, InvalidEntityRefError, parseEntityRef, stringifyEntityRef } from './refs.js';
import type { Entity } from './types.js';

export interface EntitySummaryFields {
  ref: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  description?: string;
  /** spec.type, e.g. service, website, openapi, team. */
  type?: string;
  /** spec.lifecycle, e.g. production, experimental, deprecated. */
  lifecycle?: string;
}

/** What search indexes about an entity, beside its summary. */
export interface EntitySearchFields extends EntitySummaryFields {
  tags: string[];
  /** The owner's canonical ref. */
  owner?: string;
  /** spec.system as written. */
  system?: string;
}

function specString(entity: Entity, key: string): string | undefined {
  const value = isPlainObject(entity.spec) ? entity.spec[key] : undefined;
  return typeof value === 'string' && value ? value : undefined;
}

/** The canonical ref of spec.owner (a Group unless it says otherwise, in the entity's namespace). */
export function entityOwnerRef(entity: Entity): string | undefined {
  const owner = specString(entity, 'owner');
  if (!owner) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: entityName(entity).namespace }),
    );
  } catch (error) {
    if (error instanceof InvalidEntityRefError) return undefined;
    throw error;
  }
}

export function entitySummaryFields(entity: Entity): EntitySummaryFields {
  const { kind, namespace, name } = entityName(entity);
  const summary: EntitySummaryFields = { ref: stringifyEntityRef(entity), kind, namespace, name };
  if (typeof entity.metadata.title === 'string') summary.title = entity.metadata.title;
  if (typeof entity.metadata.description === 'string') summary.description = entity.metadata.description;
  const type = specString(entity, 'type');
  if (type) summary.type = type;
  const lifecycle = specString(entity, 'lifecycle');
  if (lifecycle) summary.lifecycle = lifecycle;
  return summary;
}
