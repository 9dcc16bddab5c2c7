// CATALOG_DIRS while `start` runs: an edit appears without a restart (the folder is watched; the
// rescan on an interval catches what watching misses), and a folder sync takes the advisory lock
// that replicas share, so two replicas never sync the folders at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDER_SYNC_LOCK, syncFoldersExclusively } from '../../src/cli/local-sync.js';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import type { CatalogStore } from '../../src/store/index.js';
import { serviceYaml } from '../support/service-yaml.js';

const component = (name: string, description: string) => serviceYaml(name, 'payments-team', description);

/** The end of each folder sync `start` runs (its search refresh done), as promises to wait on. */
function folderSyncSignals() {
  let waiting: Array<() => void> = [];
  return {
    onFolderSynced: () => {
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve();
    },
    /** Resolves when the next folder sync (one that ends after this call) has ended. */
    next: () => new Promise<void>((resolve) => waiting.push(resolve)),
  };
}
type FolderSyncSignals = ReturnType<typeof folderSyncSignals>;

/** Takes the folder-sync lock as another replica would (waiting out a sync of this one's). */
async function holdLock(store: CatalogStore, syncs: FolderSyncSignals): Promise<() => Promise<void>> {
  for (;;) {
    // Listened for before trying: a sync holding the lock now ends after this.
    const synced = syncs.next();
    let release: (() => void) | undefined;
    let taken!: () => void;
    const held = new Promise<void>((resolve) => {
      taken = resolve;
    });
    const holding = store.exclusively(
      FOLDER_SYNC_LOCK,
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
          taken();
        }),
    );
    const outcome = await Promise.race([held.then(() => 'held' as const), holding]);
    if (outcome === 'held') {
      return async () => {
        release!();
        await holding;
      };
    }
    await synced;
  }
}

/** What `probe` finds once a folder sync has brought it (checked after each sync ends). */
async function afterSyncs<T>(syncs: FolderSyncSignals, probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const synced = syncs.next();
    const value = await probe();
    if (value !== undefined) return value;
    await synced;
  }
}

describe.each([
  ['watched', {}],
  // Watching cannot be relied on everywhere (network filesystems): the rescan alone must do.
  ['rescanned', { watch: false, folderRescanMs: 200 }],
])('catalog folders under start, %s', (_, options) => {
  let dir: string;
  let dataDir: string;
  let started: StartedCallboard;
  const syncs = folderSyncSignals();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-watch-'));
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-watch-data-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), component('payments', 'Takes card payments'));
    const config = loadConfig({ CALLBOARD_DATA_DIR: dataDir, PORT: '0', CATALOG_DIRS: dir });
    started = await startCallboard(config, silentLogger, { ...options, onFolderSynced: syncs.onFolderSynced });
  });
  afterAll(async () => {
    await started?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows an edited description and a new file without a restart', async () => {
    const {
      stores: { catalog: store },
      portal,
    } = started.callboard;
    const description = async () => (await store.getEntity('component:default/payments'))?.entity.metadata.description;
    expect(await description()).toBe('Takes card payments');
    writeFileSync(join(dir, 'catalog-info.yaml'), component('payments', 'Takes card and bank payments'));
    writeFileSync(join(dir, 'ledger.yaml'), component('ledger', 'Keeps the books'));
    await afterSyncs(syncs, async () => {
      const payments = await store.getEntity('component:default/payments');
      return payments?.entity.metadata.description === 'Takes card and bank payments' ? payments : undefined;
    });
    const ledger = await afterSyncs(syncs, async () => (await portal.find('ledger'))[0]);
    expect(ledger.summary).toMatchObject({ ref: 'component:default/ledger', description: 'Keeps the books' });
  });

  it('does not sync while another replica holds the folder-sync lock', async () => {
    const { catalog: store } = started.callboard.stores;
    const release = await holdLock(store, syncs);
    try {
      writeFileSync(join(dir, 'catalog-info.yaml'), component('payments', 'Written while the lock was held'));
      expect(await syncFoldersExclusively(store, [dir])).toBeUndefined();
      const payments = await store.getEntity('component:default/payments');
      expect(payments?.entity.metadata.description).not.toBe('Written while the lock was held');
    } finally {
      await release();
    }
    // Once the lock is free, the watch's retry (or the rescan) syncs the edit.
    await afterSyncs(syncs, async () => {
      const payments = await store.getEntity('component:default/payments');
      return payments?.entity.metadata.description === 'Written while the lock was held' ? payments : undefined;
    });
  });
});
