// github:webhook: adds a webhook to a repository (Backstage's defaults: push events, form
// content, active, TLS checked). Undone by deleting the webhook.
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubWebhookAction = defineAction({
  id: 'github:webhook',
  description: 'Creates a webhook on a repository.',
  input: z.object({
    repoUrl: repoUrlInput,
    webhookUrl: z.string().url(),
    webhookSecret: z.string().optional(),
    events: z.array(z.string().min(1)).default(['push']),
    active: z.boolean().default(true),
    contentType: z.enum(['form', 'json']).default('form'),
    insecureSsl: z.boolean().default(false),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'create webhooks');
    const { webhookUrl, webhookSecret, events, active, contentType, insecureSsl } = ctx.input;
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would add a webhook to ${where} for ${events.join(', ')} events`);
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    const { data } = await onGitHub(`add a webhook to ${where}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/hooks', {
        ...repo,
        events,
        active,
        config: {
          url: webhookUrl,
          content_type: contentType,
          insecure_ssl: insecureSsl ? '1' : '0',
          ...(webhookSecret ? { secret: webhookSecret } : {}),
        },
      }),
    );
    ctx.log(`added a webhook to ${where} for ${events.join(', ')} events`);
    ctx.onRollback(() =>
      undoOnGitHub(`the webhook on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/hooks/{hook_id}', { ...repo, hook_id: data.id }),
      ),
    );
  },
});
