// publish:github: creates the repository in the organisation, commits the workspace in one
// commit, grants access and protects the default branch, taking every input Backstage's action
// declares with Backstage's defaults (default branch `master`, commit message `initial commit`).
// If anything fails afterwards, the repository this step created is deleted (or kept, marked,
// when configured so).
import { z } from 'zod';
import {
  createRepository,
  describeRepositoryPlan,
  settingsRequests,
  settle,
  undoRepositoryAfterRestart,
} from './publish/create-repository.js';
import { describeGitHubError } from './publish/github-errors.js';
import {
  checkBranchName,
  type PublishPlan,
  readCommit,
  readProtection,
  readRepositoryPlan,
} from './publish/publish-input.js';
import { protectBranch } from './publish/repository-access.js';
import { commitFiles, pointDefaultBranch, type CommitResult } from './publish/single-commit.js';
import type { Workspace } from '../types.js';
import { ActionError, type ActionContext } from './action.js';
import { defineAction } from './define-action.js';
import {
  branchProtectionInputs,
  commitInputs,
  pushTargetInputs,
  repositorySettingsInputs,
  unusedRepositorySettings,
} from './github-inputs.js';
import { gitHubTarget, onGitHub } from './github-target.js';

const input = z.object({
  ...pushTargetInputs,
  ...repositorySettingsInputs,
  ...branchProtectionInputs,
  ...commitInputs,
});

/** Workspace files under `sourcePath`, at the repository's root. */
export function filesUnder(workspace: Workspace, sourcePath: string): Workspace {
  if (!sourcePath) return workspace;
  const prefix = `${sourcePath}/`;
  return new Map(
    [...workspace].filter(([path]) => path.startsWith(prefix)).map(([path, file]) => [path.slice(prefix.length), file]),
  );
}

function readPlan(ctx: ActionContext<z.output<typeof input>>): {
  plan: PublishPlan;
  target: ReturnType<typeof gitHubTarget>;
} {
  const target = gitHubTarget(ctx, ctx.input, 'publish repositories');
  const plan: PublishPlan = {
    ...readRepositoryPlan(ctx.input, target),
    defaultBranch: checkBranchName(ctx.input.defaultBranch, 'defaultBranch'),
    protect: readProtection(ctx.input),
    ...readCommit(ctx.input),
  };
  return { plan, target };
}

export const publishGitHubAction = defineAction({
  id: 'publish:github',
  description: 'Creates a GitHub repository in the organisation with the workspace as its first commit.',
  input,
  unused: unusedRepositorySettings,
  async undoAfterRestart(step) {
    const settings = step.services.github;
    if (!settings) return undefined;
    const target = gitHubTarget({ dryRun: false, services: step.services }, step.input, 'check the repository');
    return undoRepositoryAfterRestart(
      target.github,
      { ...target, description: step.input.description },
      step.taskStartedAt,
    );
  },
  async run(ctx) {
    const { plan, target } = readPlan(ctx);
    const files = filesUnder(ctx.workspace, plan.sourcePath);
    if (!files.size)
      throw new ActionError(`there are no files to publish${plan.sourcePath ? ` under ${plan.sourcePath}` : ''}`);
    const settings = target.github;
    const webUrl = `${settings?.webUrl ?? `https://${target.host}`}/${plan.owner}/${plan.repo}`;

    if (ctx.dryRun || !settings) {
      const branch = plan.defaultBranch;
      ctx.log(
        `would create ${plan.owner}/${plan.repo} (${plan.visibility}) with ${files.size} files in one commit on ${branch}`,
      );
      for (const line of describeRepositoryPlan(plan)) ctx.log(`would ${line}`);
      if (plan.protect)
        ctx.log(`would protect ${branch}: ${plan.protect.requiredApprovingReviewCount} approving review(s) required`);
      recordOutputs(ctx, plan, webUrl, files, 'dry-run');
      return;
    }

    const created = await createRepository(ctx, settings, plan);
    const branch = plan.defaultBranch;
    const repoTarget = { owner: plan.owner, repo: plan.repo };
    let stage = 'upload the files';
    const onStage = (s: string): void => {
      stage = s;
    };
    // The stage names the request that failed: "GitHub refused to create the commit (409): ...".
    let commit: CommitResult;
    try {
      commit = await commitFiles(
        settings.octokit,
        { ...repoTarget, message: plan.commitMessage, author: plan.author },
        files,
        onStage,
      );
      await pointDefaultBranch(settings.octokit, repoTarget, branch, created.defaultBranch, commit.commitSha, onStage);
    } catch (error) {
      throw new ActionError(describeGitHubError(error, stage));
    }
    ctx.log(
      `committed ${files.size} file${files.size === 1 ? '' : 's'} to ${branch} in one commit (${commit.commitSha.slice(0, 7)})`,
    );

    const finishing = settingsRequests(settings, plan);
    if (plan.protect && plan.visibility !== 'public' && !created.privateBranchProtection) {
      ctx.log(
        `skipped protecting ${branch}: ${plan.owner} is on ${created.planName}, which does not protect branches of ${plan.visibility} ` +
          'repositories; the repository is kept without protection',
      );
    } else if (plan.protect) {
      const protect = plan.protect;
      finishing.push(
        onGitHub(`protect the branch ${branch}`, () =>
          protectBranch(settings.octokit, repoTarget, branch, protect),
        ).then(() => `protected ${branch}`),
      );
    }
    await settle(ctx, finishing);
    recordOutputs(ctx, plan, webUrl, files, commit.commitSha);
  },
});

function recordOutputs(
  ctx: ActionContext<unknown>,
  plan: PublishPlan,
  webUrl: string,
  files: Workspace,
  commitHash: string,
): void {
  // Backstage gives the clone URL as remoteUrl; templates link to it, so the page it leads to is given.
  ctx.output('remoteUrl', webUrl);
  ctx.output('repoContentsUrl', `${webUrl}/blob/${plan.defaultBranch}`);
  ctx.output('commitHash', commitHash);
  ctx.published.set(`${plan.owner}/${plan.repo}`.toLowerCase(), {
    owner: plan.owner,
    repo: plan.repo,
    branch: plan.defaultBranch,
    webUrl,
    files,
  });
}
