// What catalog:register needs: a way to put a new repository's catalog files into the catalog
// at once, under the same location key the GitHub source will later use for that repository;
// and what catalog:fetch needs: an entity by its ref.
import type { Entity } from '../../catalog/types.js';

interface RegisteredFile {
  /** Path inside the repository, e.g. catalog-info.yaml. */
  path: string;
  text: string;
  /** The git blob sha, so that a later sync of the repository sees the file as unchanged. */
  sha: string;
  url: string;
}

export interface RepositoryRegistration {
  org: string;
  repo: string;
  branch: string;
  files: RegisteredFile[];
}

export interface RegistrationResult {
  /** Canonical refs of the entities the files declared. */
  entityRefs: string[];
  /** Problems found in the files, in words a template author understands. */
  problems: string[];
}

export interface CatalogRegistrar {
  register(registration: RepositoryRegistration): Promise<RegistrationResult>;
  /** An entity of the catalog by its canonical ref (catalog:fetch). */
  entity(ref: string): Promise<Entity | undefined>;
}
