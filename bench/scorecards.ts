// Issue 22's figures: a generated organisation of 20k entities scored on 3 scorecards of 20
// catalog checks each, cold (a new scorer, nothing stored), with the event loop's longest stall;
// one entity changed and its new score stored; and /scorecard's answer (the organisation, a team,
// an entity) at that size, p50 and p99. The GitHub facts' figure is issue 22's GitHub part.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { scorecard as scorecardCommand } from '../commands/scorecard.js';
import type { Entity } from '../src/catalog/types.js';
import { silentLogger } from '../src/log.js';
import { Portal } from '../src/portal/index.js';
import type { FactSource } from '../src/scorecards/fact-sources.js';
import { readScorecard } from '../src/scorecards/read-scorecard.js';
import { ScorecardViews } from '../src/scorecards/scorecard-views.js';
import { type ScoredRun, ScoringService } from '../src/scorecards/scoring-service.js';
import type { Scorecard } from '../src/scorecards/types.js';
import { SearchService } from '../src/search/index.js';
import type { CommandContext } from '../src/slack/index.js';
import { openStores, type ScoringInput, type Stores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { snapshotsOf } from './catalog-writes.js';
import { longestStall, ms, stallText } from './event-loop-stall.js';
import { generateOrganisation } from './generate-org.js';

const SIZE = 20_000;
const CHANGES = 30;
const ASKS = 200;
const GOALS = { coldSeconds: 2, stallMs: 20, changeMs: 50, answerP99Ms: 100 };

/** Twenty catalog checks over the facts catalog-facts.ts computes, spread over three levels. */
function checksYaml(): string {
  const rules = [
    'hasGroupOwner, operator: equal, value: true',
    'ownerInCatalog, operator: equal, value: true',
    'groupMemberCount, operator: greaterThanInclusive, value: 2',
    'hasDescription, operator: equal, value: true',
    'hasTitle, operator: equal, value: true',
    'hasTags, operator: equal, value: true',
    'hasSystem, operator: equal, value: true',
    'hasLifecycle, operator: equal, value: true',
    'ownerHasSlackChannel, operator: equal, value: true',
    'hasOnCallAnnotation, operator: equal, value: true',
    'hasAnnotationBackstageIoTechdocsRef, operator: equal, value: true',
    'docLinkCount, operator: greaterThanInclusive, value: 1',
    'hasRunbookLink, operator: equal, value: true',
    'problemCount, operator: equal, value: 0',
    'unresolvedReferenceCount, operator: equal, value: 0',
    'lifecycle, operator: in, value: [production, experimental]',
    'tags, operator: contains, value: java',
    'hasOwner, operator: equal, value: true',
    'docLinkCount, operator: greaterThanInclusive, value: 2',
    'hasAnnotationBackstageIoTechdocsEntity, operator: notEqual, value: true',
  ];
  return rules
    .map(
      (rule, i) =>
        `  - id: check-${i}\n    title: Check ${i}\n    level: ${['Bronze', 'Silver', 'Gold'][i % 3]}\n    rule: { all: [{ fact: ${rule} }] }\n`,
    )
    .join('');
}

function scorecards(): Scorecard[] {
  const filters = [
    '{ kind: component }',
    '{ kind: [component, api, resource], spec.lifecycle: production }',
    '{ kind: [component, system, api] }',
  ];
  return filters.map((filter, i) => {
    const read = readScorecard(
      `bench-${i}.yaml`,
      `name: bench-${i}\ntitle: Bench ${i}\nfilter: ${filter}\nlevels: [Bronze, Silver, Gold]\nchecks:\n${checksYaml()}`,
    );
    if (!read.scorecard) throw new Error(JSON.stringify(read.problems));
    return read.scorecard;
  });
}

export async function run(): Promise<void> {
  const entities = generateOrganisation(SIZE);
  await measureOn('PGlite (in memory)', entities, () => openStores());
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('Postgres: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    return;
  }
  const pgSchema = `bench_scorecards_${randomBytes(4).toString('hex')}`;
  try {
    await measureOn('Postgres', entities, () => openStores({ url, pgSchema }));
  } finally {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
    await admin.end();
  }
}

async function measureOn(label: string, entities: Entity[], open: () => Promise<Stores>): Promise<void> {
  const stores = await open();
  try {
    await measure(label, stores, entities);
  } finally {
    await stores.close();
  }
}

async function measure(label: string, stores: Stores, entities: Entity[]): Promise<void> {
  const store = stores.catalog;
  await syncSnapshots(store, snapshotsOf(entities));
  const loaded = { scorecards: scorecards(), problems: [] };
  // "One entity changed" is told to the scorer as another source would (rescore), with a fact
  // that source supplies flipped, so each measured re-score has a new outcome to store.
  const flipped = new Set<string>();
  const flips: FactSource = {
    name: 'bench',
    factsFor: async (inputs) =>
      new Map(inputs.filter((i) => flipped.has(i.ref)).map((i) => [i.ref, { hasDescription: false }])),
  };
  let lastRun: ScoredRun | undefined;
  const scoring = new ScoringService({
    catalog: store,
    store: stores.scorecards,
    loaded,
    factSources: [flips],
    logger: silentLogger,
    onScored: (scored) => {
      lastRun = scored;
    },
  });
  console.log(`${label}, ${entities.length.toLocaleString('en')} entities, 3 scorecards x 20 catalog checks:`);

  // The parts: reading every entity with its facts' inputs, then facts and rules alone.
  let started = performance.now();
  const inputs: ScoringInput[] = [];
  const readStall = await longestStall(async () => {
    for await (const page of stores.scorecards.scoringPages()) inputs.push(...page.inputs);
  });
  console.log(
    `  read ${inputs.length.toLocaleString('en')} entities with owners and counts (bulk, a page a query): ${seconds(started)} s; longest stall ${stallText(readStall)}`,
  );
  const { scoreEntities } = await import('../src/scorecards/score-entities.js');
  const { RuleEvaluator } = await import('../src/scorecards/evaluate-rules.js');
  started = performance.now();
  let pairs = 0;
  const ruleStall = await longestStall(async () => {
    pairs = (await scoreEntities(inputs, loaded.scorecards, new RuleEvaluator())).length;
  });
  console.log(
    `  facts and rules, cold: ${seconds(started)} s for ${pairs.toLocaleString('en')} entity-scorecard pairs; longest stall ${stallText(ruleStall)}`,
  );
  started = performance.now();
  let run = { scored: 0, changed: 0 };
  const fullStall = await longestStall(async () => {
    run = await scoring.scoreAll();
  });
  console.log(
    `  full run, cold (read, score, write ${run.scored.toLocaleString('en')} rows of 20 outcomes): ${seconds(started)} s; longest stall ${stallText(fullStall)}  (goal: <= ${GOALS.coldSeconds} s, stall <= ${GOALS.stallMs} ms)`,
  );
  printParts(lastRun);
  started = performance.now();
  const againStall = await longestStall(async () => {
    run = await scoring.scoreAll();
  });
  console.log(
    `  full run again, nothing changed (${run.changed} rows moved): ${seconds(started)} s; longest stall ${stallText(againStall)}`,
  );
  printParts(lastRun);

  // One entity changed: its facts, rules and its changed row stored, nothing else read or written.
  const components = inputs.filter((i) => i.entity.kind === 'Component');
  const changeTimes: number[] = [];
  let moved = 0;
  for (let i = 0; i < CHANGES; i++) {
    const ref = components[(i * 97) % components.length].ref;
    flipped.add(ref);
    const t = performance.now();
    moved += (await scoring.rescore([ref])).changed;
    changeTimes.push(performance.now() - t);
  }
  console.log(
    `  one entity changed, its new score stored: ${percentiles(changeTimes)}, ${moved} entity-scorecard rows moved level or failing checks  (goal: <= ${GOALS.changeMs} ms)`,
  );

  // /scorecard answers: the organisation, a team, an entity, through the command itself.
  const search = new SearchService(
    () => store.searchRows(),
    () => store.catalogVersion(),
  );
  await search.refresh();
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options));
  const ctx: CommandContext = {
    portal,
    userId: 'U0BENCH',
    slackUserIds: async () => new Map(),
    commands: [],
    scorecards: new ScorecardViews(loaded, stores.scorecards),
  };
  const teams = [...new Set(components.map((c) => c.ownerRef).filter((o): o is string => Boolean(o)))];
  const asks = [
    '',
    ...teams.slice(0, 20).map((t) => t.split('/')[1]),
    ...components.slice(0, 20).map((c) => c.entity.metadata.name),
  ];
  for (let i = 0; i < 20; i++) await scorecardCommand.handle(asks[i % asks.length], ctx);
  const answerTimes: Record<string, number[]> = { organisation: [], team: [], entity: [] };
  for (let i = 0; i < ASKS; i++) {
    const text = asks[i % asks.length];
    const t = performance.now();
    await scorecardCommand.handle(text, ctx);
    const kind = !text ? 'organisation' : i % asks.length <= 20 ? 'team' : 'entity';
    answerTimes[kind].push(performance.now() - t);
  }
  for (const [kind, times] of Object.entries(answerTimes))
    console.log(`  /scorecard, ${kind}: ${percentiles(times)}  (goal: p99 <= ${GOALS.answerP99Ms} ms)`);
}

/** Where a full run's time went: each part's wall clock, this process's CPU in it, its longest page. */
function printParts(scored: ScoredRun | undefined): void {
  if (!scored?.parts) return;
  const names = { read: 'read pages', score: 'facts, rules, levels', write: 'compare and write' };
  const text = Object.entries(scored.parts).map(
    ([part, time]) =>
      `${names[part as keyof typeof names]} ${time.seconds.toFixed(2)} s (CPU here ${time.cpuSeconds.toFixed(2)} s, longest page ${ms(time.longestMs)})`,
  );
  console.log(`    where the time went: ${text.join('; ')}`);
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

function percentiles(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `p50 ${ms(at(0.5))}, p99 ${ms(at(0.99))}, max ${ms(sorted[sorted.length - 1])} (${times.length})`;
}
