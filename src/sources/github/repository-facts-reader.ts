// Reads scorecards' GitHub facts for a list of repositories, 50 to a query (one rate-limit point
// each), a few queries at a time. GitHub answers a query in parts: a repository it does not know
// is gone (NOT_FOUND on its alias), and a part the token may not read (Dependabot alerts without
// that permission, protection without admin) comes back null with an error on its path, so that
// fact alone is unknown rather than wrongly false.
import type { GitHubConnection, GraphQLAnswer } from './connection.js';
import {
  FACTS_BATCH,
  factsQuery,
  MORE_ALERTS_QUERY,
  splitRepository,
  type MoreAlertsAnswer,
  type RawAlerts,
  type RawRepositoryFacts,
} from './repository-facts-query.js';
import { describeError } from './repository-listing.js';
import type { RepositoryFacts } from '../../github-records.js';

export type { RepositoryFacts };

export interface RepositoryFactsRead {
  facts: RepositoryFacts[];
  /** Repositories GitHub says do not exist (or the credentials cannot see). */
  gone: string[];
  /** Repositories whose query failed: what is stored for them stays. */
  failed: string[];
  /** Rate-limit points GitHub charged. */
  points: number;
  queries: number;
  /** Why queries failed, each reason once. */
  errors: string[];
}

/** Queries in flight at once (the connection allows 4 GraphQL requests together). */
const CONCURRENCY = 4;
/** A repository never holds more alerts than this many pages' worth of follow-up reads. */
const MAX_ALERT_PAGES = 20;

export async function readRepositoryFacts(
  connection: GitHubConnection,
  repositories: readonly string[],
): Promise<RepositoryFactsRead> {
  const read: RepositoryFactsRead = { facts: [], gone: [], failed: [], points: 0, queries: 0, errors: [] };
  const valid: { key: string; owner: string; name: string }[] = [];
  for (const repository of new Set(repositories.map((r) => r.toLowerCase()))) {
    const parts = splitRepository(repository);
    // Not a name GitHub could have: nothing to ask, nothing known.
    if (parts) valid.push({ key: repository, ...parts });
  }
  const batches: (typeof valid)[] = [];
  for (let i = 0; i < valid.length; i += FACTS_BATCH) batches.push(valid.slice(i, i + FACTS_BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      await readBatch(connection, batch, read);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, batches.length) }, worker));
  read.errors = [...new Set(read.errors)];
  return read;
}

async function readBatch(
  connection: GitHubConnection,
  batch: { key: string; owner: string; name: string }[],
  read: RepositoryFactsRead,
): Promise<void> {
  let answer: GraphQLAnswer<Record<string, unknown>>;
  try {
    answer = await connection.graphql<Record<string, unknown>>(factsQuery(batch));
  } catch (error) {
    read.failed.push(...batch.map((b) => b.key));
    read.errors.push(describeError(error));
    return;
  }
  read.queries += 1;
  read.points += costOf(answer.data);
  for (let i = 0; i < batch.length; i += 1) {
    const alias = `r${i}`;
    const { key, owner, name } = batch[i];
    const errors = answer.errors.filter((e) => e.path?.[0] === alias);
    const raw = answer.data?.[alias] as RawRepositoryFacts | null | undefined;
    if (!raw) {
      if (errors.some((e) => e.type === 'NOT_FOUND')) read.gone.push(key);
      else {
        read.failed.push(key);
        read.errors.push(errors[0]?.message ?? 'GitHub answered without the repository');
      }
      continue;
    }
    const refused = new Set(errors.flatMap((e) => (e.path ?? []).slice(1).map(String)));
    const alerts = refused.has('vulnerabilityAlerts')
      ? null
      : await allAlerts(connection, owner, name, raw.vulnerabilityAlerts, read);
    read.facts.push(toFacts(key, raw, refused, alerts));
  }
}

