// github:autolinks:create: makes references like TICKET-123 link to another system. Undone by
// deleting the autolink.
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubAutolinksCreateAction = defineAction({
  id: 'github:autolinks:create',
  description: 'Creates an autolink reference on a repository.',
  input: z.object({
    repoUrl: repoUrlInput,
    keyPrefix: z.string().min(1),
    urlTemplate: z.string().includes('<num>'),
    isAlphanumeric: z.boolean().default(true),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'create autolinks');
    const { keyPrefix, urlTemplate, isAlphanumeric } = ctx.input;
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would link ${keyPrefix}… in ${where} to ${urlTemplate}`);
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    const { data } = await onGitHub(`create the autolink ${keyPrefix} on ${where}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/autolinks', {
        ...repo,
        key_prefix: keyPrefix,
        url_template: urlTemplate,
        is_alphanumeric: isAlphanumeric,
      }),
    );
    ctx.log(`linked ${keyPrefix}… in ${where} to ${urlTemplate}`);
    ctx.onRollback(() =>
      undoOnGitHub(`the autolink ${keyPrefix} on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/autolinks/{autolink_id}', {
          ...repo,
          autolink_id: data.id,
        }),
      ),
    );
  },
});
