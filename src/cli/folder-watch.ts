// Keeps CATALOG_DIRS in step while `start` runs, so an edit appears without a restart. Each
// folder is watched (fs.watch, recursive); changes are debounced into one sync of the folders,
// in which unchanged files are skipped by their content hash. A rescan on an interval catches
// what watching misses: network filesystems, a folder replaced whole. A watch that fails (a
// subfolder that cannot be read) syncs at once, so the unreadable folder shows as a failed
// location in /callboard status, and the folder is watched again as soon as it can be: tried
// again after a delay that doubles up to the rescan interval.
import { watch as fsWatch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log.js';

interface FolderWatchOptions {
  /** Quiet time after the last change before syncing (editors write a file in several steps). */
  debounceMs?: number;
  /** Sync this often even when no change was seen. */
  rescanMs?: number;
  /** When another replica held the lock, try again this much later (its read may predate the change). */
  retryMs?: number;
  /** After a watch failed, the first delay before watching again (default 1 s, doubling). */
  rewatchMs?: number;
  /** How a folder is watched (node's fs.watch; a test may hand in one that fails). */
  watch?: false | typeof fsWatch;
  logger: Logger;
}

export interface FolderWatch {
  /** Stops watching and waits for a sync under way to finish. */
  close(): Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 300;
const DEFAULT_RETRY_MS = 2000;
const DEFAULT_RESCAN_MS = 5 * 60_000;

/**
 * Calls `sync` after changes under `dirs` settle, and every `rescanMs`; never two at once. `sync`
 * resolves false when it did not run (another replica held the lock): it is tried again soon.
 */
export function watchFolders(dirs: string[], sync: () => Promise<boolean>, options: FolderWatchOptions): FolderWatch {
  const { logger } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let debounce: NodeJS.Timeout | undefined;
  let retry: NodeJS.Timeout | undefined;

  const run = () => {
    if (closed) return;
    // A change seen during a sync may have been read too early: sync once more afterwards.
    if (running) {
      again = true;
      return;
    }
    running = sync()
      .then((ran) => {
        if (!ran && !closed) {
          clearTimeout(retry);
          retry = setTimeout(run, options.retryMs ?? DEFAULT_RETRY_MS);
        }
      })
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'catalog folders could not be synced; will try again');
      })
      .finally(() => {
        running = undefined;
        if (again && !closed) {
          again = false;
          run();
        }
      });
  };
  const changed = () => {
    clearTimeout(debounce);
    debounce = setTimeout(run, debounceMs);
  };

  const watchers = new Map<string, FSWatcher>();
  const rewatchTimers = new Set<NodeJS.Timeout>();
  const rescanMs = options.rescanMs ?? DEFAULT_RESCAN_MS;
  const watchFn = options.watch === false ? undefined : (options.watch ?? fsWatch);
  const watchFolder = (dir: string, failures: number) => {
    if (closed || !watchFn) return;
    const failed = (error: unknown) => {
      watchers.get(dir)?.close();
      watchers.delete(dir);
      if (closed) return;
      const delay = Math.min(rescanMs, (options.rewatchMs ?? 1000) * 2 ** failures);
      logger.warn(
        { err: error, dir, retryInMs: delay },
        'watching a catalog folder failed; syncing now and watching again soon',
      );
      // The sync records what cannot be read (the location fails, and says which folder).
      changed();
      const timer = setTimeout(() => {
        rewatchTimers.delete(timer);
        watchFolder(dir, failures + 1);
      }, delay);
      rewatchTimers.add(timer);
    };
    try {
      const watcher = watchFn(dir, { recursive: true, persistent: false }, changed);
      watcher.on('error', failed);
      watchers.set(dir, watcher);
      // Watching again after a failure: what changed meanwhile is read now.
      if (failures) changed();
    } catch (error) {
      failed(error);
    }
  };
  for (const dir of dirs) watchFolder(dir, 0);
  const rescan = setInterval(run, rescanMs);
  rescan.unref();

  return {
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(retry);
      clearInterval(rescan);
      for (const timer of rewatchTimers) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      await running;
    },
  };
}
