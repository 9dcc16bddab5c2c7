// One YAML document of a catalog file: envelope, placeholders, validation, relations.
import { checkEnvelope } from './envelope.js';
import { type PlaceholderContext, substitutePlaceholders } from './placeholders.js';
import type { EntityProblem } from './problem.js';
import { stringifyEntityRef } from './refs.js';
import { unstorableTextProblem } from './storable-text.js';
import type { Entity, Relation } from './types.js';
import { validateEntity } from './validate-entity.js';

interface DocumentReading {
  entity?: Entity;
  ref?: string;
  relations: Relation[];
  problems: EntityProblem[];
}

export function readEntityDocument(document: unknown, context: PlaceholderContext): DocumentReading {
  // As in Backstage, the envelope is checked before placeholders are substituted: a
  // placeholder cannot stand in for the kind, the name or the metadata as a whole.
  const envelopeProblems = checkEnvelope(document);
  if (envelopeProblems.length) return { relations: [], problems: envelopeProblems };
  const ref = stringifyEntityRef(document as Entity);
  const substituted = substitutePlaceholders(document, context);
  if (substituted.problems.length) return { ref, relations: [], problems: substituted.problems };
  // Written in the file or read through a placeholder alike: the entity is refused, not its location.
  const unstorable = unstorableTextProblem(substituted.value);
  if (unstorable) return { ref, relations: [], problems: [unstorable] };
  return validateEntity(substituted.value);
}
