// catalog:register: puts the new repository's catalog-info.yaml into the catalog at once, so
// `/service <name>` finds it before any sync has run.
import { parseCatalogFile } from '../../catalog/parse.js';
import { gitBlobSha } from './publish/git-blob-sha.js';
import { z } from 'zod';
import { ActionError, type ActionContext, type PublishedRepository } from './action.js';
import { defineAction } from './define-action.js';

const input = z.object({
  repoContentsUrl: z.string().optional(),
  catalogInfoPath: z.string().default('/catalog-info.yaml'),
  catalogInfoUrl: z.string().optional(),
  optional: z.boolean().default(false),
  token: z.string().optional(),
});

/** Finds the repository and file a repoContentsUrl/catalogInfoPath or catalogInfoUrl point at. */
function locateFile(ctx: ActionContext<z.output<typeof input>>): {
  repo: PublishedRepository;
  path: string;
  url: string;
} {
  const explicit = ctx.input.catalogInfoUrl;
  const contents = ctx.input.repoContentsUrl?.replace(/\/+$/, '');
  const infoPath = ctx.input.catalogInfoPath;
  const url = explicit ?? (contents ? `${contents}/${infoPath.replace(/^\/+/, '')}` : undefined);
  if (!url) throw new ActionError('give repoContentsUrl (with catalogInfoPath) or catalogInfoUrl');
  for (const repo of ctx.published.values()) {
    const prefix = `${repo.webUrl}/blob/${repo.branch}/`;
    if (url.toLowerCase().startsWith(prefix.toLowerCase())) return { repo, path: url.slice(prefix.length), url };
  }
  throw new ActionError(`${url} is not in a repository an earlier step of this template published`);
}

function mainEntityRef(refs: string[]): string | undefined {
  return refs.find((r) => !r.startsWith('location:')) ?? refs[0];
}

export const catalogRegisterAction = defineAction({
  id: 'catalog:register',
  description: 'Registers the published catalog-info.yaml in the catalog straight away.',
  input,
  unused: { token: 'the catalog is written directly; no token is needed to read the new repository' },
  async run(ctx) {
    const { repo, path, url } = locateFile(ctx);
    const file = repo.files.get(path);
    if (!file) {
      if (ctx.input.optional) {
        ctx.log(`${path} is not in the repository; nothing to register`);
        return;
      }
      throw new ActionError(`the new repository has no ${path} to register`);
    }
    const text = file.content.toString('utf8');
    const parsed = parseCatalogFile(text, { file: path, url });
    if (!parsed.entities.length) {
      const reasons = parsed.problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ');
      throw new ActionError(`${path} declares no valid entity${reasons ? `: ${reasons}` : ''}`);
    }
    const refs = parsed.entities.map((e) => e.ref);
    ctx.output('catalogInfoUrl', url);
    ctx.output('entityRef', mainEntityRef(refs));
    if (ctx.dryRun) {
      ctx.log(`would register ${refs.join(', ')} from ${path}`);
      return;
    }
    const registrar = ctx.services.catalog;
    if (!registrar) throw new ActionError('the catalog is not available to register the new repository');
    const result = await registrar.register({
      org: repo.owner,
      repo: repo.repo,
      branch: repo.branch,
      files: [{ path, text, sha: gitBlobSha(file.content), url }],
    });
    if (!result.entityRefs.length)
      throw new ActionError(`the catalog did not accept ${path}: ${result.problems.join('; ') || 'no entity'}`);
    ctx.output('entityRef', mainEntityRef(result.entityRefs));
    ctx.log(`registered ${result.entityRefs.join(', ')}`);
    for (const problem of result.problems) ctx.log(`problem: ${problem}`);
  },
});