/** Every open alert's severity: the first page came with the batch, more pages (rare) one query each. */
async function allAlerts(
  connection: GitHubConnection,
  owner: string,
  name: string,
  first: RawAlerts | null,
  read: RepositoryFactsRead,
): Promise<string[] | null> {
  if (!first) return null;
  const severities = severitiesOf(first);
  let page = first.pageInfo;
  for (let n = 0; page.hasNextPage && page.endCursor && n < MAX_ALERT_PAGES; n += 1) {
    try {
      const { data } = await connection.graphql<MoreAlertsAnswer>(MORE_ALERTS_QUERY, {
        owner,
        name,
        after: page.endCursor,
      });
      read.queries += 1;
      read.points += costOf(data);
      const more = data?.repository?.vulnerabilityAlerts;
      if (!more) return null;
      severities.push(...severitiesOf(more));
      page = more.pageInfo;
    } catch (error) {
      read.errors.push(describeError(error));
      // Counting only some alerts would say fewer than there are: better not known.
      return null;
    }
  }
  return severities;
}

function severitiesOf(alerts: RawAlerts): string[] {
  return alerts.nodes.flatMap((n) => (n?.securityVulnerability ? [n.securityVulnerability.severity] : []));
}

function costOf(data: unknown): number {
  const cost = (data as { rateLimit?: { cost?: number } } | null)?.rateLimit?.cost;
  return typeof cost === 'number' ? cost : 0;
}

/** README files GitHub shows on a repository's front page. */
const README = /^readme(\.[A-Za-z0-9]+)?$/i;

function toFacts(
  repository: string,
  raw: RawRepositoryFacts,
  refused: ReadonlySet<string>,
  alertSeverities: string[] | null,
): RepositoryFacts {
  const branch = raw.defaultBranchRef;
  const commit = branch?.target ?? null;
  const codeOwnersFiles = [raw.codeOwnersGithub, raw.codeOwnersRoot, raw.codeOwnersDocs];
  const hasCodeowners = codeOwnersFiles.some((f) => f?.__typename === 'Blob');
  const protection = branch?.branchProtectionRule;
  const byRule = !!protection?.requiresApprovingReviews && (protection.requiredApprovingReviewCount ?? 0) >= 1;
  const byRuleset = (branch?.rules?.nodes ?? []).some(
    (rule) => rule?.type === 'PULL_REQUEST' && (rule.parameters?.requiredApprovingReviewCount ?? 0) >= 1,
  );
  const refusedAny = (...fields: string[]) => fields.some((f) => refused.has(f));
  return {
    repository,
    isArchived: raw.isArchived,
    pushedAt: raw.pushedAt,
    licence: raw.licenseInfo?.spdxId ?? '',
    // An empty repository (no default branch) has no README.
    hasReadme: refusedAny('tree', 'target')
      ? null
      : (commit?.tree?.entries ?? []).some((e) => e.type === 'blob' && README.test(e.name)),
    hasCodeowners: refusedAny('codeOwnersGithub', 'codeOwnersRoot', 'codeOwnersDocs') ? null : hasCodeowners,
    codeownersErrorCount: refused.has('codeowners') ? null : hasCodeowners ? (raw.codeowners?.errors.length ?? 0) : 0,
    defaultBranchProtected: refusedAny('branchProtectionRule', 'rules') ? null : byRule || byRuleset,
    defaultBranchCheckStatus: refused.has('statusCheckRollup') ? null : (commit?.statusCheckRollup?.state ?? ''),
    dependabotAlerts: alertSeverities ? countBySeverity(alertSeverities) : null,
  };
}

/** GitHub's severities (LOW, MODERATE, HIGH, CRITICAL) as counts; MODERATE is GitHub's "medium". */
function countBySeverity(severities: string[]) {
  const counts = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const severity of severities) {
    const key = severity === 'MODERATE' ? 'medium' : severity.toLowerCase();
    if (key in counts) counts[key as keyof typeof counts] += 1;
  }
  return counts;
}
