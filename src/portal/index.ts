export { Portal } from './portal.js';
export type { EntitySearch, SearchHitLike, PortalOptions } from './portal.js';
export { docLinks, repositoryUrl } from './doc-links.js';
export { teamContact, summarize } from './summaries.js';
export type * from './types.js';
