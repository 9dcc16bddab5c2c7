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
  }
  codeOwnersGithub: object(expression: $codeOwnersGithub) { ... on Blob { oid isTruncated text } }
  codeOwnersRoot: object(expression: $codeOwnersRoot) { ... on Blob { oid isTruncated text } }
  codeOwnersDocs: object(expression: $codeOwnersDocs) { ... on Blob { oid isTruncated text } }`;

/** Where GitHub looks for CODEOWNERS, in the order it looks (the first found is the one used). */
export const CODE_OWNERS_PATHS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

const VARIABLES =
  '$expression: String!, $codeOwnersGithub: String!, $codeOwnersRoot: String!, $codeOwnersDocs: String!, $withFile: Boolean!, $withText: Boolean!, $withTopics: Boolean!, $branchRef: String!, $withBranch: Boolean!';

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

interface RawBlob {
  __typename: string;
  oid?: string;
  byteSize?: number;
  isTruncated?: boolean;
  text?: string | null;
}

interface RawRef {
  name: string;
  target: { oid: string } | null;
}

interface RawRepository {
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
  codeOwnersGithub?: RawBlob | null;
  codeOwnersRoot?: RawBlob | null;
  codeOwnersDocs?: RawBlob | null;
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
  /** The CODEOWNERS file GitHub would use (the first of CODE_OWNERS_PATHS present), or null. */
  codeOwners?: { path: string; oid: string; text: string } | null;
}

export interface QueryShape {
  expression: string;
  codeOwnersGithub: string;
  codeOwnersRoot: string;
  codeOwnersDocs: string;
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
  const at = (path: string) => `${options.branch ?? 'HEAD'}:${path}`;
  return {
    expression: at(options.catalogPath),
    codeOwnersGithub: at(CODE_OWNERS_PATHS[0]),
    codeOwnersRoot: at(CODE_OWNERS_PATHS[1]),
    codeOwnersDocs: at(CODE_OWNERS_PATHS[2]),
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
    codeOwners: codeOwnersOf(raw),
  };
}

function codeOwnersOf(raw: RawRepository): ListedRepository['codeOwners'] {
  const blobs = [raw.codeOwnersGithub, raw.codeOwnersRoot, raw.codeOwnersDocs];
  for (let i = 0; i < blobs.length; i += 1) {
    const blob = blobs[i];
    // A truncated text (over GitHub's inline limit) is past the 3 MB GitHub itself accepts.
    if (blob?.oid && typeof blob.text === 'string' && !blob.isTruncated)
      return { path: CODE_OWNERS_PATHS[i], oid: blob.oid, text: blob.text };
  }
  return null;
}
