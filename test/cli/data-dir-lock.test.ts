// The PGlite folder's lock: one holder at a time, a dead holder's lock taken over, and never a
// live holder's lock removed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirBusyError, LOCK_FILE, lockHolder } from '../../src/cli/data-dir-lock.js';

describe('the data folder lock', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-lock-'));
  });
  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });
  const lockFile = () => JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as Record<string, unknown>;

  it('has one holder at a time, announces the serving port with a token, and leaves nothing behind', () => {
    const lock = acquireDataDirLock(dataDir, 'start');
    expect(() => acquireDataDirLock(dataDir, 'sync')).toThrow(DataDirBusyError);
    expect(lockHolder(dataDir)).toEqual({ pid: process.pid, command: 'start' });
    const { token } = lock.announce(4321);
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(lockFile()).toEqual({ pid: process.pid, command: 'start', port: 4321, token });
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
    acquireDataDirLock(dataDir, 'sync').release();
  });

  it('takes over the lock of a process that is gone', () => {
    const gone = Number(
      spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' }).stdout.trim(),
    );
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: gone, command: 'start', port: 1, token: 'old' }));
    expect(lockHolder(dataDir)).toBeUndefined();
    const lock = acquireDataDirLock(dataDir, 'sync');
    expect(lockFile()).toEqual({ pid: process.pid, command: 'sync' });
    lock.release();
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("never removes a live process's lock, not even on release", async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30_000)'], { stdio: 'ignore' });
    try {
      const lock = acquireDataDirLock(dataDir, 'sync');
      // Another process took the folder over (as if ours had been judged stale): release leaves its lock.
      writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: other.pid, command: 'start' }));
      lock.release();
      expect(lockFile()).toEqual({ pid: other.pid, command: 'start' });
      expect(() => acquireDataDirLock(dataDir, 'sync')).toThrow(`is in use by \`callboard start\` (pid ${other.pid})`);
      expect(lockFile()).toEqual({ pid: other.pid, command: 'start' });
      expect(readdirSync(dataDir)).toEqual([LOCK_FILE]);
    } finally {
      other.kill();
    }
  });
});
