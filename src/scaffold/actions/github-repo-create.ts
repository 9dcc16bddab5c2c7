// github:repo:create: creates the repository with its settings and access, without the
// workspace's files (github:repo:push commits them). Undone by deleting the repository.
import { z } from 'zod';
import {
  createRepository,
  describeRepositoryPlan,
  settingsRequests,
  settle,
  undoRepositoryAfterRestart,
} from './publish/create-repository.js';
import { readRepositoryPlan } from './publish/publish-input.js';
import { defineAction } from './define-action.js';
import { repositorySettingsInputs, unusedRepositorySettings } from './github-inputs.js';
import { allowedHostsInput, gitHubTarget, repoUrlInput, tokenInput } from './github-target.js';

export const githubRepoCreateAction = defineAction({
  id: 'github:repo:create',
  description: 'Creates a GitHub repository in the organisation, with its settings and access.',
  input: z.object({
    repoUrl: repoUrlInput,
    allowedHosts: allowedHostsInput,
    token: tokenInput,
    ...repositorySettingsInputs,
    // Backstage takes protection inputs here too but applies them in github:repo:push.
    requireCodeOwnerReviews: z.boolean().optional(),
    requiredStatusCheckContexts: z.array(z.string()).optional(),
    requiredApprovingReviewCount: z.number().optional(),
    requireBranchesToBeUpToDate: z.boolean().optional(),
    requiredConversationResolution: z.boolean().optional(),
    bypassPullRequestAllowances: z.unknown().optional(),
    restrictions: z.unknown().optional(),
    requireCommitSigning: z.boolean().optional(),
  }),
  unused: {
    ...unusedRepositorySettings,
    ...Object.fromEntries(
      [
        'requireCodeOwnerReviews',
        'requiredStatusCheckContexts',
        'requiredApprovingReviewCount',
        'requireBranchesToBeUpToDate',
        'requiredConversationResolution',
        'bypassPullRequestAllowances',
        'restrictions',
        'requireCommitSigning',
      ].map((key) => [key, 'branch protection is set by github:repo:push, as in Backstage']),
    ),
  },
  async undoAfterRestart(step) {
    const target = gitHubTarget({ dryRun: false, services: step.services }, step.input, 'check the repository');
    return undoRepositoryAfterRestart(target.github, target, step.taskStartedAt);
  },
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'create repositories');
    const plan = readRepositoryPlan(ctx.input, target);
    const github = target.github;
    const webUrl = `${github?.webUrl ?? `https://${target.host}`}/${plan.owner}/${plan.repo}`;
    if (ctx.dryRun || !github) {
      ctx.log(`would create ${plan.owner}/${plan.repo} (${plan.visibility})`);
      for (const line of describeRepositoryPlan(plan)) ctx.log(`would ${line}`);
      ctx.output('remoteUrl', `${webUrl}.git`);
      ctx.output('repoContentsUrl', `${webUrl}/blob/main`);
      return;
    }
    const created = await createRepository(ctx, github, plan);
    await settle(ctx, settingsRequests(github, plan));
    ctx.output('remoteUrl', created.cloneUrl);
    ctx.output('repoContentsUrl', `${created.webUrl}/blob/${created.defaultBranch}`);
  },
});
