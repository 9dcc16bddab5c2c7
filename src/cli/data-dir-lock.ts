// Embedded PGlite belongs to one process: a second one opening the same folder corrupts it. Every
// Callboard process that opens the folder first takes `callboard.lock` in it; `start` then adds
// the port and a token, so that other commands send their work to it instead of opening the files.
// A lock whose process is gone is stale and taken over; a live one is never removed.
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LockHolder {
  pid: number;
  /** What holds it: `start`, `sync`, `ask` ... */
  command: string;
  /** Set by `start` once it serves: where its local command endpoint listens. */
  port?: number;
  /** The secret a command shows the endpoint: only who can read this folder can use it. */
  token?: string;
}

export interface DataDirLock {
  /** `start` is serving: other commands may now send it their work. */
  announce(port: number): { token: string };
  release(): void;
}

export const LOCK_FILE = 'callboard.lock';

/** Another live process holds the folder; the message says which and what to do. */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(`${dataDir} is in use by \`callboard ${holder.command}\` (pid ${holder.pid}): ${busyAdvice(holder)}`);
    this.name = 'DataDirBusyError';
  }
}

function busyAdvice(holder: LockHolder): string {
  if (holder.port !== undefined) return `it serves on port ${holder.port}; use that one, or stop it first`;
  if (holder.command === 'start') return 'it is starting; try again in a moment';
  return 'the embedded database takes one process at a time; try again when it has finished';
}

/** The live process holding `dataDir`, if any (a lock left by a process that is gone counts as none). */
export function lockHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  return holder && isAlive(holder.pid) ? holder : undefined;
}

/** Takes the folder for this process, or throws DataDirBusyError naming the live holder. */
export function acquireDataDirLock(dataDir: string, command: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE);
  const mine: LockHolder = { pid: process.pid, command };
  // Written whole to a file of our own, then linked into place: linking fails if a lock exists,
  // so two processes never both succeed, and no reader ever sees half a lock.
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, JSON.stringify(mine), { mode: 0o600 });
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
      }
      const holder = readHolder(path);
      const live = holder && isAlive(holder.pid) ? holder : removeStaleLock(path, holder);
      if (live) throw new DataDirBusyError(dataDir, live);
    }
  } finally {
    rmSync(draft, { force: true });
  }

  let released = false;
  return {
    announce(port) {
      const token = randomBytes(24).toString('base64url');
      const next = `${path}.${process.pid}.next`;
      writeFileSync(next, JSON.stringify({ ...mine, port, token } satisfies LockHolder), { mode: 0o600 });
      renameSync(next, path);
      return { token };
    },
    release() {
      if (released) return;
      released = true;
      // Only our own lock goes: never one another process took after ours was (wrongly) taken as stale.
      if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
    },
  };
}

/**
 * Moves a dead process's lock aside before deleting it, and checks what was moved: if another
 * process replaced the stale lock with its own meanwhile, that one is put back untouched and
 * returned as the live holder.
 */
function removeStaleLock(path: string, seen: LockHolder | undefined): LockHolder | undefined {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const moved = readHolder(aside);
  if (moved && moved.pid !== seen?.pid && isAlive(moved.pid)) {
    try {
      linkSync(aside, path);
    } finally {
      unlinkSync(aside);
    }
    return moved;
  }
  unlinkSync(aside);
  return undefined;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && typeof holder.command === 'string' ? holder : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
