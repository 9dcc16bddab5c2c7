// publish:github:pull-request: proposes the workspace's files to an existing repository of the
// organisation as one commit on a new branch, and opens a pull request for it. Used by templates
// that add something to a repository ("add catalog-info.yaml", "add a CI workflow").
import { z } from 'zod';
import { describeGitHubError } from './publish/github-errors.js';
import { checkBranchName } from './publish/publish-input.js';
import { openPullRequest, type PullRequestPlan } from './publish/pull-request.js';
import { safeTargetFolder } from '../templating/safe-path.js';
import type { Workspace } from '../types.js';
import type { Octokit } from 'octokit';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';
import { allowedHostsInput, gitHubTarget, repoUrlInput, tokenInput } from './github-target.js';

const input = z.object({
  repoUrl: repoUrlInput,
  allowedHosts: allowedHostsInput,
  token: tokenInput,
  branchName: z.string().min(1),
  targetBranchName: z.string().optional(),
  title: z.string().min(1),
  description: z.string(),
  draft: z.boolean().default(false),
  sourcePath: z.string().describe('Only workspace files under this folder are proposed.').optional(),
  targetPath: z.string().describe('The folder in the repository the files go to.').optional(),
  commitMessage: z.string().optional(),
  gitAuthorName: z.string().optional(),
  gitAuthorEmail: z.string().optional(),
  forceEmptyGitAuthor: z.boolean().default(false),
  reviewers: z.array(z.string().min(1)).default([]),
  teamReviewers: z.array(z.string().min(1)).default([]),
  update: z.boolean().default(false),
  createWhenEmpty: z.boolean().default(true),
  forceFork: z.boolean().optional(),
});
type Input = z.output<typeof input>;

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

function readPlan(input: Input, target: { owner: string; repo: string }): PullRequestPlan {
  const { gitAuthorName: name, gitAuthorEmail: email } = input;
  return {
    owner: target.owner,
    repo: target.repo,
    branchName: checkBranchName(input.branchName, 'branchName'),
    targetBranchName: input.targetBranchName ? checkBranchName(input.targetBranchName, 'targetBranchName') : undefined,
    title: input.title,
    description: input.description,
    draft: input.draft,
    commitMessage: input.commitMessage || input.title,
    author: name && email && !input.forceEmptyGitAuthor ? { name, email } : undefined,
    reviewers: input.reviewers,
    teamReviewers: input.teamReviewers,
    update: input.update,
    createWhenEmpty: input.createWhenEmpty,
  };
}

export const publishGitHubPullRequestAction = defineAction({
  id: 'publish:github:pull-request',
  description: "Opens a pull request on an existing repository with the workspace's files in one commit.",
  input,
  unused: { forceFork: 'Callboard proposes changes from a branch of the repository itself, never from a fork' },
  async undoAfterRestart(step) {
    const settings = step.services.github;
    if (!settings || step.input.update) return undefined;
    let target: ReturnType<typeof gitHubTarget>;
    try {
      target = gitHubTarget({ dryRun: false, services: step.services }, step.input, 'open pull requests');
    } catch {
      return undefined;
    }
    try {
      await target.github!.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
        owner: target.owner,
        repo: target.repo,
        ref: `heads/${step.input.branchName}`,
      });
      return `deleted the branch ${step.input.branchName} of ${target.owner}/${target.repo}, which this request had created`;
    } catch {
      return undefined;
    }
  },
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'open pull requests');
    const plan = readPlan(ctx.input, target);
    const sourcePath = safeTargetFolder(ctx.input.sourcePath);
    const files = filesToPropose(ctx.workspace, sourcePath, safeTargetFolder(ctx.input.targetPath));
    if (!files.size) throw new ActionError(`there are no files to propose${sourcePath ? ` under ${sourcePath}` : ''}`);
    const where = `${plan.owner}/${plan.repo}`;
    const into = plan.targetBranchName ?? 'its default branch';
    const github = target.github;
    if (ctx.dryRun || !github) {
      const count = `${files.size} file${files.size === 1 ? '' : 's'}`;
      const verb = plan.update ? 'open (or update)' : 'open';
      ctx.log(
        `would ${verb} a pull request on ${where} from ${plan.branchName} into ${into}: "${plan.title}", ${count} in one commit`,
      );
      ctx.output('remoteUrl', `https://${target.host}/${where}/pulls`);
      ctx.output('pullRequestNumber', 0);
      ctx.output('targetBranchName', plan.targetBranchName ?? 'main');
      return;
    }
    let stage = 'read the repository';
    let branchCreated = false;
    try {
      const opened = await openPullRequest(github.octokit, plan, files, (s) => {
        if (stage.startsWith('create the branch')) branchCreated = true;
        stage = s;
      });
      if (!opened) {
        ctx.log(`the files change nothing in ${where}; no pull request opened (createWhenEmpty is false)`);
        return;
      }
      const count = `${files.size} file${files.size === 1 ? '' : 's'}`;
      ctx.log(
        opened.updated
          ? `updated pull request #${opened.number} on ${where}: ${count} in one new commit on ${plan.branchName}`
          : `opened pull request #${opened.number} on ${where}: ${count} in one commit on ${plan.branchName}, into ${opened.base}`,
      );
      ctx.output('remoteUrl', opened.url);
      ctx.output('pullRequestNumber', opened.number);
      ctx.output('targetBranchName', opened.base);
      // An updated pull request was there before: someone else's, never deleted.
      if (!opened.updated) ctx.onRollback(() => deleteBranch(github.octokit, plan));
    } catch (error) {
      if (branchCreated) ctx.onRollback(() => deleteBranch(github.octokit, plan));
      throw new ActionError(describeGitHubError(error, stage));
    }
  },
});

/** Deleting the branch closes its pull request; the repository itself is untouched. */
async function deleteBranch(octokit: Octokit, plan: PullRequestPlan): Promise<string> {
  try {
    await octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
      owner: plan.owner,
      repo: plan.repo,
      ref: `heads/${plan.branchName}`,
    });
    return `deleted the branch ${plan.branchName} of ${plan.owner}/${plan.repo}, which this request had created`;
  } catch (error) {
    return `could not delete the branch ${plan.branchName} of ${plan.owner}/${plan.repo}: ${describeGitHubError(error, 'delete it')}`;
  }
}
