// The pieces of a Callboard as the tests put them together over a test's own store: the real
// search index and portal, without the data folder, lock and change listener openCallboard adds.
import { Portal, type PortalOptions } from '../../src/portal/index.js';
import { SearchService } from '../../src/search/index.js';
import type { CatalogStore } from '../../src/store/index.js';

export interface SearchAndPortal {
  search: SearchService;
  portal: Portal;
}

/**
 * The real search index over `store` and the portal over both. The portal brings the index up to
 * the catalog's version before every query, so an answer always sees what the test stored; the
 * index is empty until the first query (or a `search.refresh()`).
 */
export function searchAndPortal(store: CatalogStore, options?: PortalOptions): SearchAndPortal {
  const search = new SearchService(
    () => store.searchRows(),
    () => store.catalogVersion(),
  );
  const portal = new Portal(
    store,
    async (query, o) => {
      await search.ensureFresh();
      return search.search(query, o);
    },
    options,
  );
  return { search, portal };
}
