// `callboard create NAME --values file --dry-run` as configured: the dry run checks what the real
// run would. Custom actions are loaded (SCAFFOLDER_ACTION_MODULES); owners and other entity
// pickers are checked against the catalog, as the modal's catalog menus do; with GitHub configured,
// a repository name that is taken is refused and skeletons at GitHub URLs are read through it.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { describeModuleProblem, loadActionModules } from '../scaffold/actions/custom/load-action-modules.js';
import { repositoryExistsCheck } from '../scaffold/actions/publish/repository-exists.js';
import { webUrlFor } from '../scaffold/create-scaffolder.js';
import type { ValueChecks } from '../scaffold/template/validate-values.js';
import { createGitHubConnection } from '../sources/github/index.js';
import { catalogRoute, refusedInOneLine } from './catalog-route.js';
import { runCreateCommand, type CreateCommandOptions } from './create-dry-run.js';
import { openCatalog } from './open-catalog.js';
import type { Output } from './output.js';
import { knownRefsInServer } from './server-client.js';

async function connectionOf(config: Config, logger: Logger) {
  if (!config.github) return undefined;
  return createGitHubConnection({
    org: config.github.org,
    token: config.github.token,
    app: config.github.app,
    apiUrl: config.github.apiUrl,
    logger,
  });
}

/** What `callboard templates` reads skeletons at GitHub URLs through: the configured organisation's connection. */
export async function templatesGitHub(config: Config, logger: Logger) {
  const connection = await connectionOf(config, logger);
  return connection && { octokit: connection.octokit, webUrl: webUrlFor(config.github?.apiUrl) };
}

export async function runConfiguredDryRun(
  config: Config,
  templateName: string,
  options: Pick<CreateCommandOptions, 'values' | 'out'>,
  logger: Logger,
  output: Output,
): Promise<number> {
  const loaded = await loadActionModules(config.scaffold.actionModules ?? []);
  for (const problem of loaded.problems) output.err(describeModuleProblem(problem));
  const connection = await connectionOf(config, logger);
  const base: CreateCommandOptions = {
    ...options,
    dryRun: true,
    templateDirs: config.scaffold.templateDirs,
    actions: loaded.registry,
    github: connection ? { octokit: connection.octokit, webUrl: webUrlFor(config.github?.apiUrl) } : undefined,
  };
  const checks = (knownEntities: ValueChecks['knownEntities']): ValueChecks => ({
    knownEntities,
    ...(connection ? { repositoryExists: repositoryExistsCheck(connection.octokit) } : {}),
  });
  return refusedInOneLine('create', output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') {
      const { holder } = route;
      const known = (refs: string[]) => knownRefsInServer(holder, config.dataDir, refs);
      return runCreateCommand(templateName, { ...base, checks: checks(known) }, output);
    }
    const callboard = await openCatalog(config, 'create');
    try {
      const known = async (refs: string[]) =>
        new Set((await callboard.stores.catalog.entitySummaries(refs)).map((e) => e.ref));
      return await runCreateCommand(templateName, { ...base, checks: checks(known) }, output);
    } finally {
      await callboard.close();
    }
  });
}
