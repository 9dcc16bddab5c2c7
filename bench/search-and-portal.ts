// The search index and portal a bench area answers Slack requests through: the index built once
// over the store's rows, the portal searching it fresh, as `start` wires them.
import { Portal } from '../src/portal/index.js';
import { SearchService } from '../src/search/index.js';
import type { CatalogStore } from '../src/store/index.js';

export async function searchAndPortalOver(store: CatalogStore): Promise<{ search: SearchService; portal: Portal }> {
  const search = new SearchService(
    () => store.searchRows(),
    () => store.catalogVersion(),
  );
  await search.refresh();
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options));
  return { search, portal };
}
