// Custom actions work on a folder (`ctx.workspacePath`), as Backstage's do; Callboard keeps the
// workspace in memory until it publishes. So the files are written to a fresh folder before the
// handler runs and read back after: what the handler added, changed or removed is what later
// steps see. Links are not followed and the skeleton limits hold, so a handler cannot bring in
// what is outside its folder or more than a repository commit can take.
import { chmod, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { ActionError } from '../action.js';
import { SKELETON_LIMITS } from '../../templating/skeleton-reader.js';
import type { Workspace } from '../../types.js';

export async function writeWorkspaceFolder(workspace: Workspace, folder: string): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [path, file] of workspace) {
    const target = join(folder, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content);
    if (file.executable) await chmod(target, 0o755);
  }
}

/** Replaces the workspace's files with the folder's; returns lines for the step log (links left out). */
export async function readWorkspaceFolder(folder: string, workspace: Workspace): Promise<string[]> {
  const found: Workspace = new Map();
  const notes: string[] = [];
  let total = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const path = relative(folder, full).split(sep).join('/');
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!entry.isFile()) {
        notes.push(`left out ${path}: only plain files are kept (not links)`);
        continue;
      }
      const info = await lstat(full);
      if (info.size > SKELETON_LIMITS.maxFileBytes) throw new ActionError(`the file ${path} is too large to keep`);
      total += info.size;
      if (total > SKELETON_LIMITS.maxTotalBytes || found.size >= SKELETON_LIMITS.maxFiles)
        throw new ActionError('the workspace holds more than one repository commit can take');
      found.set(path, { content: await readFile(full), executable: (info.mode & 0o111) !== 0 });
    }
  };
  await walk(folder);
  workspace.clear();
  for (const [path, file] of [...found].sort(([a], [b]) => a.localeCompare(b))) workspace.set(path, file);
  return notes;
}
