// publish:github: creates the repository in the organisation, commits the workspace in one
// commit, grants access and protects the default branch. If anything fails afterwards, the
// repository this step created is deleted (or kept, marked, when configured so).
import { ActionError, type ActionContext, type InterruptedStep, type ScaffoldAction } from './action.js';
import { describeGitHubError, gitHubStatus } from './publish/github-errors.js';
import type { GitHubPublishing } from './publish/github-publishing.js';
import { publishInputSchema, readPublishPlan, type PublishPlan } from './publish/publish-input.js';
import { grantAccess, protectBranch, resolveGrantee } from './publish/repository-access.js';
import { commitFiles, pointDefaultBranch, type CommitResult } from './publish/single-commit.js';
import { parseRepoUrl } from '../repo-url.js';
import type { Workspace } from '../types.js';

function filesUnder(workspace: Workspace, sourcePath: string): Workspace {
  if (!sourcePath) return workspace;
  const prefix = `${sourcePath}/`;
  return new Map(
    [...workspace].filter(([path]) => path.startsWith(prefix)).map(([path, file]) => [path.slice(prefix.length), file]),
  );
}

/** Without GitHub configured, a dry run takes the organisation and host from repoUrl itself. */
function dryRunTarget(repoUrl: unknown): { org: string; host: string } {
  try {
    const url = parseRepoUrl(repoUrl);
    return { org: url.owner ?? url.organization ?? '', host: url.host };
  } catch {
    return { org: '', host: '' };
  }
}

function describePlan(plan: PublishPlan, fileCount: number, branch: string): string[] {
  const lines = [
    `create ${plan.owner}/${plan.repo} (${plan.visibility}) with ${fileCount} files in one commit on ${branch}`,
  ];
  if (plan.topics.length) lines.push(`set the topics ${plan.topics.join(', ')}`);
  for (const grant of plan.grants) lines.push(`give ${grant.kind} ${grant.name} ${grant.permission} access`);
  if (plan.protect)
    lines.push(`protect ${branch}: ${plan.protect.requiredApprovingReviewCount} approving review(s) required`);
  return lines;
}

async function github<T>(doing: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ActionError) throw error;
    throw new ActionError(describeGitHubError(error, doing));
  }
}

export const publishGitHubAction: ScaffoldAction = {
  id: 'publish:github',
  description: 'Creates a GitHub repository in the organisation with the workspace as its first commit.',
  inputSchema: publishInputSchema,
  undoAfterRestart,
  async run(ctx) {
    const settings = ctx.services.github;
    if (!settings && !ctx.dryRun) {
      throw new ActionError(
        'GitHub is not configured: set GITHUB_ORG and GITHUB_TOKEN (or a GitHub App) to publish repositories',
      );
    }
    const plan = readPublishPlan(ctx.input, settings ?? dryRunTarget(ctx.input.repoUrl));
    const files = filesUnder(ctx.workspace, plan.sourcePath);
    if (!files.size)
      throw new ActionError(`there are no files to publish${plan.sourcePath ? ` under ${plan.sourcePath}` : ''}`);
    const webUrl = `${settings?.webUrl ?? 'https://github.com'}/${plan.owner}/${plan.repo}`;

    if (ctx.dryRun || !settings) {
      const branch = plan.defaultBranch ?? 'main';
      for (const line of describePlan(plan, files.size, branch)) ctx.log(`would ${line}`);
      recordOutputs(ctx, plan, webUrl, branch, files, 'dry-run');
      return;
    }
    await publish(ctx, settings, plan, files, webUrl);
  },
};

