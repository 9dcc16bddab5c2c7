// Issue 2's ingest figure: how long a generated folder of 16k entities takes to reach the store,
// on PGlite and (when DATABASE_URL is set) on Postgres. Figures are printed, not asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { CatalogStore } from '../src/store/index.js';
import { syncFolders } from '../src/cli/local-sync.js';
import { generateOrganisation, writeOrganisation } from './generate-org.js';

const ENTITIES = 16_000;

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'callboard-ingest-'));
  try {
    await writeOrganisation(dir, generateOrganisation(ENTITIES));
    await measure('PGlite (in memory)', () => CatalogStore.open(), dir);
    const dataDir = mkdtempSync(join(tmpdir(), 'callboard-pglite-'));
    await measure('PGlite (on disk)', () => CatalogStore.open({ dataDir }), dir);
    rmSync(dataDir, { recursive: true, force: true });
    const url = process.env.DATABASE_URL;
    if (url) {
      const pgSchema = `bench_${randomBytes(4).toString('hex')}`;
      await measure('Postgres', () => CatalogStore.open({ url, pgSchema }), dir);
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`);
      await admin.end();
    } else {
      console.log('Postgres: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What every catalog change now also pays: recomputing the references nothing resolves (part of
 * the ingest figure above, once per transaction), and a pasted repository URL's lookup.
 */
async function measureReferencesAndRepositories(label: string, store: CatalogStore): Promise<void> {
  const started = performance.now();
  await store.refreshReferenceProblems();
  const refresh = performance.now() - started;
  const slugs = (await store.listEntities({ kind: 'component', limit: 200 }))
    .map((e) => e.entity.metadata.annotations?.['github.com/project-slug'])
    .filter((slug): slug is string => typeof slug === 'string');
  const lookups = performance.now();
  let found = 0;
  for (const slug of slugs) found += (await store.entitiesByRepository(slug.toLowerCase())).length;
  const perLookup = (performance.now() - lookups) / Math.max(slugs.length, 1);
  const problems = await store.problemCount();
  console.log(
    `${label}: unresolved references recomputed in ${refresh.toFixed(0)} ms (${problems} problems); ` +
      `repository lookup ${perLookup.toFixed(2)} ms each (${found} entities found for ${slugs.length} slugs)`,
  );
}

async function measure(label: string, open: () => Promise<CatalogStore>, dir: string): Promise<void> {
  const store = await open();
  try {
    const started = performance.now();
    const { summary } = await syncFolders(store, [dir]);
    const first = performance.now() - started;
    const again = performance.now();
    const second = await syncFolders(store, [dir]);
    const resync = performance.now() - again;
    console.log(
      `${label}: ingest ${summary.added} entities in ${(first / 1000).toFixed(2)} s (goal <= 10 s for 16k); ` +
        `resync with no change ${(resync / 1000).toFixed(2)} s, ${second.summary.filesParsed} files parsed`,
    );
    await measureReferencesAndRepositories(label, store);
  } finally {
    await store.close();
  }
}
