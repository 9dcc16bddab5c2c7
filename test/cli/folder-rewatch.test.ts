// A folder whose watch fails (on Linux, recursive watching stops at a subfolder it cannot read)
// is synced at once, so the failure is recorded where /callboard status shows it, and is watched
// again as soon as it can be, not only at the five-minute rescan.
import { EventEmitter } from 'node:events';
import type { FSWatcher, watch } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { watchFolders } from '../../src/cli/folder-watch.js';
import { silentLogger } from '../../src/log.js';

/** fs.watch as the folder's state allows it: throws while unreadable, else a watcher the test can fire. */
function fakeWatch(state: { readable: boolean; watchers: Array<{ fire: () => void; fail: (e: Error) => void }> }) {
  return ((_dir: string, _options: unknown, listener: () => void) => {
    if (!state.readable)
      throw Object.assign(new Error("EACCES: permission denied, watch 'catalog/locked'"), { code: 'EACCES' });
    const emitter = new EventEmitter() as EventEmitter & { close: () => void };
    emitter.close = () => {};
    state.watchers.push({ fire: listener, fail: (error) => emitter.emit('error', error) });
    return emitter as unknown as FSWatcher;
  }) as unknown as typeof watch;
}

async function until(probe: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!probe()) throw new Error(`gave up waiting for ${what}`);
}

describe('a folder whose watch fails', () => {
  it('is synced at once and watched again when it can be, long before the rescan', async () => {
    const state = { readable: true, watchers: [] as Array<{ fire: () => void; fail: (e: Error) => void }> };
    let syncs = 0;
    const folders = watchFolders(
      ['/srv/catalog'],
      async () => {
        syncs++;
        return true;
      },
      { logger: silentLogger, watch: fakeWatch(state), debounceMs: 5, rewatchMs: 20, rescanMs: 600_000 },
    );
    try {
      expect(state.watchers).toHaveLength(1);
      // A subfolder becomes unreadable: the watch errors, and cannot be set up again for a while.
      state.readable = false;
      state.watchers[0].fail(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
      await until(() => syncs >= 1, 'the sync that records the unreadable folder');
      // The folder can be read again: it is watched anew (and read once more), no rescan needed.
      state.readable = true;
      await until(() => state.watchers.length === 2, 'the folder watched again');
      await until(() => syncs >= 2, 'the sync after watching again');
      state.watchers[1].fire();
      await until(() => syncs >= 3, 'an edit seen by the new watch');
    } finally {
      await folders.close();
    }
  });
});
