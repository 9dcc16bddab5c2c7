// Who may work on a new repository, and how its default branch is protected.
import type { Octokit } from 'octokit';
import type { GitHubPublishing } from './github-publishing.js';
import type { Grant, PublishPlan } from './publish-input.js';

/** A grant's GitHub name: a catalog group ref becomes its team slug, a user ref its login. */
export async function resolveGrantee(grant: Grant, github: GitHubPublishing): Promise<string> {
  const ref = /^(group|user):(?:[^/]+\/)?(.+)$/i.exec(grant.name);
  if (!ref) return grant.name;
  if (grant.kind === 'team') return (await github.teamSlugOf?.(grant.name.toLowerCase())) ?? ref[2];
  return ref[2];
}

export async function grantAccess(
  octokit: Octokit,
  target: { owner: string; repo: string },
  grant: Grant,
  name: string,
): Promise<void> {
  const { owner, repo } = target;
  if (grant.kind === 'team') {
    await octokit.request('PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', {
      org: owner,
      team_slug: name,
      owner,
      repo,
      permission: grant.permission,
    });
  } else {
    await octokit.request('PUT /repos/{owner}/{repo}/collaborators/{username}', {
      owner,
      repo,
      username: name,
      permission: grant.permission,
    });
  }
}

/** Protects a branch as Backstage's GitHub module does, signed commits included when asked. */
export async function protectBranch(
  octokit: Octokit,
  target: { owner: string; repo: string },
  branch: string,
  protect: NonNullable<PublishPlan['protect']>,
): Promise<void> {
  await octokit.request('PUT /repos/{owner}/{repo}/branches/{branch}/protection', {
    owner: target.owner,
    repo: target.repo,
    branch,
    required_status_checks: {
      strict: protect.requireBranchesToBeUpToDate,
      contexts: protect.requiredStatusCheckContexts,
    },
    enforce_admins: protect.enforceAdmins,
    // No approvals asked: no review rule at all, as Backstage sends it.
    required_pull_request_reviews:
      protect.requiredApprovingReviewCount === 0
        ? null
        : {
            required_approving_review_count: protect.requiredApprovingReviewCount,
            require_code_owner_reviews: protect.requireCodeOwnerReviews,
            dismiss_stale_reviews: protect.dismissStaleReviews,
            ...(protect.bypassPullRequestAllowances
              ? { bypass_pull_request_allowances: protect.bypassPullRequestAllowances }
              : {}),
          },
    restrictions: protect.restrictions
      ? { users: protect.restrictions.users, teams: protect.restrictions.teams, apps: protect.restrictions.apps }
      : null,
    required_conversation_resolution: protect.requiredConversationResolution,
    required_linear_history: protect.requiredLinearHistory,
  });
  if (protect.requiredCommitSigning) {
    await octokit.request('POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures', {
      owner: target.owner,
      repo: target.repo,
      branch,
    });
  }
}

/** Sets the repository's Actions variables (repoVariables). */
export async function setVariables(
  octokit: Octokit,
  target: { owner: string; repo: string },
  variables: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(variables)) {
    await octokit.request('POST /repos/{owner}/{repo}/actions/variables', { ...target, name, value });
  }
}
