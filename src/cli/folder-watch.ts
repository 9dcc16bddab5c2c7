// Keeps CATALOG_DIRS in step while `start` runs, so an edit appears without a restart. Each
// folder is watched (fs.watch, recursive); changes are debounced into one sync of the folders,
// in which unchanged files are skipped by their content hash. A rescan on an interval catches
// what watching misses: network filesystems, a folder replaced whole, a watch that failed.
import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from '../log.js';

export interface FolderWatchOptions {
  /** False: rely on the rescan alone (default true). */
  watch?: boolean;
  /** Quiet time after the last change before syncing (editors write a file in several steps). */
  debounceMs?: number;
  /** Sync this often even when no change was seen. */
  rescanMs?: number;
  /** When another replica held the lock, try again this much later (its read may predate the change). */
  retryMs?: number;
  logger: Logger;
}

export interface FolderWatch {
  /** Stops watching and waits for a sync under way to finish. */
  close(): Promise<void>;
}

const DEFAULT_DEBOUNCE_MS = 300;
const DEFAULT_RETRY_MS = 2000;
export const DEFAULT_RESCAN_MS = 5 * 60_000;

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

  const watchers: FSWatcher[] = [];
  for (const dir of options.watch === false ? [] : dirs) {
    try {
      const watcher = watch(dir, { recursive: true, persistent: false }, changed);
      watcher.on('error', (error) => {
        logger.warn({ err: error, dir }, 'watching a catalog folder failed; the periodic rescan still picks up edits');
        watcher.close();
      });
      watchers.push(watcher);
    } catch (error) {
      logger.warn({ err: error, dir }, 'a catalog folder cannot be watched; the periodic rescan picks up edits');
    }
  }
  const rescan = setInterval(run, options.rescanMs ?? DEFAULT_RESCAN_MS);
  rescan.unref();

  return {
    async close() {
      closed = true;
      clearTimeout(debounce);
      clearTimeout(retry);
      clearInterval(rescan);
      for (const watcher of watchers) watcher.close();
      await running;
    },
  };
}
