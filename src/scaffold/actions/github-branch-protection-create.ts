// github:branch-protection:create: protects a branch (the repository's default branch unless
// named), with Backstage's defaults. Undone by removing the protection.
import { z } from 'zod';
import { checkBranchName } from './publish/publish-input.js';
import { protectBranch } from './publish/repository-access.js';
import { defineAction } from './define-action.js';
import { branchProtectionInputs } from './github-inputs.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubBranchProtectionCreateAction = defineAction({
  id: 'github:branch-protection:create',
  description: 'Protects a branch of a repository.',
  input: z.object({
    repoUrl: repoUrlInput,
    branch: z.string().optional(),
    enforceAdmins: z.boolean().default(true),
    ...branchProtectionInputs,
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'protect branches');
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would protect ${ctx.input.branch ?? 'the default branch'} of ${where}`);
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    const branch = ctx.input.branch
      ? checkBranchName(ctx.input.branch, 'branch')
      : (await onGitHub(`read ${where}`, () => github.octokit.request('GET /repos/{owner}/{repo}', repo))).data
          .default_branch;
    await onGitHub(`protect the branch ${branch} of ${where}`, () =>
      protectBranch(github.octokit, repo, branch, ctx.input),
    );
    ctx.log(`protected ${branch} of ${where}`);
    ctx.onRollback(() =>
      undoOnGitHub(`the protection of ${branch} on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/branches/{branch}/protection', { ...repo, branch }),
      ),
    );
  },
});
