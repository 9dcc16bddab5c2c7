// What an operator can tell the GitHub source: Backstage's GitHub provider's filters and
// catalog path, plus how hard to lean on the API while listing.

export type RepositoryVisibility = 'public' | 'private' | 'internal';

export interface RepositoryFilters {
  /** Only repositories whose whole name matches this regular expression. */
  repository?: RegExp | string;
  /** Only repositories with at least one of these topics. */
  topicsInclude?: string[];
  /** Repositories with any of these topics are left out (wins over include). */
  topicsExclude?: string[];
  /** Forks are included unless this is false (Backstage's default: true). */
  allowForks?: boolean;
  /** Archived repositories are left out unless this is true (Backstage's default: false). */
  allowArchived?: boolean;
  /** Only repositories of these visibilities (default: all). */
  visibility?: RepositoryVisibility[];
}

export interface PagingOptions {
  /** Repositories per listing page to start with (GitHub's maximum, 100). */
  initial?: number;
  min?: number;
  max?: number;
  /** A page that takes longer than this halves the next page size (default 8 s). */
  slowMs?: number;
  /** A listing request still unanswered after this long is abandoned and retried smaller (default 20 s). */
  timeoutMs?: number;
  /** Attempts per page before the listing gives up (rate limits do not count: they wait). */
  attempts?: number;
  /** Delay before a page is retried, times the attempt number (default 1 s). */
  backoffMs?: number;
}

export interface GitHubSourceOptions {
  org: string;
  /**
   * Where catalog files live in each repository (Backstage: `catalogPath`): a path such as
   * `catalog-info.yaml` or a glob such as `**\/catalog-info.yaml`. Default `catalog-info.yaml`.
   */
  catalogPath?: string;
  /** Read this branch; repositories without it are left out. Default: each one's default branch. */
  branch?: string;
  filters?: RepositoryFilters;
  paging?: PagingOptions;
  /** Catalog files fetched per GraphQL query when only some of a page changed (default 50). */
  filesPerQuery?: number;
  /** How deep Location entities are followed (default 5). */
  maxLocationDepth?: number;
}

export interface ResolvedSourceOptions {
  org: string;
  catalogPath: string;
  branch?: string;
  filters: Required<Omit<RepositoryFilters, 'repository'>> & { repository?: RegExp };
  paging: Required<PagingOptions>;
  filesPerQuery: number;
  maxLocationDepth: number;
}

export function resolveSourceOptions(options: GitHubSourceOptions): ResolvedSourceOptions {
  const filters = options.filters ?? {};
  let repository: RegExp | undefined;
  if (filters.repository instanceof RegExp) repository = filters.repository;
  else if (filters.repository) {
    try {
      repository = new RegExp(`^(?:${filters.repository})$`);
    } catch {
      throw new Error(`the GitHub repository filter "${filters.repository}" is not a valid regular expression`);
    }
  }
  const paging = options.paging ?? {};
  const max = Math.min(100, paging.max ?? 100);
  const min = Math.max(1, Math.min(paging.min ?? 10, max));
  return {
    org: options.org,
    catalogPath: (options.catalogPath ?? 'catalog-info.yaml').replace(/^\/+/, ''),
    branch: options.branch,
    filters: {
      repository,
      topicsInclude: filters.topicsInclude ?? [],
      topicsExclude: filters.topicsExclude ?? [],
      allowForks: filters.allowForks ?? true,
      allowArchived: filters.allowArchived ?? false,
      visibility: filters.visibility ?? [],
    },
    paging: {
      initial: Math.max(min, Math.min(max, paging.initial ?? max)),
      min,
      max,
      slowMs: paging.slowMs ?? 8_000,
      timeoutMs: paging.timeoutMs ?? 20_000,
      attempts: paging.attempts ?? 8,
      backoffMs: paging.backoffMs ?? 1_000,
    },
    filesPerQuery: Math.max(1, Math.min(100, options.filesPerQuery ?? 50)),
    maxLocationDepth: options.maxLocationDepth ?? 5,
  };
}
