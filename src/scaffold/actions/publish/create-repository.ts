// Creating a repository in the organisation and giving it its settings, shared by publish:github
// (which then commits the workspace) and github:repo:create (which leaves that to
// github:repo:push). The creation registers its undo at once: whatever fails afterwards, the
// repository is deleted (or kept, marked, when configured so).
import type { ActionContext } from '../action.js';
import { ActionError } from '../action.js';
import { onGitHub } from '../github-target.js';
import { describeGitHubError, gitHubStatus } from './github-errors.js';
import type { GitHubPublishing } from './github-publishing.js';
import type { RepositoryPlan } from './publish-input.js';
import { setActionsSecrets } from './actions-secrets.js';
import { grantAccess, resolveGrantee, setVariables } from './repository-access.js';

interface CreatedRepository {
  defaultBranch: string;
  webUrl: string;
  cloneUrl: string;
  /** How the organisation's plan is named in messages: "GitHub's Free plan". */
  planName: string;
  /** Whether the plan protects branches of private and internal repositories. */
  privateBranchProtection: boolean;
}

/** Creates the repository (with a first README commit, so the git data API accepts commits). */
export async function createRepository(
  ctx: Pick<ActionContext, 'log' | 'onRollback'>,
  settings: GitHubPublishing,
  plan: RepositoryPlan,
): Promise<CreatedRepository> {
  // Learnt before anything is created: what the plan refuses is never half-done.
  const allows = await settings.plan?.(plan.owner);
  const planName = allows?.name
    ? `GitHub's ${allows.name[0].toUpperCase()}${allows.name.slice(1)} plan`
    : 'its GitHub plan';
  if (plan.visibility === 'internal' && allows && !allows.internalRepositories) {
    throw new ActionError(
      `${plan.owner} is on ${planName}, which has no internal repositories (only organisations in an enterprise do); ` +
        'choose private or public',
    );
  }
  const created = await onGitHub(`create the repository ${plan.owner}/${plan.repo}`, async () => {
    try {
      const { data } = await settings.octokit.request('POST /orgs/{org}/repos', {
        org: plan.owner,
        name: plan.repo,
        description: plan.description,
        homepage: plan.homepage,
        // 'internal' exists on GitHub Enterprise organisations only; octokit's types omit it.
        visibility: plan.visibility as 'private' | 'public',
        private: plan.visibility !== 'public',
        auto_init: true,
        ...plan.options,
      });
      return data;
    } catch (error) {
      if (gitHubStatus(error) === 422 && /already exists/i.test(describeGitHubError(error, ''))) {
        throw new ActionError(`a repository named ${plan.repo} already exists in ${plan.owner}`);
      }
      throw error;
    }
  });
  ctx.log(`created ${plan.owner}/${plan.repo} (${plan.visibility})`);
  ctx.onRollback((failure) => undoRepository(settings, plan, failure));
  return {
    defaultBranch: created.default_branch ?? 'main',
    webUrl: `${settings.webUrl}/${plan.owner}/${plan.repo}`,
    cloneUrl: created.clone_url,
    planName,
    privateBranchProtection: !allows || allows.privateBranchProtection,
  };
}

/** Topics, access and variables: independent of each other, so asked for together. */
export function settingsRequests(settings: GitHubPublishing, plan: RepositoryPlan): Array<Promise<string>> {
  const { octokit } = settings;
  const target = { owner: plan.owner, repo: plan.repo };
  const requests: Array<Promise<string>> = [];
  if (plan.topics.length) {
    requests.push(
      onGitHub('set the topics', () =>
        octokit.request('PUT /repos/{owner}/{repo}/topics', { ...target, names: plan.topics }),
      ).then(() => `topics: ${plan.topics.join(', ')}`),
    );
  }
  for (const grant of plan.grants) {
    requests.push(
      (async () => {
        const name = await resolveGrantee(grant, settings);
        await onGitHub(`give ${grant.kind} ${name} access`, () => grantAccess(octokit, target, grant, name));
        return `gave ${grant.kind} ${name} ${grant.permission} access`;
      })(),
    );
  }
  const variables = Object.keys(plan.variables);
  if (variables.length) {
    requests.push(
      onGitHub('set the Actions variables', () => setVariables(octokit, target, plan.variables)).then(
        () => `set the Actions variables ${variables.join(', ')}`,
      ),
    );
  }
  const secrets = Object.keys(plan.secrets);
  if (secrets.length) {
    requests.push(
      onGitHub('set the Actions secrets', () => setActionsSecrets(octokit, target, plan.secrets)).then(
        () => `set the Actions secrets ${secrets.join(', ')}`,
      ),
    );
  }
  return requests;
}

/** Waits for every request; logs what was done, then throws the first failure. */
export async function settle(ctx: Pick<ActionContext, 'log'>, requests: Array<Promise<string>>): Promise<void> {
  const done = await Promise.allSettled(requests);
  for (const result of done) if (result.status === 'fulfilled') ctx.log(result.value);
  const failed = done.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

/** What the plan would do, for a dry run. */
export function describeRepositoryPlan(plan: RepositoryPlan): string[] {
  const lines: string[] = [];
  if (plan.topics.length) lines.push(`set the topics ${plan.topics.join(', ')}`);
  for (const grant of plan.grants) lines.push(`give ${grant.kind} ${grant.name} ${grant.permission} access`);
  const variables = Object.keys(plan.variables);
  if (variables.length) lines.push(`set the Actions variables ${variables.join(', ')}`);
  const secrets = Object.keys(plan.secrets);
  if (secrets.length) lines.push(`set the Actions secrets ${secrets.join(', ')}`);
  return lines;
}

async function undoRepository(
  settings: GitHubPublishing,
  plan: { owner: string; repo: string; description?: string },
  failure: { stepName: string; reason: string },
): Promise<string> {
  const { octokit } = settings;
  const target = { owner: plan.owner, repo: plan.repo };
  try {
    if (settings.keepFailedRepos) {
      const note = `[Callboard: creation failed at "${failure.stepName}"; kept for inspection]`;
      await octokit.request('PATCH /repos/{owner}/{repo}', {
        ...target,
        description: `${note} ${plan.description ?? ''}`.trim().slice(0, 350),
      });
      return `kept ${plan.owner}/${plan.repo} for inspection (marked in its description)`;
    }
    await octokit.request('DELETE /repos/{owner}/{repo}', target);
    return `deleted ${plan.owner}/${plan.repo}, which this request had created`;
  } catch (error) {
    return `could not clean up ${plan.owner}/${plan.repo}: ${describeGitHubError(error, 'delete it')}`;
  }
}

/** A repository named by an interrupted step that this task created (GitHub says when) is undone. */
export async function undoRepositoryAfterRestart(
  settings: GitHubPublishing | undefined,
  target: { owner: string; repo: string; description?: string },
  taskStartedAt: Date,
): Promise<string | undefined> {
  if (!settings) return undefined;
  let created: string;
  try {
    const { data } = await settings.octokit.request('GET /repos/{owner}/{repo}', {
      owner: target.owner,
      repo: target.repo,
    });
    created = (data as { created_at: string }).created_at;
  } catch (error) {
    if (gitHubStatus(error) === 404) return undefined;
    return `could not check ${target.owner}/${target.repo}: ${describeGitHubError(error, 'read it')}`;
  }
  // Made before this task started: someone else's repository, never touched.
  if (Date.parse(created) < taskStartedAt.getTime() - 60_000) return undefined;
  return undoRepository(settings, target, { stepName: 'a restart', reason: 'Callboard restarted' });
}