async function publish(
  ctx: ActionContext,
  settings: GitHubPublishing,
  plan: PublishPlan,
  files: Workspace,
  webUrl: string,
): Promise<void> {
  const { octokit } = settings;
  const target = { owner: plan.owner, repo: plan.repo };
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
  const created = await github(`create the repository ${plan.owner}/${plan.repo}`, async () => {
    try {
      const { data } = await octokit.request('POST /orgs/{org}/repos', {
        org: plan.owner,
        name: plan.repo,
        description: plan.description,
        homepage: plan.homepage,
        // 'internal' exists on GitHub Enterprise organisations only; octokit's types omit it.
        visibility: plan.visibility as 'private' | 'public',
        private: plan.visibility !== 'public',
        auto_init: true,
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

  const createdBranch = created.default_branch ?? 'main';
  const branch = plan.defaultBranch ?? createdBranch;
  let stage = 'upload the files';
  const onStage = (s: string): void => {
    stage = s;
  };
  // The stage names the request that failed: "GitHub refused to create the commit (409): ...".
  let commit: CommitResult;
  try {
    commit = await commitFiles(
      octokit,
      { ...target, message: plan.commitMessage, author: plan.author },
      files,
      onStage,
    );
    await pointDefaultBranch(octokit, target, branch, createdBranch, commit.commitSha, onStage);
  } catch (error) {
    throw new ActionError(describeGitHubError(error, stage));
  }
  ctx.log(
    `committed ${files.size} file${files.size === 1 ? '' : 's'} to ${branch} in one commit (${commit.commitSha.slice(0, 7)})`,
  );

  // Topics, access and protection do not depend on each other: asked for together.
  const finishing: Array<Promise<string>> = [];
  if (plan.topics.length) {
    finishing.push(
      github('set the topics', () =>
        octokit.request('PUT /repos/{owner}/{repo}/topics', { ...target, names: plan.topics }),
      ).then(() => `topics: ${plan.topics.join(', ')}`),
    );
  }
  for (const grant of plan.grants) {
    finishing.push(
      (async () => {
        const name = await resolveGrantee(grant, settings);
        await github(`give ${grant.kind} ${name} access`, () => grantAccess(octokit, target, grant, name));
        return `gave ${grant.kind} ${name} ${grant.permission} access`;
      })(),
    );
  }
  if (plan.protect && plan.visibility !== 'public' && allows && !allows.privateBranchProtection) {
    ctx.log(
      `skipped protecting ${branch}: ${plan.owner} is on ${planName}, which does not protect branches of ${plan.visibility} ` +
        'repositories; the repository is kept without protection',
    );
  } else if (plan.protect) {
    const protect = plan.protect;
    finishing.push(
      github(`protect the branch ${branch}`, () => protectBranch(octokit, target, branch, protect)).then(
        () => `protected ${branch}`,
      ),
    );
  }
  const done = await Promise.allSettled(finishing);
  for (const result of done) if (result.status === 'fulfilled') ctx.log(result.value);
  const failed = done.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  recordOutputs(ctx, plan, webUrl, branch, files, commit.commitSha);
}

function recordOutputs(
  ctx: ActionContext,
  plan: PublishPlan,
  webUrl: string,
  branch: string,
  files: Workspace,
  commitHash: string,
): void {
  ctx.output('remoteUrl', webUrl);
  ctx.output('repoContentsUrl', `${webUrl}/blob/${branch}`);
  ctx.output('commitHash', commitHash);
  ctx.published.set(`${plan.owner}/${plan.repo}`.toLowerCase(), {
    owner: plan.owner,
    repo: plan.repo,
    branch,
    webUrl,
    files,
  });
}

/** A repository named by the step's input that this task created (GitHub says when) is undone. */
async function undoAfterRestart(step: InterruptedStep): Promise<string | undefined> {
  const settings = step.services.github;
  if (!settings) return undefined;
  const plan = readPublishPlan(step.input, settings);
  let created: string;
  try {
    const { data } = await settings.octokit.request('GET /repos/{owner}/{repo}', {
      owner: plan.owner,
      repo: plan.repo,
    });
    created = (data as { created_at: string }).created_at;
  } catch (error) {
    if (gitHubStatus(error) === 404) return undefined;
    return `could not check ${plan.owner}/${plan.repo}: ${describeGitHubError(error, 'read it')}`;
  }
  // Made before this task started: someone else's repository, never touched.
  if (Date.parse(created) < step.taskStartedAt.getTime() - 60_000) return undefined;
  return undoRepository(settings, plan, { stepName: 'a restart', reason: 'Callboard restarted' });
}

async function undoRepository(
  settings: GitHubPublishing,
  plan: PublishPlan,
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
