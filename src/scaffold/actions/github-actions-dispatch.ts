// github:actions:dispatch: starts a GitHub Actions workflow (workflow_dispatch) in a repository
// of the organisation, e.g. a new repository's first deployment.
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput } from './github-target.js';

export const githubActionsDispatchAction = defineAction({
  id: 'github:actions:dispatch',
  description: 'Starts a GitHub Actions workflow with workflow_dispatch.',
  input: z.object({
    repoUrl: repoUrlInput,
    workflowId: z.string().min(1).describe('The workflow file name (ci.yml) or its id.'),
    branchOrTagName: z.string().min(1),
    workflowInputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    token: tokenInput,
    returnWorkflowRunDetails: z.boolean().optional(),
  }),
  unused: { returnWorkflowRunDetails: 'GitHub gives the run only to newer API versions; no run details are output' },
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'start workflows');
    const { workflowId: workflow, branchOrTagName: ref } = ctx.input;
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would start the workflow ${workflow} of ${where} on ${ref}`);
      return;
    }
    await onGitHub(`start the workflow ${workflow}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
        owner: target.owner,
        repo: target.repo,
        workflow_id: workflow,
        ref,
        // GitHub takes workflow inputs as texts.
        inputs: Object.fromEntries(Object.entries(ctx.input.workflowInputs).map(([k, v]) => [k, String(v)])),
      }),
    );
    ctx.log(`started the workflow ${workflow} of ${where} on ${ref}`);
  },
});
