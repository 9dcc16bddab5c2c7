// The GraphQL that lists repositories: one page answers, for each repository, what the filters
// need and its catalog file's blob oid (and, when asked, its text) in a single query.
import type { RepositoryVisibility } from './options.js';

/** The fields read of each repository, shared by the listing and by single-repository reads. */
const REPOSITORY_FIELDS = `
  name
  url
  isArchived
  isFork
  visibility
  defaultBranchRef { name target { oid } }
  branch: ref(qualifiedName: $branchRef) @include(if: $withBranch) { name target { oid } }
  repositoryTopics(first: 20) @include(if: $withTopics) { nodes { topic { name } } }
  catalog: object(expression: $expression) @include(if: $withFile) {
    __typename
    ... on Blob { oid byteSize isTruncated text @include(if: $withText) }
  }`;

const VARIABLES =
  '$expression: String!, $withFile: Boolean!, $withText: Boolean!, $withTopics: Boolean!, $branchRef: String!, $withBranch: Boolean!';

export const LISTING_QUERY = `query CatalogListing($org: String!, $first: Int!, $after: String, ${VARIABLES}) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    repositories(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ${REPOSITORY_FIELDS} }
    }
  }
}`;

export const REPOSITORY_QUERY = `query CatalogRepository($owner: String!, $name: String!, ${VARIABLES}) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) { nameWithOwner ${REPOSITORY_FIELDS} }
}`;

export interface RawBlob {
  __typename: string;
  oid?: string;
  byteSize?: number;
  isTruncated?: boolean;
  text?: string | null;
}

export interface RawRef {
  name: string;
  target: { oid: string } | null;
}

export interface RawRepository {
  name: string;
  nameWithOwner?: string;
  url: string;
  isArchived: boolean;
  isFork: boolean;
  visibility: 'PUBLIC' | 'PRIVATE' | 'INTERNAL';
  defaultBranchRef: RawRef | null;
  branch?: RawRef | null;
  repositoryTopics?: { nodes: { topic: { name: string } }[] };
  catalog?: RawBlob | null;
}

export interface ListingAnswer {
  rateLimit: { cost: number; remaining: number; resetAt: string } | null;
  organization: {
    repositories: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: (RawRepository | null)[];
    };
  } | null;
}

export interface RepositoryAnswer {
  repository: RawRepository | null;
}

/** What a repository looked like in the listing, in the source's own terms. */
export interface ListedRepository {
  owner: string;
  name: string;
  url: string;
  isArchived: boolean;
  isFork: boolean;
  visibility: RepositoryVisibility;
  topics?: string[];
  /** The branch read: the configured one, or the default branch. Undefined: an empty repository or no such branch. */
  branch?: { name: string; commit?: string };
  defaultBranch?: string;
  /** The catalog file at the fixed catalog path: undefined when not asked, null when absent. */
  catalog?: { oid: string; byteSize: number; isTruncated: boolean; text?: string } | null;
}

export interface QueryShape {
  expression: string;
  withFile: boolean;
  withText: boolean;
  withTopics: boolean;
  branchRef: string;
  withBranch: boolean;
}

/** The variables that choose which parts of the repository fields a query asks for. */
export function queryShape(options: {
  catalogPath: string;
  branch?: string;
  glob: boolean;
  topics: boolean;
  text: boolean;
}): QueryShape {
  return {
    expression: `${options.branch ?? 'HEAD'}:${options.catalogPath}`,
    withFile: !options.glob,
    withText: options.text && !options.glob,
    withTopics: options.topics,
    branchRef: options.branch ? `refs/heads/${options.branch}` : 'refs/heads/-',
    withBranch: !!options.branch,
  };
}

export function toListedRepository(owner: string, raw: RawRepository, configuredBranch?: string): ListedRepository {
  const ref = configuredBranch ? raw.branch : raw.defaultBranchRef;
  let catalog: ListedRepository['catalog'];
  if (raw.catalog === null) catalog = null;
  else if (raw.catalog) {
    catalog =
      raw.catalog.__typename === 'Blob' && raw.catalog.oid
        ? {
            oid: raw.catalog.oid,
            byteSize: raw.catalog.byteSize ?? 0,
            isTruncated: !!raw.catalog.isTruncated,
            text: raw.catalog.text ?? undefined,
          }
        : // A directory where the catalog file should be is no catalog file.
          null;
  }
  return {
    owner: raw.nameWithOwner?.split('/')[0] ?? owner,
    name: raw.name,
    url: raw.url,
    isArchived: raw.isArchived,
    isFork: raw.isFork,
    visibility: raw.visibility.toLowerCase() as RepositoryVisibility,
    topics: raw.repositoryTopics?.nodes.map((n) => n.topic.name),
    branch: ref ? { name: ref.name, commit: ref.target?.oid } : undefined,
    defaultBranch: raw.defaultBranchRef?.name,
    catalog,
  };
}
