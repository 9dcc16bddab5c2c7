// Keeps what a catalog folder reads inside that folder: a path is judged by where it really
// leads, symbolic links followed, so a link to /etc/passwd is as far outside as /etc/passwd.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';

/** Whether `path` (absolute, already resolved) is `root` or lies under it. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why `target`, as written in `file`, may not be read from the folder; undefined when it may (lexically). */
export function refusedTarget(root: string, file: string, target: string): string | undefined {
  if (/^file:/i.test(target)) return 'is a file: URL, which is never read (write a path relative to the catalog file)';
  if (isAbsolute(target)) return 'is an absolute path, which is never read (write a path relative to the catalog file)';
  if (!isWithin(root, resolve(root, file, '..', target))) return 'points outside the catalog folder';
  return undefined;
}

/**
 * The real path of `absolute` when it leads inside `realRoot` (the folder's own real path).
 * Throws the file system's error when it does not exist, and a plain one when it leads outside.
 */
export function realPathInside(realRoot: string, absolute: string): string {
  const real = realpathSync(absolute);
  if (!isWithin(realRoot, real)) throw new OutsideFolderError();
  return real;
}

class OutsideFolderError extends Error {
  constructor() {
    super('leads outside the catalog folder (through a symbolic link)');
  }
}
