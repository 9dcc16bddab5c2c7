// The GitHub source, which only reads GitHub: connection, discovery of an organisation's catalog
// files, teams and people. The runner that keeps the catalog in step lives in src/sync/github.
export { createGitHubConnection, type GitHubConnection, type GitHubConnectionOptions } from './connection.js';
export { ApiCounters, emptyUsage, type ApiUsage } from './api-counters.js';
export { GitHubSource, type DiscoveryReport, type DiscoverOptions, type KnownFiles } from './github-source.js';
export type { GitHubSourceOptions, RepositoryFilters, PagingOptions, RepositoryVisibility } from './options.js';
export { organisationLocationKey, repositoryKeyPrefix, repositoryLocationKey } from './location-keys.js';
export { readRepositoryFacts, type RepositoryFacts, type RepositoryFactsRead } from './repository-facts-reader.js';
export { FACT_EVENTS, planFactsRefresh, type FactsPlan } from './facts-events.js';
