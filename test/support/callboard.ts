// The pieces of a Callboard as the tests put them together over a test's own store: the real
// search index and portal, and the Callboard an app is built from, without the data folder, lock
// and change listener openCallboard adds.
import type { Callboard } from '../../src/cli/open-callboard.js';
import { loadConfig, type Config } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { withFixTemplatesChecked } from '../../src/scorecards/fix-templates.js';
import { loadScorecards } from '../../src/scorecards/load-scorecards.js';
import { ScoringService } from '../../src/scorecards/scoring-service.js';
import { Portal, type PortalOptions } from '../../src/portal/index.js';
import { SearchService } from '../../src/search/index.js';
import type { CatalogStore, Stores } from '../../src/store/index.js';

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

/**
 * A Callboard as `callboard start` hands it to its Slack app, over a test's stores, search and
 * portal: the default settings with the app on a free port and `config` over them (whole
 * sections: Slack's, /create's), fresh metrics, and nothing of its own to close (the stores are
 * the caller's to close).
 */
export function testCallboard(
  parts: Pick<Callboard, 'stores' | 'search' | 'portal'> & Partial<Pick<Callboard, 'scoring'>>,
  config: Partial<Config>,
): Callboard {
  const full = { ...loadConfig({}), port: 0, ...config };
  return {
    config: full,
    scoring: scoringOver(parts.stores, full.scorecardDirs, full.scaffold.templateDirs),
    ...parts,
    metrics: new Metrics(),
    close: async () => {},
  };
}

/**
 * The scorer over a test's stores, with the scorecards of `dirs` and their fix templates checked
 * against `templateDirs` as `callboard start` checks them (not started: a test scores when it wants).
 */
export function scoringOver(stores: Stores, dirs: string[], templateDirs: readonly string[] = []): ScoringService {
  return new ScoringService({
    catalog: stores.catalog,
    store: stores.scorecards,
    loaded: templateDirs.length ? withFixTemplatesChecked(loadScorecards(dirs), templateDirs) : loadScorecards(dirs),
    logger: silentLogger,
  });
}
