// Issue 9's bounded-parsing figures: what an alias bomb (72 aliases, 9⁹ values) costs to refuse,
// and what a file just under the expansion budget costs to sync, in time and memory. Printed, not asserted.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCatalogFile } from '../src/catalog/index.js';
import { syncFolders } from '../src/cli/local-sync.js';
import { CatalogStore } from '../src/store/index.js';
import { bombComponentYaml } from '../test/support/hostile-catalog.js';

const MB = 1024 * 1024;

/** A change in memory, signed: the collector may run during a measurement. */
function change(bytes: number): string {
  return `${bytes < 0 ? '-' : '+'}${(Math.abs(bytes) / MB).toFixed(1)} MB`;
}

function memory(): { heap: number; rss: number } {
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed, rss };
}

export async function run(): Promise<void> {
  const bomb = bombComponentYaml('bomb', 9, 9);
  const before = memory();
  const started = performance.now();
  const parsed = parseCatalogFile(bomb, { file: 'bomb.yaml' });
  const took = performance.now() - started;
  const after = memory();
  console.log(
    `alias bomb (72 aliases, 9^9 values): refused in ${took.toFixed(1)} ms, ` +
      `heap ${change(after.heap - before.heap)}, ` +
      `rss ${change(after.rss - before.rss)}; problem: ${parsed.problems[0]?.message.slice(0, 90)}`,
  );

  // 7 levels of 6: 6^7 = 279,936 strings would be over; 6 levels of 7 = 117,649 + the sequences: under.
  const dir = mkdtempSync(join(tmpdir(), 'callboard-bench-hostile-'));
  const store = await CatalogStore.open();
  try {
    writeFileSync(join(dir, 'near-limit.yaml'), bombComponentYaml('near-limit', 6, 7));
    const peakBefore = process.resourceUsage().maxRSS / 1024;
    const syncBefore = memory();
    const syncStarted = performance.now();
    const { summary } = await syncFolders(store, [dir]);
    const syncTook = performance.now() - syncStarted;
    const syncAfter = memory();
    console.log(
      `a file expanding to ~137k values (6 levels of 7 aliases): ` +
        `synced in ${(syncTook / 1000).toFixed(2)} s, ` +
        `${summary.added} entity stored, heap ${change(syncAfter.heap - syncBefore.heap)}, ` +
        `peak rss ${peakBefore.toFixed(0)} MB before the sync (PGlite open), ` +
        `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB after`,
    );
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
