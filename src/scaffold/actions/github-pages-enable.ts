// github:pages:enable: turns GitHub Pages on for a repository (Backstage's defaults: built by a
// workflow, from main, at /). Undone by turning Pages off again.
import { z } from 'zod';
import { defineAction } from './define-action.js';
import { gitHubTarget, onGitHub, repoUrlInput, tokenInput, undoOnGitHub } from './github-target.js';

export const githubPagesEnableAction = defineAction({
  id: 'github:pages:enable',
  description: 'Enables GitHub Pages for a repository.',
  input: z.object({
    repoUrl: repoUrlInput,
    buildType: z.enum(['legacy', 'workflow']).default('workflow'),
    sourceBranch: z.string().default('main'),
    sourcePath: z.enum(['/', '/docs']).default('/'),
    token: tokenInput,
  }),
  async run(ctx) {
    const target = gitHubTarget(ctx, ctx.input, 'enable GitHub Pages');
    const { buildType, sourceBranch, sourcePath } = ctx.input;
    const where = `${target.owner}/${target.repo}`;
    const github = target.github;
    if (ctx.dryRun || !github) {
      ctx.log(`would enable GitHub Pages on ${where} (${buildType}, ${sourceBranch} ${sourcePath})`);
      return;
    }
    const repo = { owner: target.owner, repo: target.repo };
    await onGitHub(`enable GitHub Pages on ${where}`, () =>
      github.octokit.request('POST /repos/{owner}/{repo}/pages', {
        ...repo,
        build_type: buildType,
        source: { branch: sourceBranch, path: sourcePath },
      }),
    );
    ctx.log(`enabled GitHub Pages on ${where}`);
    ctx.onRollback(() =>
      undoOnGitHub(`GitHub Pages on ${where}`, () =>
        github.octokit.request('DELETE /repos/{owner}/{repo}/pages', repo),
      ),
    );
  },
});
