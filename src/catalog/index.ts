// The catalog core's public API: parse and validate Backstage catalog files, read references
// and relations. Pure: no I/O, no SQL, no Slack or GitHub.
export type {
  CatalogEntity,
  Entity,
  EntityLink,
  EntityMetadata,
  EntityName,
  Origin,
  ParseResult,
  Problem,
  Relation,
} from './types.js';
export {
  type CompoundEntityRef,
  DEFAULT_NAMESPACE,
  type EntityRefDefaults,
  entityName,
  entityRef,
  InvalidEntityRefError,
  parseEntityRef,
  stringifyEntityRef,
} from './refs.js';
export * from './relation-types.js';
export {
  BUILTIN_KINDS,
  type KindDefinition,
  lookupKind,
  type RelationField,
  type SpecDefinition,
} from './kinds/index.js';
export type { EntityProblem } from './problem.js';
export { type EntityValidation, validateEntity } from './validate-entity.js';
export { entityRelations } from './relations.js';
export type { PlaceholderKind, PlaceholderResolver } from './placeholders.js';
export {
  type CatalogFileParseResult,
  DEFAULT_MAX_BYTES,
  parseCatalogFile,
  parseCatalogFileSteps,
  type ParseCatalogFileOptions,
} from './parse.js';
export { type LocationTarget, locationTargets } from './location.js';
export { entityOwnerRef, type EntitySearchFields, type EntitySummaryFields, entitySummaryFields } from './summary.js';
export {
  entityRepositories,
  REPOSITORY_ANNOTATIONS,
  repositoryName,
  type RepositoryNameOptions,
} from './repository-name.js';
export { type EntityReference, entityReferences, unresolvedReferenceMessage } from './references.js';
export { type FieldLines, fieldLines } from './field-lines.js';
