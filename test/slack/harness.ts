// A running Callboard Slack app for tests: the demo catalog (or given folders) in a fresh store
// (PGlite in memory; the machine's Postgres when DATABASE_URL is set, as CI runs it), the real
// search and portal, the real Bolt app listening on an HTTP port with a signing
// secret, and a fake Slack that its Web API calls and response_url posts go to.
import { commands as allCommands, homeTab } from '../../commands/index.js';
import { registerCreate } from '../../commands/create.js';
import { registerPaging } from '../../commands/oncall/paging-listeners.js';
import { EVERYONE, type CreatePolicy } from '../../src/scaffold/access/create-policy.js';
import { createScaffolder } from '../../src/scaffold/create-scaffolder.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createOnCall, type OnCall } from '../../src/oncall/index.js';
import { Portal } from '../../src/portal/index.js';
import { SearchService } from '../../src/search/index.js';
import { createSlackApp, type SlackApp, type SlashCommand } from '../../src/slack/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { FakeSlack, type FakeSlackOptions } from '../support/fake-slack.js';
import { openTestStore } from '../support/store.js';
import { SlackClient } from '../support/slack-client.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface Harness {
  store: CatalogStore;
  portal: Portal;
  search: SearchService;
  fake: FakeSlack;
  slack: SlackApp;
  client: SlackClient;
  /** http://127.0.0.1:<port> */
  baseUrl: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  catalogDirs?: string[];
  fake?: FakeSlackOptions;
  commands?: readonly SlashCommand[];
  ackBudgetMs?: number;
  /** An already-filled store to serve (the harness then leaves closing it to the caller). */
  store?: CatalogStore;
  /** Who may use /create (registered as in production, without GitHub; default: everyone). */
  createPolicy?: CreatePolicy;
  /** Live on-call and paging, as in production; default: no provider credentials (answers show links only). */
  onCall?: OnCall;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownStore = !options.store;
  const store = options.store ?? await openTestStore(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  if (ownStore) {
    const { failures } = await syncFolders(store, options.catalogDirs ?? [defaultCatalogDir()]);
    if (failures.length) throw new Error(`catalog folders could not be read: ${failures.map((f) => f.dir).join(', ')}`);
  }
  const search = new SearchService(() => store.searchRows(), () => store.catalogVersion());
  await search.refresh();
  const portal = new Portal(store, async (query, o) => {
    await search.ensureFresh();
    return search.search(query, o);
  }, { docsBaseUrl: 'https://docs.example.com' });
  // As production composes it: with no tokens, the providers are off and their links show.
  const onCall = options.onCall ?? createOnCall({
    pagerduty: { apiUrl: 'http://127.0.0.1:9', eventsUrl: 'http://127.0.0.1:9' },
    opsgenie: { apiUrl: 'http://127.0.0.1:9' },
  }, silentLogger);
  const fake = await FakeSlack.start(options.fake);
  const slack = await createSlackApp({
    config: { port: 0, slack: { botToken: fake.botToken, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl.replace(/\/$/, '') } },
    portal, store, logger: silentLogger,
    commands: options.commands ?? allCommands,
    home: homeTab,
    ackBudgetMs: options.ackBudgetMs,
    onCall: onCall.directory,
  });
  const scaffolder = createScaffolder({
    store,
    settings: {
      templateDirs: [new URL('../fixtures/scaffold/templates/', import.meta.url).pathname],
      catalogTemplates: false,
      policy: options.createPolicy ?? EVERYONE,
      keepFailedRepos: false,
    },
    logger: silentLogger,
  });
  registerCreate(slack.app, slack.registered, { scaffolder, portal, store, logger: silentLogger });
  registerPaging(slack.app, slack.registered, { portal, store, pager: onCall.pager, logger: silentLogger });
  const { port } = await slack.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new SlackClient(`${baseUrl}/slack/events`, SIGNING_SECRET, () => fake.responseUrl());
  return {
    store, portal, search, fake, slack, client, baseUrl,
    async close() {
      await scaffolder.tasks.idle();
      await slack.stop();
      await fake.close();
      if (ownStore) await store.close();
    },
  };
}

