// `npm run bench -- search`: index build time, query latency and memory for generated catalogs
// of 20k and 160k entities, over a fixed mix of queries people type: exact names, prefixes,
// typos, and words from descriptions and tags.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CatalogSearchIndex, searchDocFromEntity, type SearchDoc } from '../src/search/index.js';
import { generateOrganisation } from './generate-org.js';

const SIZES = [20_000, 160_000];
const ROUNDS = 5;
const GOALS: Record<number, number> = { 20000: 5, 160000: 20 };

const DESCRIPTION_QUERIES = [
  'reconciles settlement',
  'merchants',
  'partner banks',
  'fraud score',
  'kafka',
  'cardholders refund',
  'postgres',
  'support agents ticket',
  'regulators audit',
  'payments',
  'ledger',
  'checkout gateway',
];

/** Every `step`-th name of the catalog: spread over kinds and areas, the same on every run. */
function sampleNames(docs: SearchDoc[], count: number): string[] {
  const step = Math.floor(docs.length / count);
  return Array.from({ length: count }, (_, i) => docs[i * step + 7].name);
}

/** One letter dropped from the middle of a longer name, or two neighbours swapped: typical typos. */
function typo(name: string, index: number): string {
  const at = Math.floor(name.length / 2);
  return index % 2 === 0
    ? name.slice(0, at) + name.slice(at + 1)
    : name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
}

function queriesFor(docs: SearchDoc[]): Array<{ group: string; query: string }> {
  const names = sampleNames(docs, 25);
  return [
    ...names.map((query) => ({ group: 'exact', query })),
    ...names.map((name, i) => ({ group: 'prefix', query: name.slice(0, 3 + (i % 6)) })),
    ...names.map((name, i) => ({ group: 'typo', query: typo(name, i) })),
    ...DESCRIPTION_QUERIES.map((query) => ({ group: 'words', query })),
    { group: 'typo', query: 'paymnts' },
    { group: 'typo', query: 'ledgr servce' },
  ];
}

/** A full collection before each memory reading, so what is in use shows rather than leftover garbage. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * fraction) - 1)];
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

async function measure(size: number): Promise<void> {
  const collect = garbageCollector();
  const docs = generateOrganisation(size).map(searchDocFromEntity);
  const buildStart = performance.now();
  const index = CatalogSearchIndex.build(docs);
  const buildMs = performance.now() - buildStart;
  collect();
  const memory = process.memoryUsage();

  const queries = queriesFor(docs);
  for (const { query } of queries) index.search(query);
  const timings = new Map<string, number[]>([['all', []]]);
  for (const { group } of queries) timings.set(group, []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const { group, query } of queries) {
      const start = performance.now();
      index.search(query);
      const elapsed = performance.now() - start;
      timings.get('all')!.push(elapsed);
      timings.get(group)!.push(elapsed);
    }
  }

  // The documents stay in memory beside the index here (the bench needs them for its queries).
  console.log(
    `${size.toLocaleString('en')} entities: build ${buildMs.toFixed(0)} ms; documents and index: ` +
      `heap ${megabytes(memory.heapUsed)} + typed arrays ${megabytes(memory.arrayBuffers)}; process RSS ${megabytes(memory.rss)}`,
  );
  for (const [group, values] of timings) {
    const sorted = [...values].sort((a, b) => a - b);
    const goal = group === 'all' ? `  (goal p99 <= ${GOALS[size]} ms)` : '';
    console.log(
      `  ${group.padEnd(6)} n=${String(sorted.length).padStart(4)}  p50 ${percentile(sorted, 0.5).toFixed(2)} ms  p99 ${percentile(sorted, 0.99).toFixed(2)} ms  max ${sorted[sorted.length - 1].toFixed(2)} ms${goal}`,
    );
  }
  const sample = ['paymnts', queries[0].query];
  for (const query of sample) {
    const top = index
      .search(query, { limit: 3 })
      .map((h) => `${h.ref} (${h.match} ${h.score})`)
      .join(', ');
    console.log(`  "${query}" -> ${top}`);
  }
}

export async function run(): Promise<void> {
  for (const size of SIZES) await measure(size);
}
