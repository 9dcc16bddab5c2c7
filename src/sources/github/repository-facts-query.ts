// The GraphQL that reads scorecards' GitHub facts for many repositories in one query: one aliased
// `repository` per repository, each asking for the same fragment. GitHub charges a query by its
// connections (one request per parent per connection, points = requests / 100): the fragment has
// two (the default branch's rules and the open Dependabot alerts), so 50 repositories are 100
// requests, one point, and a full refresh of 1,000 repositories costs 20 points. Everything else
// (README and CODEOWNERS as tree and blob lookups, protection, check rollup, licence) is free.

/** Repositories per query: 50 × 2 connections = 100 requests = 1 point. */
export const FACTS_BATCH = 50;
/** Rules on one branch, and open alerts read per page (GitHub's page limit). */
const RULES_PAGE = 50;
const ALERTS_PAGE = 100;

/** What each repository is asked. `HEAD:` reads the default branch. */
const FRAGMENT = `fragment RepositoryFacts on Repository {
  nameWithOwner
  isArchived
  pushedAt
  licenseInfo { spdxId }
  codeowners { errors { line kind } }
  codeOwnersGithub: object(expression: "HEAD:.github/CODEOWNERS") { __typename }
  codeOwnersRoot: object(expression: "HEAD:CODEOWNERS") { __typename }
  codeOwnersDocs: object(expression: "HEAD:docs/CODEOWNERS") { __typename }
  defaultBranchRef {
    name
    branchProtectionRule { requiresApprovingReviews requiredApprovingReviewCount }
    rules(first: ${RULES_PAGE}) {
      nodes { type parameters { ... on PullRequestParameters { requiredApprovingReviewCount } } }
    }
    target {
      ... on Commit {
        statusCheckRollup { state }
        tree { entries { name type } }
      }
    }
  }
  vulnerabilityAlerts(first: ${ALERTS_PAGE}, states: [OPEN]) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { securityVulnerability { severity } }
  }
}`;

const NAME = /^[A-Za-z0-9_.-]+$/;

/** `org/repo` split, or undefined when it is not a name GitHub could have. */
export function splitRepository(repository: string): { owner: string; name: string } | undefined {
  const [owner, name, ...rest] = repository.split('/');
  if (rest.length || !owner || !name || !NAME.test(owner) || !NAME.test(name)) return undefined;
  return { owner, name };
}

/** One query for `repositories` (each `org/repo`, already checked by splitRepository), aliased r0, r1, ... */
export function factsQuery(repositories: readonly { owner: string; name: string }[]): string {
  const aliases = repositories
    .map(
      ({ owner, name }, i) =>
        `  r${i}: repository(owner: ${JSON.stringify(owner)}, name: ${JSON.stringify(name)}) { ...RepositoryFacts }`,
    )
    .join('\n');
  return `query RepositoryFacts {\n  rateLimit { cost remaining resetAt }\n${aliases}\n}\n${FRAGMENT}`;
}

/** The next page of one repository's open alerts, when it has more than a page. */
export const MORE_ALERTS_QUERY = `query MoreDependabotAlerts($owner: String!, $name: String!, $after: String!) {
  rateLimit { cost remaining resetAt }
  repository(owner: $owner, name: $name) {
    vulnerabilityAlerts(first: ${ALERTS_PAGE}, after: $after, states: [OPEN]) {
      pageInfo { hasNextPage endCursor }
      nodes { securityVulnerability { severity } }
    }
  }
}`;

export interface RawAlerts {
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: ({ securityVulnerability: { severity: string } | null } | null)[];
}

export interface RawRepositoryFacts {
  nameWithOwner: string;
  isArchived: boolean;
  pushedAt: string | null;
  licenseInfo: { spdxId: string | null } | null;
  codeowners: { errors: { line: number; kind: string }[] } | null;
  codeOwnersGithub: { __typename: string } | null;
  codeOwnersRoot: { __typename: string } | null;
  codeOwnersDocs: { __typename: string } | null;
  defaultBranchRef: {
    name: string;
    branchProtectionRule: { requiresApprovingReviews: boolean; requiredApprovingReviewCount: number | null } | null;
    rules: { nodes: ({ type: string; parameters: { requiredApprovingReviewCount?: number } | null } | null)[] } | null;
    target: {
      statusCheckRollup?: { state: string } | null;
      tree?: { entries: { name: string; type: string }[] | null };
    } | null;
  } | null;
  vulnerabilityAlerts: RawAlerts | null;
}

export interface MoreAlertsAnswer {
  repository: { vulnerabilityAlerts: RawAlerts | null } | null;
}
