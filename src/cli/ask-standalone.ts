// `callboard ask` with no server running: opens the store, the index and the same Bolt app and
// listeners that serve Slack, answers once, and closes them.
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { openCallboard } from './open-callboard.js';
import { syncFoldersExclusively } from './local-sync.js';
import { createCallboardSlackApp } from './server.js';
import type { Output } from './output.js';
import type { CatalogStore } from '../store/index.js';

export async function askStandalone(
  config: Config,
  commandLine: string,
  logger: Logger,
  output: Output,
  command = 'ask',
): Promise<number> {
  // `command` names who holds the data folder's lock meanwhile (ask, or status).
  const callboard = await openCallboard(config, logger, command);
  try {
    if ((await callboard.stores.catalog.catalogVersion()) === 0) {
      // A fresh install that was never started: read the configured folders first (unless a
      // replica is doing just that: then its sync fills the catalog).
      output.err(`reading ${config.catalogDirs.join(', ')} into an empty catalog first…`);
      await syncFoldersExclusively(callboard.stores.catalog, config.catalogDirs, {
        maxFileBytes: config.catalogMaxFileBytes,
      });
    }
    output.err(await whichCatalog(config, callboard.stores.catalog));
    await callboard.search.refresh();
    // Scores as current as the catalog (nothing to do when a server has kept them so).
    await callboard.scoring.catchUp();
    const slack = await createCallboardSlackApp(callboard, logger, { localOnly: true });
    try {
      const answer = await slack.ask(commandLine);
      output.out(answer.text || '(no answer)');
    } finally {
      await slack.stop();
    }
  } finally {
    await callboard.close();
  }
  return 0;
}

/**
 * One line on stderr saying which catalog answers: without DATABASE_URL, `ask` reads the embedded
 * folder, which may be stale while a `start` elsewhere runs on Postgres. Never the URL's
 * credentials: host, port and database only.
 */
export async function whichCatalog(config: Config, store: CatalogStore): Promise<string> {
  if (config.databaseUrl) {
    let where = 'the database in DATABASE_URL';
    try {
      const url = new URL(config.databaseUrl);
      where = `${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname}`;
    } catch {
      // An unparsable URL would have failed to connect; the generic wording stands.
    }
    return `(answered from Postgres at ${where})`;
  }
  const last = await store.lastSyncRun();
  const synced = last
    ? `, last synced ${(last.finishedAt ?? last.startedAt).toISOString().replace(/\.\d+Z$/, 'Z')}`
    : '';
  return (
    `(answered from the embedded database in ${config.dataDir}${synced}; DATABASE_URL is not set, ` +
    'so a `callboard start` running on Postgres is not what this reads)'
  );
}
