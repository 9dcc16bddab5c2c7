// Embedded PGlite belongs to one process. While `callboard start` holds the data folder it says
// so in server.json, and `callboard ask` sends its question to that server instead of opening
// the same files a second time.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface ServerInfo {
  pid: number;
  port: number;
}

const FILE = 'server.json';

export function announceServer(dataDir: string, port: number): () => void {
  const path = join(dataDir, FILE);
  writeFileSync(path, JSON.stringify({ pid: process.pid, port } satisfies ServerInfo));
  return () => rmSync(path, { force: true });
}

/** The running server holding `dataDir`, if there is one. */
export function runningServer(dataDir: string): ServerInfo | undefined {
  let info: ServerInfo;
  try {
    info = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as ServerInfo;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(info.pid) || !Number.isInteger(info.port)) return undefined;
  try {
    process.kill(info.pid, 0);
    return info;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? info : undefined;
  }
}
