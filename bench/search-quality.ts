// `npm run bench -- quality`: how often the intended entity comes first, and in the top 5, over a
// labelled query set (bench/labelled-queries.ts) drawn from a generated organisation of 20k
// entities and from the demo catalog, for Callboard's index and for a naive fuse.js over the
// whole catalog, side by side.
import Fuse from 'fuse.js';
import { CatalogSearchIndex, searchDocFromEntity, type SearchDoc } from '../src/search/index.js';
import { demoCatalogDocs } from './demo-catalog.js';
import { generateOrganisation } from './generate-org.js';
import { labelledQueries, type LabelledQuery } from './labelled-queries.js';

const GENERATED_SIZE = 20_000;

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

interface Tally { first: number; top5: number; total: number; misses: string[] }

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

/** `--misses` prints a few misses per group; `--no-fuse` leaves fuse.js out (it takes minutes at 20k). */
const showMisses = process.argv.includes('--misses');
const skipFuse = process.argv.includes('--no-fuse');

export function qualityReport(label: string, docs: SearchDoc[], perGroup: number): void {
  const queries = labelledQueries(docs, perGroup);
  const index = CatalogSearchIndex.build(docs);
  const ours = tally(queries, (q) => index.search(q, { limit: 5 }).map((h) => h.ref));
  const fuse = skipFuse ? tally([], () => []) : tally(queries, naiveFuse(docs));
  console.log(`${label}: ${queries.length} labelled queries   right first (Callboard | fuse.js)   in top 5 (Callboard | fuse.js)`);
  for (const [group, t] of ours) {
    const f = fuse.get(group) ?? { first: 0, top5: 0, total: 1, misses: [] };
    console.log(`  ${group.padEnd(16)} n=${String(t.total).padStart(3)}   ${share(t.first, t.total)} (${t.first}) | ${share(f.first, f.total)} (${f.first})`
      + `        ${share(t.top5, t.total)} | ${share(f.top5, f.total)}`);
  }
  if (showMisses) {
    for (const [group, t] of ours) if (group !== 'all') for (const miss of t.misses.slice(0, 3)) console.log(`    miss ${group}: ${miss}`);
  }
}

export async function run(): Promise<void> {
  qualityReport(`generated organisation, ${GENERATED_SIZE.toLocaleString('en')} entities`,
    generateOrganisation(GENERATED_SIZE).map(searchDocFromEntity), 25);
  qualityReport('demo catalog (examples/)', demoCatalogDocs(), 6);
}
