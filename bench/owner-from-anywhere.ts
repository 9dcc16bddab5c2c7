// Issue 24's figures for "Who owns this?": a 50-frame stack trace resolved to CODEOWNERS owners
// over 2,000 repositories of 20k files in all (index built once, as the cache holds it), first
// the index alone, then with the owners looked up in a store of 20k entities as the shortcut does;
// the hostile messages (40k characters, 500 URLs, binary) read; the labelled set of 100 questions;
// and a question answered end to end: a signed app_mention into the Bolt app over HTTP, until its
// chat.postMessage reaches the Web API stand-in. Printed, not asserted.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { questionListeners } from '../commands/ask/question-listeners.js';
import { syncFolders } from '../src/cli/local-sync.js';
import { defaultCatalogDir } from '../src/config.js';
import { silentLogger } from '../src/log.js';
import { ownerFromAnywhere } from '../src/portal/owner-from-anywhere.js';
import { openStores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { BENCH_SIGNING_SECRET, benchSlackApp } from './bench-slack-app.js';
import { snapshotsOf } from './catalog-writes.js';
import { generateOrganisation } from './generate-org.js';
import { searchAndPortalOver } from './search-and-portal.js';
import { startSlackStandIn } from './slack-stand-in.js';
import { RepositoryFilesIndex } from '../src/ownership/repository-files.js';
import { readQuestion } from '../src/ownership/question-reader.js';
import { thingsNamed } from '../src/ownership/things-named.js';
import { LABELLED_QUESTIONS, SCORECARD_QUESTIONS } from './owner-questions.js';

const ENTITIES = 20_000;
/** Questions about the demo organisation, asked in turn (the catalog also holds the 20k generated). */
const ASKED = [
  'who owns payments?',
  'who is on call for ledger?',
  'what depends on ledger-api?',
  'what does payments depend on?',
  'what does the ledger-team own?',
  'docs for payouts',
  'who owns the card processor?',
  'runbook for ledger',
];
const QUESTION_RUNS = 120;
const REPOSITORIES = 2_000;
const FILES_PER_REPOSITORY = 10;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(work: () => void, runs = 30): number {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

export async function run(): Promise<void> {
  const rows = Array.from({ length: REPOSITORIES }, (_, r) => ({
    repository: `https://github.com/acme/repo-${r}`,
    path: '.github/CODEOWNERS',
    text: `* @acme/team-${r % 200}\n/cmd/ @acme/platform\n**/refunds/ @acme/refunds\n`,
    files: Array.from({ length: FILES_PER_REPOSITORY }, (_, f) =>
      f === 0 && r === 7 ? 'ledger/book.go' : f === 1 && r === 7 ? 'api/handler.go' : `pkg${r}/file${f}.go`,
    ),
  }));
  rows.push({
    repository: 'https://github.com/acme/ledger-cmd',
    path: 'CODEOWNERS',
    text: '* @acme/ledger\n',
    files: ['cmd/server/main.go'],
  });
  const built = performance.now();
  const index = new RepositoryFilesIndex(rows);
  const buildMs = performance.now() - built;
  const trace = readFileSync(new URL('../../test/fixtures/stack-traces/go.txt', import.meta.url), 'utf8');
  let owners = 0;
  const traceMs = time(() => {
    owners = 0;
    for (const thing of thingsNamed(trace).things) {
      if (thing.kind !== 'stack-frame') continue;
      const file = index.fileForFrame(thing.path);
      if (file && index.ownership(file.repository, file.path)?.rule) owners += 1;
    }
  });
  console.log(
    `repositories indexed: ${rows.length} (${rows.length * FILES_PER_REPOSITORY} files), built in ${buildMs.toFixed(1)} ms`,
  );
  console.log(`50-frame Go trace to CODEOWNERS owners (p50 of 30): ${traceMs.toFixed(2)} ms, ${owners} files owned`);

  const hostile: Array<[string, string]> = [
    ['40k characters', `${'payments '.repeat(4_500)}`],
    ['500 URLs', Array.from({ length: 500 }, (_, i) => `https://github.com/acme/repo-${i}/pull/${i}`).join(' ')],
    ['binary-looking', Array.from({ length: 40_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('')],
  ];
  for (const [name, text] of hostile)
    console.log(`hostile message, ${name} (p50 of 30): ${time(() => thingsNamed(text)).toFixed(2)} ms`);

  const right = LABELLED_QUESTIONS.filter(
    ([q, want]) => JSON.stringify(readQuestion(q)) === JSON.stringify(want),
  ).length;
  console.log(`labelled questions read right: ${right}/${LABELLED_QUESTIONS.length}`);
  const scorecardRight = SCORECARD_QUESTIONS.filter(
    ([q, want]) => JSON.stringify(readQuestion(q)) === JSON.stringify(want),
  ).length;
  console.log(`scorecard questions read right: ${scorecardRight}/${SCORECARD_QUESTIONS.length}`);

  await withCatalog(rows, trace);
}

/** The store-backed figures: the trace's owners looked up in 20k entities, and questions answered over HTTP. */
async function withCatalog(
  rows: Array<{ repository: string; path: string; text: string; files: string[] }>,
  trace: string,
): Promise<void> {
  const entities = generateOrganisation(ENTITIES);
  const groups = entities.filter((e) => e.kind === 'Group').map((e) => e.metadata.name);
  const stores = await openStores();
  const posted: number[] = [];
  const standIn = await startSlackStandIn((method, at) => {
    if (method === 'chat.postMessage') posted.push(at);
  });
  try {
    await syncSnapshots(stores.catalog, snapshotsOf(entities));
    const { failures } = await syncFolders(stores.catalog, [defaultCatalogDir()]);
    if (failures.length) throw new Error('the demo catalog could not be read');
    const { portal } = await searchAndPortalOver(stores.catalog);

    // CODEOWNERS naming the generated organisation's teams, so each owner is a catalog lookup.
    const named = rows.map((row, r) => ({
      ...row,
      text: `* @acme/${groups[r % groups.length]}\n/cmd/ @acme/${groups[(r + 1) % groups.length]}\n`,
    }));
    const index = new RepositoryFilesIndex(named);
    const deps = {
      store: stores.catalog,
      files: index,
      exactNames: async () => [],
      pagerDutyService: (id: string) => stores.catalog.refsByAnnotation('pagerduty.com/service-id', id),
    };
    const ms: number[] = [];
    let owners = 0;
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      const found = await ownerFromAnywhere(thingsNamed(trace), deps);
      ms.push(performance.now() - start);
      owners = found.owned.filter((o) => o.ownerRef).length;
    }
    console.log(
      `50-frame Go trace to owners in the store, ${entities.length.toLocaleString('en')} entities + the demo, CODEOWNERS cached (p50 of 30): ${median(ms).toFixed(2)} ms, ${owners} owner answers`,
    );

    const slack = await benchSlackApp(standIn, {
      portal,
      stores,
      commands: [],
      listeners: [questionListeners({ portal, stores, logger: silentLogger })],
    });
    try {
      const { url } = slack;
      const answered: number[] = [];
      for (let i = 0; i < QUESTION_RUNS + 8; i++) {
        const before = posted.length;
        const started = performance.now();
        await sendMention(url, ASKED[i % ASKED.length], i);
        while (posted.length === before) await new Promise((resolve) => setTimeout(resolve, 1));
        if (i >= 8) answered.push(posted[before] - started); // the first round warms the index and caches
      }
      const sorted = [...answered].sort((a, b) => a - b);
      console.log(
        `a question answered, app_mention → chat.postMessage (${answered.length}, ${ASKED.length} questions in turn): ` +
          `p50 ${median(answered).toFixed(1)} ms, p99 ${sorted[Math.floor(sorted.length * 0.99)].toFixed(1)} ms`,
      );
    } finally {
      await slack.stop();
    }
  } finally {
    await standIn.close();
    await stores.close();
  }
}

/** A signed Events API app_mention, as Slack sends it. */
async function sendMention(url: string, text: string, n: number): Promise<void> {
  const ts = `${1_700_000_000 + n}.000100`;
  const body = JSON.stringify({
    token: 'unused',
    team_id: 'T0BENCH',
    api_app_id: 'A0BENCH',
    type: 'event_callback',
    event_id: `Ev0BENCH${n}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_mention', user: 'U0BENCH', text: `<@U0BOT> ${text}`, ts, channel: 'C0BENCH', event_ts: ts },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', BENCH_SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  const reply = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
    },
    body,
  });
  await reply.text();
}
