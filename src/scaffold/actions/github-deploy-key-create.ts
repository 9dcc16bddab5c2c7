// github:deployKey:create: adds a deploy key to a repository and keeps its private half as an
// Actions secret there (Backstage's default name: <KEY NAME>_PRIVATE_KEY). Undone by deleting
// the key and the secret.
import { z } from 'zod';
import { setActionsSecrets } from './publish/actions-secrets.js';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubDeployKeyCreateAction = defineAction({
  id: 'github:deployKey:create',
  description: 'Creates a deploy key and stores its private key as an Actions secret.',
  input: z.object({
    repoUrl: repoUrlInput,
    publicKey: z.string().min(1),
    privateKey: z.string().min(1),
    deployKeyName: z.string().min(1),
    privateKeySecretName: z.string().optional(),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'create deploy keys');
    const { publicKey, privateKey, deployKeyName } = ctx.input;
    const secretName =
      ctx.input.privateKeySecretName ?? `${deployKeyName.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}_PRIVATE_KEY`;
    const where = `${target.owner}/${target.repo}`;
    ctx.output('privateKeySecretName', secretName);
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would add the deploy key ${deployKeyName} to ${where} and keep its private key as ${secretName}`);
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    const { data } = await onGitHub(`add the deploy key ${deployKeyName} to ${where}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/keys', { ...repo, title: deployKeyName, key: publicKey }),
    );
    ctx.onRollback(() =>
      undoOnGitHub(`the deploy key ${deployKeyName} on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/keys/{key_id}', { ...repo, key_id: data.id }),
      ),
    );
    await onGitHub(`keep the private key as the secret ${secretName}`, () =>
      setActionsSecrets(github.octokit, repo, { [secretName]: privateKey }),
    );
    ctx.onRollback(() =>
      undoOnGitHub(`the secret ${secretName} on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/actions/secrets/{secret_name}', {
          ...repo,
          secret_name: secretName,
        }),
      ),
    );
    ctx.log(`added the deploy key ${deployKeyName} to ${where}; its private key is the secret ${secretName}`);
  },
});
