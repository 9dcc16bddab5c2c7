// `npm run bench -- memory`: what a running `callboard start` holds at 160k entities, on Postgres
// (the store a catalog that size lives in). The catalog is written into a database of its own,
// then a real `start` process is spawned on it and measured: the time until /readyz (the search
// index loaded), its resident memory then, after 30 s idle, and at its peak.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openStores } from '../src/store/index.js';
import { syncSnapshots } from '../src/sync/index.js';
import { BIN, embeddedEnv, idleMegabytes, residentMegabytes, ROOT, untilAnswers } from './cli.js';
import { generateOrganisation } from './generate-org.js';
import { snapshotsOf } from './catalog-writes.js';

const SIZE = 160_000;
const PORT = Number(process.env.BENCH_PORT ?? 3108);

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('memory: skipped (a 160k catalog lives on Postgres: set DATABASE_URL)');
    return;
  }
  const database = `bench_memory_${randomBytes(4).toString('hex')}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${database}"`);
  const benchUrl = new URL(url);
  benchUrl.pathname = `/${database}`;
  const work = await mkdtemp(join(tmpdir(), 'callboard-bench-memory-'));
  try {
    const stores = await openStores({ url: benchUrl.href });
    try {
      const written = performance.now();
      await syncSnapshots(stores.catalog, snapshotsOf(generateOrganisation(SIZE)));
      console.log(
        `${SIZE.toLocaleString('en')} entities written in ${((performance.now() - written) / 1000).toFixed(1)} s`,
      );
    } finally {
      await stores.close();
    }
    // No catalog folders to read (an empty one): the start serves what is stored.
    const env = { ...embeddedEnv(join(work, 'unused'), PORT), DATABASE_URL: benchUrl.href, CATALOG_DIRS: work };
    const startedAt = performance.now();
    const start = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env, stdio: 'ignore' });
    try {
      // /readyz: the database answers and the search index holds the catalog.
      await untilAnswers(start, '/readyz', PORT);
      const ready = performance.now() - startedAt;
      const atReady = await residentMegabytes(start.pid!);
      const idle = await idleMegabytes(start.pid!);
      const { peak } = await residentMegabytes(start.pid!);
      console.log(
        `start at ${SIZE.toLocaleString('en')} entities (Postgres): /readyz after ${(ready / 1000).toFixed(1)} s; ` +
          `RSS ${idle.toFixed(0)} MB after 30 s idle (goal <= 350 MB), ${atReady.now.toFixed(0)} MB when ready, ` +
          `peak ${peak.toFixed(0)} MB`,
      );
    } finally {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    await admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
  }
}
