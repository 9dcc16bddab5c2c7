// What the fake keeps of a repository's health, for scorecards' GitHub facts: its licence, branch
// protection rules and rulesets, the check status of each commit, Dependabot alerts. Tests change
// these (as someone would on GitHub) and the GraphQL resolvers answer from them; CODEOWNERS errors
// are found from the file itself, by GitHub's rules, against the organisation's teams and people.
import { parseCodeOwners } from '../../../src/ownership/code-owners.js';
import type { FakeOrganisation, FakeRepository } from './organisation.js';

export type FakeCheckState = 'SUCCESS' | 'FAILURE' | 'PENDING' | 'ERROR' | 'EXPECTED';
export type FakeSeverity = 'LOW' | 'MODERATE' | 'HIGH' | 'CRITICAL';

export interface FakeRepositoryHealth {
  /** SPDX id of the licence GitHub detects; null: none. */
  licence: string | null;
  /** Branch protection rules by pattern (a branch name here). */
  protection: Map<string, { requiresApprovingReviews: boolean; requiredApprovingReviewCount: number }>;
  /** Rulesets; each targets branch names (`~DEFAULT_BRANCH` for the default branch). */
  rulesets: { id: number; name: string; branches: string[]; requiredApprovingReviewCount?: number }[];
  /** Combined check status by commit oid; a commit without one has no rollup. */
  checks: Map<string, FakeCheckState>;
  alerts: { number: number; severity: FakeSeverity; state: 'OPEN' | 'FIXED' | 'DISMISSED' }[];
  /**
   * Fields the credentials may not read here (`vulnerabilityAlerts` without the Dependabot alerts
   * permission, `branchProtectionRule` and `rules` without administration): GitHub answers them
   * null with a FORBIDDEN error on their path.
   */
  refused: Set<string>;
}

export function emptyHealth(): FakeRepositoryHealth {
  return { licence: null, protection: new Map(), rulesets: [], checks: new Map(), alerts: [], refused: new Set() };
}

/** Protects `branch` (default: the default branch) requiring `reviews` approvals; 0 removes the rule. */
export function protectBranch(repo: FakeRepository, reviews: number, branch = repo.defaultBranch): void {
  if (reviews <= 0) repo.health.protection.delete(branch);
  else repo.health.protection.set(branch, { requiresApprovingReviews: true, requiredApprovingReviewCount: reviews });
}

/** Sets the check status of the default branch's head commit. */
export function setHeadChecks(org: FakeOrganisation, repo: FakeRepository, state: FakeCheckState): void {
  const head = org.branch(repo)?.commit;
  if (head) repo.health.checks.set(head, state);
}

export function addAlert(repo: FakeRepository, severity: FakeSeverity): number {
  const number = repo.health.alerts.length + 1;
  repo.health.alerts.push({ number, severity, state: 'OPEN' });
  return number;
}

/** The rules GitHub applies to a branch: its protection rule, and every ruleset rule targeting it. */
export function rulesFor(repo: FakeRepository, branch: string) {
  return repo.health.rulesets
    .filter(
      (r) => r.branches.includes(branch) || (branch === repo.defaultBranch && r.branches.includes('~DEFAULT_BRANCH')),
    )
    .flatMap((ruleset) => [
      { id: `${ruleset.id}:update`, type: 'UPDATE', parameters: null, ruleset },
      ...(ruleset.requiredApprovingReviewCount !== undefined
        ? [
            {
              id: `${ruleset.id}:pull_request`,
              type: 'PULL_REQUEST',
              parameters: {
                __typename: 'PullRequestParameters',
                dismissStaleReviewsOnPush: false,
                requireCodeOwnerReview: false,
                requireLastPushApproval: false,
                requiredApprovingReviewCount: ruleset.requiredApprovingReviewCount,
                requiredReviewThreadResolution: false,
              },
              ruleset,
            },
          ]
        : []),
    ]);
}

/**
 * The errors GitHub reports for a CODEOWNERS file: lines it cannot read, and owners that are not
 * a team or person of the organisation (GitHub's "Unknown owner").
 */
export function codeOwnersErrors(org: FakeOrganisation, text: string, path: string) {
  const parsed = parseCodeOwners(text);
  const lines = text.split(/\r?\n/);
  const errors = parsed.problems.map((p) => ({
    kind: 'Invalid pattern',
    line: p.line,
    column: 1,
    message: p.message,
    path,
    source: lines[p.line - 1] ?? '',
    suggestion: null,
  }));
  for (const rule of parsed.rules) {
    for (const owner of rule.owners) {
      const known =
        owner.kind === 'email' ||
        (owner.kind === 'user' && !!org.user(owner.login)) ||
        (owner.kind === 'team' && owner.org.toLowerCase() === org.login.toLowerCase() && !!org.team(owner.slug));
      if (known) continue;
      errors.push({
        kind: 'Unknown owner',
        line: rule.line,
        column: (lines[rule.line - 1] ?? '').indexOf(owner.text) + 1,
        message: `Unknown owner on line ${rule.line}: make sure ${owner.text} exists and has write access to the repository`,
        path,
        source: lines[rule.line - 1] ?? '',
        suggestion: null,
      });
    }
  }
  return errors.sort((a, b) => a.line - b.line);
}
