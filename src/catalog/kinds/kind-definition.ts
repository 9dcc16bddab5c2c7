// The shape of one row in the table of kinds, and the schema pieces rows share.
import type { SchemaObject } from 'ajv';
import { RELATION_OWNED_BY, RELATION_PART_OF, type RelationType } from '../relation-types.js';

/** A spec field that names other entities, and the relation it states about them. */
export interface RelationField {
  /** Where the reference (or list of references) lives, e.g. `spec.owner`. */
  path: string;
  /** The relation from this entity to the referenced one, e.g. `ownedBy`; the reverse is implied. */
  relation: RelationType;
  /** The kind a reference without `kind:` means. The namespace always defaults to the entity's own. */
  defaultKind?: string;
}

/** What a kind (or one spec.type of it) requires of `spec`, and which spec fields are relations. */
export interface SpecDefinition {
  /** JSON Schema (draft-07) for the `spec` object. */
  schema: SchemaObject;
  relationFields: RelationField[];
}

export interface KindDefinition extends SpecDefinition {
  kind: string;
  /** The apiVersions this kind may be written in. */
  apiVersions: string[];
  description: string;
  /** Spec types with their own schema and relation fields, used instead of the default for that spec.type. */
  specTypes?: Record<string, SpecDefinition>;
}

export const nonEmptyString = { type: 'string', minLength: 1 } as const;
export const nonEmptyStringList = { type: 'array', items: nonEmptyString } as const;

export const BACKSTAGE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'];

/** A spec schema: an object with the given required fields and typed properties; others are allowed. */
export function specSchema(required: string[], properties: Record<string, SchemaObject>): SchemaObject {
  return { type: 'object', required, properties };
}

export const ownerField: RelationField = { path: 'spec.owner', relation: RELATION_OWNED_BY, defaultKind: 'Group' };
export const systemField: RelationField = { path: 'spec.system', relation: RELATION_PART_OF, defaultKind: 'System' };
