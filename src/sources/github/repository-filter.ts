// Which repositories of the organisation are read, by Backstage's GitHub provider's rules.
import type { RepositoryVisibility, ResolvedSourceOptions } from './options.js';

interface FilterableRepository {
  name: string;
  isArchived: boolean;
  isFork: boolean;
  visibility: RepositoryVisibility;
  /** Undefined when the listing did not ask for topics (no topic filter is set). */
  topics?: string[];
}

/** Why a repository is left out, or undefined when it is read. */
export function exclusionReason(
  repo: FilterableRepository,
  filters: ResolvedSourceOptions['filters'],
): string | undefined {
  if (filters.repository && !filters.repository.test(repo.name)) return 'name does not match the repository filter';
  if (repo.isArchived && !filters.allowArchived) return 'archived';
  if (repo.isFork && !filters.allowForks) return 'a fork';
  if (filters.visibility.length && !filters.visibility.includes(repo.visibility))
    return `${repo.visibility} visibility is filtered out`;
  const topics = repo.topics ?? [];
  const excluded = topics.find((t) => filters.topicsExclude.includes(t));
  if (excluded) return `topic ${excluded} is excluded`;
  if (filters.topicsInclude.length && !topics.some((t) => filters.topicsInclude.includes(t)))
    return 'has none of the included topics';
  return undefined;
}

export function needsTopics(filters: ResolvedSourceOptions['filters']): boolean {
  return filters.topicsInclude.length > 0 || filters.topicsExclude.length > 0;
}
