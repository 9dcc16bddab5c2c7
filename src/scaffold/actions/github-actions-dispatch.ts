// github:actions:dispatch: starts a GitHub Actions workflow (workflow_dispatch) in a repository
// of the organisation, e.g. a new repository's first deployment.
import { describeGitHubError } from './publish/github-errors.js';
import { ActionError, readRepoUrlInput, type ScaffoldAction } from './action.js';

export const githubActionsDispatchAction: ScaffoldAction = {
  id: 'github:actions:dispatch',
  description: 'Starts a GitHub Actions workflow with workflow_dispatch.',
  inputSchema: {
    type: 'object',
    required: ['repoUrl', 'workflowId', 'branchOrTagName'],
    properties: {
      repoUrl: { type: 'string', minLength: 1 },
      workflowId: { type: 'string', minLength: 1, description: 'The workflow file name (ci.yml) or its id.' },
      branchOrTagName: { type: 'string', minLength: 1 },
      workflowInputs: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] } },
    },
  },
  async run(ctx) {
    const settings = ctx.services.github;
    if (!settings && !ctx.dryRun)
      throw new ActionError(
        'GitHub is not configured: set GITHUB_ORG and GITHUB_TOKEN (or a GitHub App) to start workflows',
      );
    const url = readRepoUrlInput(ctx.input.repoUrl);
    const owner = url.owner ?? url.organization ?? '';
    if (settings && owner.toLowerCase() !== settings.org.toLowerCase()) {
      throw new ActionError(`repoUrl names the owner ${owner}, but Callboard works in ${settings.org}`);
    }
    const workflow = ctx.input.workflowId as string;
    const ref = ctx.input.branchOrTagName as string;
    const inputs = (ctx.input.workflowInputs ?? {}) as Record<string, unknown>;
    if (ctx.dryRun || !settings) {
      ctx.log(`would start the workflow ${workflow} of ${owner}/${url.repo} on ${ref}`);
      return;
    }
    try {
      await settings.octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
        owner,
        repo: url.repo,
        workflow_id: workflow,
        ref,
        // GitHub takes workflow inputs as texts.
        inputs: Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v)])),
      });
    } catch (error) {
      throw new ActionError(describeGitHubError(error, `start the workflow ${workflow}`));
    }
    ctx.log(`started the workflow ${workflow} of ${owner}/${url.repo} on ${ref}`);
  },
};
