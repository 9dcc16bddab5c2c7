// One Callboard replica for the burst benchmark, run as its own process (replicas do not share an
// event loop): the store in the benchmark's Postgres schema, the search index, and the Slack app
// over signed HTTP. Prints {"port": n} once serving; stops on SIGTERM.
import { commands } from '../commands/index.js';
import { silentLogger } from '../src/log.js';
import { Portal } from '../src/portal/index.js';
import { SearchService } from '../src/search/index.js';
import { createSlackApp } from '../src/slack/index.js';
import { openStores } from '../src/store/index.js';

const {
  BENCH_DATABASE_URL: url,
  BENCH_SCHEMA: pgSchema,
  BENCH_SLACK_API: apiUrl,
  BENCH_SIGNING_SECRET: signingSecret,
} = process.env;
if (!url || !pgSchema || !apiUrl || !signingSecret) throw new Error('burst-replica: BENCH_* variables are missing');

const stores = await openStores({ url, pgSchema });
const store = stores.catalog;
const search = new SearchService(
  () => store.searchRows(),
  () => store.catalogVersion(),
);
await search.refresh();
const portal = new Portal(store, (query, options) => search.searchFresh(query, options));
const slack = await createSlackApp({
  config: { port: 0, slack: { botToken: 'xoxb-bench', signingSecret, apiUrl } },
  portal,
  stores,
  commands,
  logger: silentLogger,
});
const { port } = await slack.start();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.once('SIGTERM', () => {
  void slack
    .stop()
    .then(() => stores.close())
    .then(() => process.exit(0));
});
