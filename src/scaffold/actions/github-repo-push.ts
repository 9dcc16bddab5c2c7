// github:repo:push: commits the workspace to a repository of the organisation (one made by
// github:repo:create, usually) as its default branch's only commit, then protects the branch.
// Nothing of its own to undo: the repository's creation is undone by the step that created it.
import { z } from 'zod';
import { describeGitHubError } from './publish/github-errors.js';
import { checkBranchName, readCommit, readProtection } from './publish/publish-input.js';
import { protectBranch } from './publish/repository-access.js';
import { commitFiles, pointDefaultBranch } from './publish/single-commit.js';
import { ActionError } from './action.js';
import { defineAction } from './define-action.js';
import { branchProtectionInputs, commitInputs, pushTargetInputs } from './github-inputs.js';
import { gitHubTarget, onGitHub } from './github-target.js';
import { filesUnder } from './publish-github.js';

export const githubRepoPushAction = defineAction({
  id: 'github:repo:push',
  description: "Commits the workspace to a repository's default branch and protects it.",
  input: z.object({
    ...pushTargetInputs,
    ...branchProtectionInputs,
    ...commitInputs,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'push to repositories');
    const branch = checkBranchName(ctx.input.defaultBranch, 'defaultBranch');
    const commit = readCommit(ctx.input);
    const protect = readProtection(ctx.input);
    const files = filesUnder(ctx.workspace, commit.sourcePath);
    if (!files.size) throw new ActionError('there are no files to push');
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    const webUrl = `${github?.webUrl ?? `https://${target.host}`}/${where}`;
    ctx.output('remoteUrl', `${webUrl}.git`);
    ctx.output('repoContentsUrl', `${webUrl}/blob/${branch}`);
    // catalog:register reads the pushed catalog-info.yaml from here.
    ctx.published.set(where.toLowerCase(), { owner: target.owner, repo: target.repo, branch, webUrl, files });
    if (ctx.dryRun || !github) {
      ctx.log(`would commit ${files.size} files to ${branch} of ${where}${protect ? ` and protect ${branch}` : ''}`);
      ctx.output('commitHash', 'dry-run');
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    const { data } = await onGitHub(`read ${where}`, () => github.octokit.request('GET /repos/{owner}/{repo}', repo));
    let stage = 'upload the files';
    let sha: string;
    try {
      const made = await commitFiles(
        github.octokit,
        { ...repo, message: commit.commitMessage, author: commit.author },
        files,
        (s) => {
          stage = s;
        },
      );
      sha = made.commitSha;
      await pointDefaultBranch(github.octokit, repo, branch, data.default_branch, sha, (s) => {
        stage = s;
      });
    } catch (error) {
      throw new ActionError(describeGitHubError(error, stage));
    }
    ctx.log(`committed ${files.size} file${files.size === 1 ? '' : 's'} to ${branch} of ${where} (${sha.slice(0, 7)})`);
    if (protect) {
      await onGitHub(`protect the branch ${branch}`, () => protectBranch(github.octokit, repo, branch, protect));
      ctx.log(`protected ${branch}`);
    }
    ctx.output('commitHash', sha);
  },
});
