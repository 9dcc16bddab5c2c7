// The catalog's vocabulary: Backstage's entity envelope, references, relations and
// problems. Everything here is plain data so that every layer can share it.
import type { RelationType } from './relation-types.js';

export interface EntityLink {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
}

export interface EntityMetadata {
  name: string;
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  [key: string]: unknown;
}

/** One catalog entity as written in catalog-info.yaml (after validation). */
export interface Entity {
  apiVersion: string;
  kind: string;
  metadata: EntityMetadata;
  spec?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A parsed `[kind:][namespace/]name` reference with every part filled in. */
export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * A relation between two entities, both given as canonical refs
 * (`kind:namespace/name`, lower-cased), e.g. component:default/payments ownedBy group:default/payments-team.
 */
export interface Relation {
  source: string;
  type: RelationType;
  target: string;
}

/** Something wrong with a document, in words a catalog maintainer understands. */
export interface Problem {
  /** The file the document came from (a path, or repo:path for GitHub). */
  file: string;
  /** 0-based index of the YAML document inside the file, when it concerns one document. */
  document?: number;
  /** The dotted field path, e.g. `metadata.name` or `spec.owner`. */
  field?: string;
  /** The entity ref, when the document got far enough to have one. */
  entityRef?: string;
  message: string;
}

/** Where a document came from, as the source reported it. */
export interface Origin {
  /** Path of the file within its location (repo-relative for GitHub, absolute for a folder). */
  file: string;
  /** A browsable URL for the file, when there is one. */
  url?: string;
  /** Index of the document within its file. */
  document?: number;
}

/** A valid entity with its canonical ref and the relations it declares (both directions). */
export interface CatalogEntity {
  ref: string;
  entity: Entity;
  relations: Relation[];
  origin: Origin;
}

export interface ParseResult {
  entities: CatalogEntity[];
  problems: Problem[];
}
