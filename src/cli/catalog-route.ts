// Where a command that reads or writes the catalog goes: to the store itself (Postgres, or a
// PGlite folder nobody holds), or to the running `start` that holds the folder. Anything else
// (another command using the folder, a server that does not answer) is refused in one line.
import type { Config } from '../config.js';
import { DataDirBusyError, lockHolder } from './data-dir-lock.js';
import { isServing, ServerUnavailableError, type Served } from './server-client.js';
import type { Output } from './sync-command.js';

type CatalogRoute = { via: 'store' } | { via: 'server'; holder: Served };

export function catalogRoute(config: Config): CatalogRoute {
  // Postgres takes any number of clients.
  if (config.databaseUrl) return { via: 'store' };
  const holder = lockHolder(config.dataDir);
  if (!holder) return { via: 'store' };
  if (isServing(holder)) return { via: 'server', holder };
  throw new DataDirBusyError(config.dataDir, holder);
}

/** Runs a command, turning a refusal to share the database into its one line and exit code 1. */
export async function refusedInOneLine(command: string, output: Output, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DataDirBusyError) && !(error instanceof ServerUnavailableError)) throw error;
    output.err(`callboard ${command}: ${error.message}`);
    return 1;
  }
}
