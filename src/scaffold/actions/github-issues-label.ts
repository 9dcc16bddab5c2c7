// github:issues:label: adds labels to an issue or pull request. Undone by removing the labels
// this step added (those it already had are left).
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubIssuesLabelAction = defineAction({
  id: 'github:issues:label',
  description: 'Adds labels to an issue or a pull request.',
  input: z.object({
    repoUrl: repoUrlInput,
    number: z.number().int().positive(),
    labels: z.array(z.string().min(1)),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'label issues');
    const { number, labels } = ctx.input;
    const where = `${target.owner}/${target.repo}#${number}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would label ${where} ${labels.join(', ')}`);
      return;
    }
    const issue = { owner: target.owner, repo: target.repo, issue_number: number };
    const { data: before } = await onGitHub(`read the labels of ${where}`, () =>
      github.octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/labels', issue),
    );
    const had = new Set(before.map((l) => l.name));
    await onGitHub(`label ${where}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', { ...issue, labels }),
    );
    ctx.log(`labelled ${where} ${labels.join(', ')}`);
    const added = labels.filter((l) => !had.has(l));
    ctx.onRollback(() =>
      undoOnGitHub(`the labels ${added.join(', ')} on ${where}`, async () => {
        for (const name of added)
          await github.octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}', {
            ...issue,
            name,
          });
      }),
    );
  },
});
