// `npm run bench -- quality`: how often the intended entity comes first, and in the top 5, over a
// labelled query set (bench/labelled-queries.ts) drawn from a generated organisation of 20k
// entities and from the demo catalog, for Callboard's index and for a naive fuse.js over the
// whole catalog, side by side (at 20k on a spread sample of the queries: fuse.js is slow there).
// Then the everyday queries written by hand (bench/everyday-queries.ts): what a person gets from
// the Slack commands, with right-answer, right-first, top-5 and wrong-card-opened rates.
import Fuse from 'fuse.js';
import { chooseAnswer } from '../src/search/answer-choice.js';
import { CatalogSearchIndex, searchDocFromEntity, type SearchDoc } from '../src/search/index.js';
import { demoCatalogDocs } from './demo-catalog.js';
import { generateOrganisation } from './generate-org.js';
import { describeMisses, everydayRates } from './everyday-rates.js';
import { labelledQueries, type LabelledQuery } from './labelled-queries.js';

const GENERATED_SIZE = 20_000;
/** fuse.js over 20k entities takes seconds a query on a loaded machine: it answers a spread sample. */
const FUSE_SAMPLE = 50;

/**
 * fuse.js as one would first reach for it over the whole catalog: names, titles, tags and owners,
 * names weighted up, no location penalty. (Descriptions left out: with them a query over 20k
 * entities takes seconds here, and they decide none of the labelled queries.)
 */
function naiveFuse(docs: SearchDoc[]): (query: string) => string[] {
  const fuse = new Fuse(docs, {
    keys: [{ name: 'name', weight: 3 }, { name: 'title', weight: 2 }, 'tags', 'owner'],
    ignoreLocation: true,
  });
  return (query) => fuse.search(query, { limit: 5 }).map((r) => r.item.ref);
}

interface Tally {
  first: number;
  top5: number;
  total: number;
  misses: string[];
}

function tally(queries: LabelledQuery[], answer: (query: string) => string[]): Map<string, Tally> {
  const out = new Map<string, Tally>();
  for (const { group, query, intended } of queries) {
    for (const key of ['all', group]) {
      const t = out.get(key) ?? { first: 0, top5: 0, total: 0, misses: [] };
      const refs = answer(query).slice(0, 5);
      t.total++;
      if (refs[0] === intended) t.first++;
      else if (key === group) t.misses.push(`"${query}" -> ${refs[0] ?? 'nothing'} (meant ${intended})`);
      if (refs.includes(intended)) t.top5++;
      out.set(key, t);
    }
  }
  return out;
}

const share = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`.padStart(6);
const column = (t: Tally | undefined) =>
  t ? `${share(t.first, t.total)} (${String(t.first).padStart(3)})` : '      -      ';
const top5 = (t: Tally | undefined) => (t ? share(t.top5, t.total) : '     -');

/** `--misses` prints a few misses per group; `--no-fuse` leaves fuse.js out. */
const showMisses = process.argv.includes('--misses');
const skipFuse = process.argv.includes('--no-fuse');

/**
 * `fuseSample`: fuse.js answers only this many of the queries (spread over every group), since
 * over 20k entities it takes seconds a query here; both are then compared on that sample.
 */
export function qualityReport(label: string, docs: SearchDoc[], perGroup: number, fuseSample?: number): void {
  const queries = labelledQueries(docs, perGroup);
  const index = CatalogSearchIndex.build(docs);
  const answer = (q: string) => index.search(q, { limit: 5 }).map((h) => h.ref);
  const ours = tally(queries, answer);
  const sample = fuseSample ? queries.filter((_, i) => i % Math.ceil(queries.length / fuseSample) === 0) : queries;
  const oursOnSample = sample === queries ? ours : tally(sample, answer);
  const fuse = skipFuse ? new Map<string, Tally>() : tally(sample, naiveFuse(docs));
  const answered = skipFuse ? 'none' : sample.length;
  console.log(`${label}: ${queries.length} labelled queries; fuse.js answered ${answered} of them`);
  console.log(
    `  ${'group'.padEnd(16)}   n   Callboard first  top 5   | on fuse's ${String(sample.length).padStart(3)}:` +
      ' Callboard first  top 5  | fuse.js first  top 5',
  );
  for (const [group, t] of ours) {
    const o = oursOnSample.get(group);
    const f = fuse.get(group);
    console.log(
      `  ${group.padEnd(16)} ${String(t.total).padStart(3)}   ${column(t)}  ${top5(t)}   |` +
        `                ${column(o)}  ${top5(o)}  | ${column(f)}  ${top5(f)}`,
    );
  }
  // What the Slack commands would do with the same queries: open the card, or ask which.
  const outcomes = { opened: 0, asked: 0, none: 0, wrong: 0 };
  for (const { query, intended } of queries) {
    const choice = chooseAnswer(index.search(query, { limit: 6 }), (hit) => hit, 5);
    if (choice.kind === 'chosen') outcomes[choice.chosen.ref === intended ? 'opened' : 'wrong']++;
    else outcomes[choice.kind === 'ambiguous' ? 'asked' : 'none']++;
  }
  console.log(
    `  as the commands answer: right card opened ${share(outcomes.opened, queries.length).trim()}, ` +
      `asked which ${outcomes.asked}, nothing matches ${outcomes.none}, a wrong card opened ${outcomes.wrong}`,
  );
  if (showMisses) {
    const print = (who: string, tallies: Map<string, Tally>, count: number) => {
      for (const [group, t] of tallies) {
        if (group === 'all') continue;
        for (const miss of t.misses.slice(0, count)) console.log(`    ${who}miss ${group}: ${miss}`);
      }
    };
    print('', ours, 3);
    print('fuse.js ', fuse, 2);
  }
}

/** The everyday queries as the Slack commands answer them: opened, asked which, or nothing matches. */
export async function everydayReport(docs: SearchDoc[]): Promise<void> {
  const rates = await everydayRates(docs);
  const rate = (n: number) => `${share(n, rates.total).trim()} (${n} of ${rates.total})`;
  console.log(`everyday queries on the demo catalog, written by hand: ${rates.total}`);
  console.log(`  right answer or honest "nothing matches"  ${rate(rates.right)}   goal >= 97%`);
  console.log(`  right first                                ${rate(rates.rightFirst)}`);
  console.log(`  right in the top 5                         ${rate(rates.rightInTop5)}`);
  console.log(`  a wrong card opened outright               ${rates.wrongOpened}   goal 0`);
  for (const miss of describeMisses(rates)) console.log(`    miss ${miss}`);
}

export async function run(): Promise<void> {
  qualityReport(
    `generated organisation, ${GENERATED_SIZE.toLocaleString('en')} entities`,
    generateOrganisation(GENERATED_SIZE).map(searchDocFromEntity),
    25,
    FUSE_SAMPLE,
  );
  qualityReport('demo catalog (examples/)', demoCatalogDocs(), 6);
  await everydayReport(demoCatalogDocs());
}
