// The Slack app with every command and App Home over a fresh in-memory store holding the demo
// catalog, connected as `slack` configures it (HTTP, Socket Mode, or local with no workspace).
import { commands, homeTab } from '../../commands/index.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createSlackApp, type SlackApp, type SlackAppOptions } from '../../src/slack/index.js';
import { openStores, type Stores } from '../../src/store/index.js';
import { searchAndPortal } from '../support/callboard.js';

/** Not started: the caller starts it, then stops it and closes the stores. */
export async function demoSlackApp(
  slack: SlackAppOptions['config']['slack'],
): Promise<{ stores: Stores; app: SlackApp }> {
  const stores = await openStores();
  await syncFolders(stores.catalog, [defaultCatalogDir()]);
  const { portal } = searchAndPortal(stores.catalog);
  const app = await createSlackApp({
    config: { port: 0, slack },
    portal,
    stores,
    commands,
    home: homeTab,
    logger: silentLogger,
  });
  return { stores, app };
}
