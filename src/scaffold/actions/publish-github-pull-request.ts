// publish:github:pull-request: proposes the workspace's files to an existing repository of the
// organisation as one commit on a new branch, and opens a pull request for it. Used by templates
// that add something to a repository ("add catalog-info.yaml", "add a CI workflow").
import { describeGitHubError } from './publish/github-errors.js';
import { openPullRequest, type PullRequestPlan } from './publish/pull-request.js';
import { parseRepoUrl } from '../repo-url.js';
import { safeTargetFolder } from '../templating/safe-path.js';
import type { Workspace } from '../types.js';
import { ActionError, type ActionContext, readRepoUrlInput, type ScaffoldAction } from './action.js';

const BRANCH = /^(?!\/|-|.*\.\.|.*\/\/|.*\.lock$|.*\/$)[A-Za-z0-9._/-]{1,200}$/;
const names = { type: 'array', items: { type: 'string', minLength: 1 } };

/** Workspace files under `sourcePath`, placed under `targetPath` in the repository. */
function filesToPropose(workspace: Workspace, sourcePath: string, targetPath: string): Workspace {
  const prefix = sourcePath ? `${sourcePath}/` : '';
  const out: Workspace = new Map();
  for (const [path, file] of workspace) {
    if (prefix && !path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    out.set(targetPath ? `${targetPath}/${relative}` : relative, file);
  }
  return out;
}

function readPlan(ctx: ActionContext, org: string, host: string): PullRequestPlan {
  const input = ctx.input;
  const url = readRepoUrlInput(input.repoUrl);
  const owner = url.owner ?? url.organization ?? '';
  if (host && url.host.toLowerCase() !== host.toLowerCase()) {
    throw new ActionError(`repoUrl names the host ${url.host}, but Callboard works on ${host}`);
  }
  if (org && owner.toLowerCase() !== org.toLowerCase())
    throw new ActionError(`repoUrl names the owner ${owner}, but Callboard works in ${org}`);
  const branchName = input.branchName as string;
  if (!BRANCH.test(branchName)) throw new ActionError(`branchName "${branchName}" is not a valid branch name`);
  const target = input.targetBranchName as string | undefined;
  if (target && !BRANCH.test(target)) throw new ActionError(`targetBranchName "${target}" is not a valid branch name`);
  const authorName = input.gitAuthorName as string | undefined;
  const authorEmail = input.gitAuthorEmail as string | undefined;
  return {
    owner,
    repo: url.repo,
    branchName,
    targetBranchName: target || undefined,
    title: input.title as string,
    description: input.description as string,
    draft: input.draft === true,
    commitMessage: (input.commitMessage as string | undefined) || (input.title as string),
    author: authorName && authorEmail ? { name: authorName, email: authorEmail } : undefined,
    reviewers: (input.reviewers as string[] | undefined) ?? [],
    teamReviewers: (input.teamReviewers as string[] | undefined) ?? [],
  };
}

export const publishGitHubPullRequestAction: ScaffoldAction = {
  id: 'publish:github:pull-request',
  description: "Opens a pull request on an existing repository with the workspace's files in one commit.",
  inputSchema: {
    type: 'object',
    required: ['repoUrl', 'branchName', 'title', 'description'],
    properties: {
      repoUrl: { type: 'string', minLength: 1 },
      branchName: { type: 'string', minLength: 1 },
      targetBranchName: { type: 'string' },
      title: { type: 'string', minLength: 1 },
      description: { type: 'string' },
      draft: { type: 'boolean' },
      sourcePath: { type: 'string', description: 'Only workspace files under this folder are proposed.' },
      targetPath: { type: 'string', description: 'The folder in the repository the files go to.' },
      commitMessage: { type: 'string' },
      gitAuthorName: { type: 'string' },
      gitAuthorEmail: { type: 'string' },
      reviewers: names,
      teamReviewers: names,
    },
  },
  async undoAfterRestart(step) {
    const settings = step.services.github;
    const branch = step.input.branchName;
    const url = (() => {
      try {
        return parseRepoUrl(step.input.repoUrl);
      } catch {
        return undefined;
      }
    })();
    if (!settings || !url || typeof branch !== 'string') return undefined;
    const owner = url.owner ?? url.organization ?? settings.org;
    try {
      await settings.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
        owner,
        repo: url.repo,
        ref: `heads/${branch}`,
      });
      return `deleted the branch ${branch} of ${owner}/${url.repo}, which this request had created`;
    } catch {
      return undefined;
    }
  },
  async run(ctx) {
    const settings = ctx.services.github;
    if (!settings && !ctx.dryRun) {
      throw new ActionError(
        'GitHub is not configured: set GITHUB_ORG and GITHUB_TOKEN (or a GitHub App) to open pull requests',
      );
    }
    const plan = readPlan(ctx, settings?.org ?? '', settings?.host ?? '');
    const sourcePath = safeTargetFolder(ctx.input.sourcePath);
    const files = filesToPropose(ctx.workspace, sourcePath, safeTargetFolder(ctx.input.targetPath));
    if (!files.size) throw new ActionError(`there are no files to propose${sourcePath ? ` under ${sourcePath}` : ''}`);
    const where = `${plan.owner}/${plan.repo}`;
    const into = plan.targetBranchName ?? 'its default branch';
    if (ctx.dryRun || !settings) {
      const count = `${files.size} file${files.size === 1 ? '' : 's'}`;
      ctx.log(
        `would open a pull request on ${where} from ${plan.branchName} into ${into}: "${plan.title}", ${count} in one commit`,
      );
      ctx.output('remoteUrl', `https://github.com/${where}/pulls`);
      ctx.output('pullRequestNumber', 0);
      ctx.output('targetBranchName', plan.targetBranchName ?? 'main');
      return;
    }
    let stage = 'read the repository';
    let branchCreated = false;
    try {
      const opened = await openPullRequest(settings.octokit, plan, files, (s) => {
        if (stage.startsWith('create the branch')) branchCreated = true;
        stage = s;
      });
      ctx.log(
        `opened pull request #${opened.number} on ${where}: ${files.size} file${files.size === 1 ? '' : 's'} in one commit on ${plan.branchName}, into ${opened.base}`,
      );
      ctx.output('remoteUrl', opened.url);
      ctx.output('pullRequestNumber', opened.number);
      ctx.output('targetBranchName', opened.base);
      ctx.onRollback(() => deleteBranch(ctx, plan));
    } catch (error) {
      if (branchCreated) ctx.onRollback(() => deleteBranch(ctx, plan));
      throw new ActionError(describeGitHubError(error, stage));
    }
  },
};

/** Deleting the branch closes its pull request; the repository itself is untouched. */
async function deleteBranch(ctx: ActionContext, plan: PullRequestPlan): Promise<string> {
  try {
    await ctx.services.github!.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
      owner: plan.owner,
      repo: plan.repo,
      ref: `heads/${plan.branchName}`,
    });
    return `deleted the branch ${plan.branchName} of ${plan.owner}/${plan.repo}, which this request had created`;
  } catch (error) {
    return `could not delete the branch ${plan.branchName} of ${plan.owner}/${plan.repo}: ${describeGitHubError(error, 'delete it')}`;
  }
}
