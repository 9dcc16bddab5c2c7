// A running Callboard Slack app for tests: the demo catalog (or given folders) in a fresh store
// (PGlite in memory; the machine's Postgres when DATABASE_URL is set, as CI runs it), the real
// search and portal, the real Bolt app listening on an HTTP port with a signing
// secret, and a fake Slack that its Web API calls and response_url posts go to.
import { createCallboardSlackApp, type CallboardSlackApp } from '../../src/cli/server.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createOnCall, type OnCall } from '../../src/oncall/index.js';
import type { NoticeActions } from '../../src/notices/notice-actions.js';
import type { Portal } from '../../src/portal/index.js';
import { EVERYONE, type CreatePolicy } from '../../src/scaffold/run/create-policy.js';
import type { ScoringService } from '../../src/scorecards/scoring-service.js';
import type { SearchService } from '../../src/search/index.js';
import type { SlashCommand } from '../../src/slack/index.js';
import type { CatalogStore, Db, Stores } from '../../src/store/index.js';
import { searchAndPortal, testCallboard } from '../support/callboard.js';
import { FakeSlack, type FakeSlackOptions } from '../support/fake-slack.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { SlackClient } from '../support/slack-client.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface Harness {
  stores: Stores;
  store: CatalogStore;
  /** The raw tables, to check what ended up stored. */
  db: Db;
  portal: Portal;
  search: SearchService;
  /** The scorer the app answers /scorecard from. */
  scoring: ScoringService;
  fake: FakeSlack;
  slack: CallboardSlackApp;
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
  /** Already-filled stores to serve (the harness then leaves closing them to the caller). */
  stores?: TestStores;
  /** Who may use /create (registered as in production, without GitHub; default: everyone). */
  createPolicy?: CreatePolicy;
  /** Live on-call and paging, as in production; default: no provider credentials (answers show links only). */
  onCall?: OnCall;
  /** Folders of scorecards (default: the shipped scorecards/). */
  scorecardDirs?: string[];
  /** Template folders after the fixtures' (TEMPLATE_DIRS): where scorecard fixes must be. */
  templateDirs?: string[];
  /** UNFURL_DOMAINS: the domains whose links the app unfurls (default: none). */
  unfurlDomains?: string[];
  /** Score the catalog before serving (otherwise nothing is scored until a test asks the scorer). */
  scored?: boolean;
  /** What notice and ownership-check buttons do (App Home, "Do you still own these?"), given the fake Slack. */
  noticeActions?: (fake: FakeSlack) => NoticeActions;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownStores = !options.stores;
  const stores = options.stores ?? (await openTestStores(process.env.DATABASE_URL ? 'postgres' : 'pglite'));
  const store = stores.catalog;
  if (ownStores) {
    const { failures } = await syncFolders(store, options.catalogDirs ?? [defaultCatalogDir()]);
    if (failures.length) throw new Error(`catalog folders could not be read: ${failures.map((f) => f.dir).join(', ')}`);
  }
  const fake = await FakeSlack.start(options.fake);
  const { search, portal } = searchAndPortal(store, {
    docsBaseUrl: 'https://docs.example.com',
    notices: options.noticeActions?.(fake),
  });
  await search.refresh();
  // As production composes it: with no tokens, the providers are off and their links show.
  const onCall =
    options.onCall ??
    createOnCall(
      {
        pagerduty: { apiUrl: 'http://127.0.0.1:9', eventsUrl: 'http://127.0.0.1:9' },
        opsgenie: { apiUrl: 'http://127.0.0.1:9' },
      },
      silentLogger,
    );
  const callboard = testCallboard(
    { stores, search, portal },
    {
      slack: { botToken: fake.botToken, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl.replace(/\/$/, '') },
      scaffold: {
        templateDirs: [
          new URL('../fixtures/scaffold/templates/', import.meta.url).pathname,
          ...(options.templateDirs ?? []),
        ],
        catalogTemplates: false,
        policy: options.createPolicy ?? EVERYONE,
        keepFailedRepos: false,
      },
      ...(options.scorecardDirs ? { scorecardDirs: options.scorecardDirs } : {}),
      ...(options.unfurlDomains ? { unfurlDomains: options.unfurlDomains } : {}),
    },
  );
  // Scores stored before the first question, as a running Callboard has them.
  if (options.scored) await callboard.scoring.scoreAll();
  // The app `callboard start` serves, built by the same factory.
  const slack = await createCallboardSlackApp(callboard, silentLogger, {
    commands: options.commands,
    onCall,
    ackBudgetMs: options.ackBudgetMs,
  });
  const { port } = await slack.start();
  const baseUrl = `http://127.0.0.1:${port}`;
  const client = new SlackClient(`${baseUrl}/slack/events`, SIGNING_SECRET, () => fake.responseUrl());
  return {
    stores,
    store,
    db: stores.db,
    portal,
    search,
    scoring: callboard.scoring,
    fake,
    slack,
    client,
    baseUrl,
    async close() {
      await slack.stop();
      await fake.close();
      if (ownStores) await stores.close();
    },
  };
}
