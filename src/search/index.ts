export { CatalogSearchIndex } from './catalog-search-index.js';
export { searchDocFromEntity } from './search-doc.js';
export { SearchService } from './search-service.js';
export type { CatalogChangeFeed, SearchServiceOptions } from './search-service.js';
export { LayeredSearchIndex } from './layered-index.js';
export type { SearchDoc, SearchHit, SearchMatch, SearchOptions } from './types.js';
