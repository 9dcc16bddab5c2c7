// Syncs the configured local folders: read each one, then apply it.
// One process at a time (the same kind of advisory lock as the GitHub sync): a sync run still
// marked running when the lock is taken died with its process, and is recorded as interrupted.
import { readFolder } from '../sources/local/index.js';
import type { CatalogStore } from '../store/index.js';
import { enterPhase } from '../work-phase.js';
import { emptySummary, syncSnapshot, type SyncOptions, type SyncSummary } from '../sync/index.js';

export interface FolderSyncResult {
  summary: SyncSummary;
  locationKeys: string[];
  /** Folders that could not be read: their entities were kept. */
  failures: Array<{ dir: string; error: string }>;
}

export async function syncFolders(
  store: CatalogStore,
  dirs: string[],
  hooks: Pick<SyncOptions, 'onFile' | 'onChanged' | 'maxFileBytes' | 'pieces'> = {},
): Promise<FolderSyncResult> {
  const summary = emptySummary();
  const locationKeys: string[] = [];
  const failures: FolderSyncResult['failures'] = [];
  const runId = await store.startSyncRun('dir');
  try {
    for (const dir of dirs) {
      enterPhase('read folder');
      const snapshot = await readFolder(dir, { maxFileBytes: hooks.maxFileBytes });
      locationKeys.push(snapshot.key);
      if (snapshot.status === 'failed') failures.push({ dir, error: snapshot.error ?? 'could not be read' });
      // Figures go into the run's summary as they are done: a run that fails part-way records them.
      await syncSnapshot(store, snapshot, hooks, summary);
    }
  } catch (error) {
    await store.finishSyncRun(runId, {
      status: 'failed',
      stats: { ...summary },
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
  enterPhase('finish run');
  await store.finishSyncRun(runId, {
    status: failures.length ? 'failed' : 'succeeded',
    stats: { ...summary },
    error: failures.length ? failures.map((f) => `${f.dir}: ${f.error}`).join('; ') : undefined,
  });
  return { summary, locationKeys, failures };
}

/** The advisory lock that folder syncs of every replica share. */
export const FOLDER_SYNC_LOCK = 'folder-sync';

/**
 * `syncFolders` while holding the folder-sync lock; undefined when another replica holds it (its
 * sync reads the same folders, and the next change or rescan here runs after it).
 */
export async function syncFoldersExclusively(
  store: CatalogStore,
  dirs: string[],
  hooks: Pick<SyncOptions, 'onFile' | 'onChanged' | 'maxFileBytes' | 'pieces'> = {},
): Promise<FolderSyncResult | undefined> {
  const outcome = await store.exclusively(FOLDER_SYNC_LOCK, () => syncFolders(store, dirs, hooks));
  return outcome.ran ? outcome.value : undefined;
}
