// Everything Backstage checks before it accepts an entity, in its order: the envelope, the
// shape common to all entities, field formats, the kind's own spec schema, and the references
// in relation fields.
import { appendAll } from '../append.js';
import { checkEntityShape } from './entity-shape.js';
import { checkEnvelope } from './envelope.js';
import { checkFieldFormats } from './field-formats.js';
import type { EntityProblem } from './problem.js';
import { DEFAULT_NAMESPACE, stringifyEntityRef } from './refs.js';
import { entityRelations } from './relations.js';
import { checkSpec } from './spec-check.js';
import type { Entity, Relation } from './types.js';

export interface EntityValidation {
  /** The entity with its namespace filled in; present only when there are no problems. */
  entity?: Entity;
  /** The canonical ref, as soon as the envelope allows one. */
  ref?: string;
  relations: Relation[];
  problems: EntityProblem[];
}

/** Validates one parsed document (placeholders already substituted). */
export function validateEntity(data: unknown): EntityValidation {
  const envelopeProblems = checkEnvelope(data);
  if (envelopeProblems.length) return { relations: [], problems: envelopeProblems };
  const document = data as Entity;
  const entity: Entity = {
    ...document,
    metadata: { ...document.metadata, namespace: document.metadata.namespace || DEFAULT_NAMESPACE },
  };
  const ref = stringifyEntityRef(entity);
  const problems = [...checkEntityShape(entity), ...checkFieldFormats(entity)];
  // A malformed kind or apiVersion is reported as such, not again as one the catalog does not know.
  if (problems.some((p) => p.field === 'kind' || p.field === 'apiVersion')) return { ref, relations: [], problems };
  const spec = checkSpec(entity.kind, entity.apiVersion, entity.spec);
  appendAll(problems, spec.problems);
  // Relations are read only from a spec that passed its schema, so a field is reported once.
  if (!spec.spec || spec.problems.length) return { ref, relations: [], problems };
  const { relations, problems: refProblems } = entityRelations(entity, spec.spec.relationFields);
  appendAll(problems, refProblems);
  if (problems.length) return { ref, relations: [], problems };
  return { entity, ref, relations, problems };
}
