// The CLI commands that read or write the catalog, each sent to the running server when one holds
// the embedded database, and run on the store otherwise: `sync`, `status`, `validate --catalog`.
// Each command imports what it runs when it runs: a sync of a folder loads neither GitHub's
// client, nor the validator's reports, nor the answering side `status` needs.
import { resolve } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import type { CommandRequest } from './command-endpoint.js';
import { catalogRoute, refusedInOneLine } from './catalog-route.js';
import { openCatalog, type OpenCatalog } from './open-catalog.js';
import { knownRefsInServer, runInServer } from './server-client.js';
import type { Output } from './output.js';
import { folderLocationKey } from '../sources/local/index.js';

export function runSyncCommand(
  config: Config,
  dirs: string[],
  options: { github?: boolean },
  logger: Logger,
  output: Output,
): Promise<number> {
  // Folders are the user's, relative to where they typed the command, not to where the server runs.
  const folders = (dirs.length ? dirs : config.catalogDirs).map((dir) => resolve(dir));
  return refusedInOneLine('sync', output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') {
      const request: CommandRequest = options.github ? { command: 'sync-github' } : { command: 'sync', dirs: folders };
      return runInServer(route.holder, config.dataDir, request, output);
    }
    // The stores alone: a sync answers nothing, so it builds no search index.
    const callboard = await openCatalog(config, 'sync');
    try {
      return options.github
        ? await (await import('./github.js')).runGitHubSyncCommand(callboard, logger, output)
        : await (await import('./sync-command.js')).runFolderSync(callboard.stores.catalog, folders, output, {
            maxFileBytes: config.catalogMaxFileBytes,
          });
    } finally {
      await callboard.close();
    }
  });
}

/** `callboard status`: what `/callboard status` answers in Slack. */
export async function runStatusCommand(config: Config, logger: Logger, output: Output): Promise<number> {
  const { runAsk } = await import('./ask-command.js');
  return runAsk(config, '/callboard status', async () => logger, output, 'status');
}

/** `callboard validate [--catalog]`: with --catalog, references are checked against the running catalog too. */
export async function runValidateCommand(config: Config | undefined, paths: string[], output: Output): Promise<number> {
  const { runValidate } = await import('./validate-command.js');
  if (!config) return runValidate(paths, output);
  return refusedInOneLine('validate', output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') {
      const { holder } = route;
      return runValidate(paths, output, { knownRefs: (refs) => knownRefsInServer(holder, config.dataDir, refs) });
    }
    const callboard = await openCatalog(config, 'validate');
    try {
      return await runValidate(paths, output, {
        knownRefs: async (refs) => new Set((await callboard.stores.catalog.entitySummaries(refs)).map((e) => e.ref)),
      });
    } finally {
      await callboard.close();
    }
  });
}

/** `callboard locations`: every location the catalog reads, with its entity count and last read. */
export function runLocationsCommand(config: Config, output: Output): Promise<number> {
  return onCatalog(config, output, 'locations', { command: 'locations' }, async (callboard) =>
    (await import('./locations-command.js')).runLocations(callboard.stores.catalog, output),
  );
}

/** `callboard forget <location>`: removes a location (a key as listed, or a folder) and its entities. */
export async function runForgetCommand(config: Config, typed: string, output: Output): Promise<number> {
  const { locationKeyOf, runForget } = await import('./locations-command.js');
  // A folder is the user's, relative to where they typed the command, not to where the server runs.
  const key = locationKeyOf(typed);
  const configured = config.catalogDirs.map((dir) => folderLocationKey(dir));
  return onCatalog(config, output, 'forget', { command: 'forget', key, configured }, (callboard) =>
    runForget(callboard.stores.catalog, key, configured, output),
  );
}

/** Runs `run` on the store, or sends `request` to the running server that holds the embedded database. */
function onCatalog(
  config: Config,
  output: Output,
  name: string,
  request: CommandRequest,
  run: (catalog: OpenCatalog) => Promise<number>,
): Promise<number> {
  return refusedInOneLine(name, output, async () => {
    const route = catalogRoute(config);
    if (route.via === 'server') return runInServer(route.holder, config.dataDir, request, output);
    const callboard = await openCatalog(config, name);
    try {
      return await run(callboard);
    } finally {
      await callboard.close();
    }
  });
}
