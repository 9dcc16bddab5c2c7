// Issue 10's figures: /owner with live on-call, against a fake PagerDuty that answers every request
// after 150 ms, on a generated organisation of 20k entities whose every group names a PagerDuty
// service. Cold answers (service and roster unknown), answers whose roster expired (the service's
// policy still known), warm answers (cached), 100 concurrent asks for one team, and PagerDuty
// requests per team per minute over ten simulated minutes of steady asking.
import { commands } from '../commands/index.js';
import type { Entity } from '../src/catalog/types.js';
import { silentLogger } from '../src/log.js';
import { createOnCall } from '../src/oncall/index.js';
import { openStores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { FakePagerDuty } from '../test/support/fake-pagerduty.js';
import { BENCH_SIGNING_SECRET, benchSlackApp } from './bench-slack-app.js';
import { snapshotsOf } from './catalog-writes.js';
import { generateOrganisation } from './generate-org.js';
import { searchAndPortalOver } from './search-and-portal.js';
import { sendSlashCommand, startSlackStandIn, type SlackStandIn } from './slack-stand-in.js';

const SIZE = 20_000;
const PAGERDUTY_DELAY_MS = 150;
const COLD = 40;
const WARM = 400;
const CONCURRENT = 100;
const TOKEN = 'bench-pagerduty-token';
const GOALS = { coldP50: 400, warmP99: 30 };

export async function run(): Promise<void> {
  console.log(
    `Fake PagerDuty answering after ${PAGERDUTY_DELAY_MS} ms; requests signed as Slack signs them, ` +
      'from the same process.',
  );
  const entities = withPagerDuty(generateOrganisation(SIZE));
  const groups = entities.filter((e) => e.kind === 'Group').map((e) => e.metadata.name);
  const pagerduty = await FakePagerDuty.start({
    token: TOKEN,
    users: [{ id: 'PUBENCH', name: 'Bench Person', email: 'bench.person@example.com' }],
    policies: groups.map((g) => ({ id: `PE-${g}`, name: `${g} policy` })),
    services: groups.map((g) => ({ id: `PS-${g}`, name: g, policy: `PE-${g}` })),
    oncalls: groups.map((g) => ({
      policy: `PE-${g}`,
      level: 1,
      user: 'PUBENCH',
      start: new Date(Date.now() - 3600_000),
      end: new Date(Date.now() + 86_400_000),
    })),
  });
  pagerduty.http.delayMs = PAGERDUTY_DELAY_MS;
  let offset = 0;
  const onCall = createOnCall(
    {
      pagerduty: { token: TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
      opsgenie: { apiUrl: pagerduty.url },
    },
    silentLogger,
    { now: () => Date.now() + offset },
  );
  const stores = await openStores();
  const store = stores.catalog;
  const standIn = await startSlackStandIn();
  try {
    await syncSnapshots(store, snapshotsOf(entities));
    const { portal } = await searchAndPortalOver(store);
    const slack = await benchSlackApp(standIn, { portal, stores, commands, onCall: onCall.directory });
    const plain = await benchSlackApp(standIn, { portal, stores, commands });
    try {
      const { url } = slack;
      const ask = (team: string) => timedOwner(url, standIn, `group:default/${team}`);
      const teams = groups.slice(1, 1 + COLD);
      await ask(groups[0]);

      const cold: number[] = [];
      for (const team of teams) cold.push(await ask(team));
      const warm: number[] = [];
      for (let i = 0; i < WARM; i++) warm.push(await ask(teams[i % teams.length]));
      offset += 61_000;
      const expired: number[] = [];
      for (const team of teams) expired.push(await ask(team));

      console.log(
        `${SIZE.toLocaleString('en')} entities, /owner <team> ` +
          '(the full answer: in the acknowledgement or at the response_url):',
      );
      console.log(`  cold, service and roster unknown (${COLD}): ${stats(cold)}  (goal: p50 <= ${GOALS.coldP50} ms)`);
      console.log(`  roster expired, policy known (${COLD}): ${stats(expired)}`);
      console.log(`  warm, cached (${WARM}): ${stats(warm)}  (goal: p99 <= ${GOALS.warmP99} ms)`);
      const baseline: number[] = [];
      for (let i = 0; i < WARM; i++)
        baseline.push(await timedOwner(plain.url, standIn, `group:default/${teams[i % teams.length]}`, false));
      console.log(`  the same /owner without live on-call (${WARM}): ${stats(baseline)}`);

      const one = groups[1 + COLD];
      const before = pagerduty.http.requests.length;
      await Promise.all(Array.from({ length: CONCURRENT }, () => ask(one)));
      const asked = pagerduty.http.requests.slice(before).map((r) => r.path);
      console.log(
        `  ${CONCURRENT} concurrent /owner for one cold team: ${asked.length} PagerDuty requests (${count(asked)})`,
      );

      const steady = groups[2 + COLD];
      await ask(steady);
      const from = pagerduty.http.requests.length;
      for (let second = 0; second < 600; second += 5) {
        offset += 5000;
        await ask(steady);
      }
      const perMinute = pagerduty.http.requests.slice(from).length / 10;
      console.log(
        `  one team asked every 5 s for 10 simulated minutes: ${perMinute.toFixed(1)} PagerDuty requests per minute ` +
          '(goal: <= 1, +1 per page)',
      );
    } finally {
      await slack.stop();
      await plain.stop();
    }
  } finally {
    await standIn.close();
    await stores.close();
    await pagerduty.close();
  }
}

/** Every group names its own PagerDuty service, as a real organisation's teams would. */
function withPagerDuty(entities: Entity[]): Entity[] {
  return entities.map((e) =>
    e.kind === 'Group'
      ? {
          ...e,
          metadata: {
            ...e.metadata,
            annotations: { ...e.metadata.annotations, 'pagerduty.com/service-id': `PS-${e.metadata.name}` },
          },
        }
      : e,
  );
}

async function timedOwner(url: string, standIn: SlackStandIn, text: string, live = true): Promise<number> {
  const sent = await sendSlashCommand(url, standIn, BENCH_SIGNING_SECRET, '/owner', text);
  if (sent.status !== 200) throw new Error(`the app answered ${sent.status} to /owner ${text}`);
  if (!sent.answer.includes('"blocks"')) return (await sent.arrived) - sent.started;
  if (live && !sent.answer.includes('Bench Person')) throw new Error(`/owner ${text} did not name the on-call person`);
  return performance.now() - sent.started;
}

function stats(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (f: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * f) - 1)].toFixed(1);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

function count(paths: string[]): string {
  const byPath = new Map<string, number>();
  for (const path of paths)
    byPath.set(
      path.replace(/\/services\/.+/, '/services/{id}'),
      (byPath.get(path.replace(/\/services\/.+/, '/services/{id}')) ?? 0) + 1,
    );
  return [...byPath].map(([path, n]) => `${n} × GET ${path}`).join(', ');
}
