// github:environment:create: creates a deployment environment with its branch and tag
// policies, variables and secrets. Undone by deleting the environment (which takes them along).
import { z } from 'zod';
import { setActionsSecrets } from './publish/actions-secrets.js';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubEnvironmentCreateAction = defineAction({
  id: 'github:environment:create',
  description: 'Creates a deployment environment on a repository.',
  input: z.object({
    repoUrl: repoUrlInput,
    name: z.string().min(1),
    deploymentBranchPolicy: z
      .object({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() })
      .optional(),
    customBranchPolicyNames: z.array(z.string()).default([]),
    customTagPolicyNames: z.array(z.string()).default([]),
    environmentVariables: z.record(z.string(), z.string()).default({}),
    secrets: z.record(z.string(), z.string()).default({}),
    waitTimer: z.number().int().min(0).max(43200).optional(),
    preventSelfReview: z.boolean().optional(),
    reviewers: z.array(z.string()).optional(),
    token: tokenInput,
  }),
  unused: {
    reviewers: 'reviewers are named by id on GitHub; set them in the environment settings',
  },
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'create environments');
    const input = ctx.input;
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would create the environment ${input.name} on ${where}`);
      return;
    }
    const env = { owner: target.owner, repo: target.repo, environment_name: input.name };
    await onGitHub(`create the environment ${input.name} on ${where}`, () =>
      github.octokit.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', {
        ...env,
        deployment_branch_policy: input.deploymentBranchPolicy ?? null,
        ...(input.waitTimer === undefined ? {} : { wait_timer: input.waitTimer }),
        ...(input.preventSelfReview === undefined ? {} : { prevent_self_review: input.preventSelfReview }),
      }),
    );
    ctx.onRollback(() =>
      undoOnGitHub(`the environment ${input.name} on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/environments/{environment_name}', env),
      ),
    );
    const policies = [
      ...input.customBranchPolicyNames.map((name) => ({ name, type: 'branch' as const })),
      ...input.customTagPolicyNames.map((name) => ({ name, type: 'tag' as const })),
    ];
    for (const policy of policies) {
      await onGitHub(`allow the ${policy.type} ${policy.name} to deploy to ${input.name}`, () =>
        github.octokit.request(
          'POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies',
          { ...env, ...policy },
        ),
      );
    }
    for (const [name, value] of Object.entries(input.environmentVariables)) {
      await onGitHub(`set the variable ${name} of ${input.name}`, () =>
        github.octokit.request('POST /repos/{owner}/{repo}/environments/{environment_name}/variables', {
          ...env,
          name,
          value,
        }),
      );
    }
    await onGitHub(`set the secrets of ${input.name}`, () =>
      setActionsSecrets(github.octokit, { ...target, environment: input.name }, input.secrets),
    );
    ctx.log(`created the environment ${input.name} on ${where}`);
  },
});
