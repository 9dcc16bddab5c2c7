// catalog:register through sync: the new repository's catalog file becomes the location the
// GitHub source itself uses for that repository (`github:<org>/<repo>`, same file name, URL and
// blob sha), so the next organisation sync finds it unchanged instead of a conflicting copy.
import { repositoryLocationKey } from '../../sources/github/location-keys.js';
import type { LocationSnapshot } from '../../sources/types.js';
import type { CatalogRules } from '../../catalog/catalog-rules.js';
import type { Entity } from '../../catalog/types.js';
import type { CatalogStore } from '../../store/index.js';
import { syncSnapshot } from '../../sync/index.js';
import type { CatalogRegistrar, RegistrationResult, RepositoryRegistration } from './catalog-registrar.js';

interface SyncRegistrarOptions {
  /** Browsable base of repository URLs, e.g. https://github.com. */
  webUrl: string;
  /** Told which refs changed, e.g. to refresh search at once. */
  onChanged?: (refs: string[]) => void;
  /** Which kinds the repository's catalog file may declare (default Backstage's). */
  rules?: CatalogRules;
}

export class SyncRegistrar implements CatalogRegistrar {
  constructor(
    private readonly store: CatalogStore,
    private readonly options: SyncRegistrarOptions,
  ) {}

  async entity(ref: string): Promise<Entity | undefined> {
    return (await this.store.getEntity(ref))?.entity;
  }

  async register(registration: RepositoryRegistration): Promise<RegistrationResult> {
    const key = repositoryLocationKey(registration.org, registration.repo);
    const snapshot: LocationSnapshot = {
      key,
      type: 'github',
      target: `${this.options.webUrl.replace(/\/+$/, '')}/${registration.org}/${registration.repo}`,
      status: 'ok',
      files: registration.files.map((f) => ({ path: f.path, url: f.url, sha: f.sha, status: 'read', text: f.text })),
    };
    await syncSnapshot(this.store, snapshot, { onChanged: this.options.onChanged, rules: this.options.rules });
    const state = await this.store.locationState(key);
    const problems = await this.store.listProblems({ locationKey: key });
    return {
      entityRefs: [...state.entities.keys()].sort(),
      problems: problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)),
    };
  }
}
