// Lists the YAML files under a folder, the way a catalog author lays them out.
import type { Dirent } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage']);
const YAML_FILE = /\.ya?ml$/i;

/** Paths relative to `root`, sorted. Throws when `root` itself cannot be listed. */
export async function walkYamlFiles(root: string): Promise<{ files: string[]; unreadableDirs: string[] }> {
  const files: string[] = [];
  const unreadableDirs: string[] = [];
  const visit = async (dir: string, isRoot: boolean): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (isRoot) throw error;
      unreadableDirs.push(relative(root, dir));
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await visit(path, false);
      else if (entry.isFile() && YAML_FILE.test(entry.name)) files.push(relative(root, path));
    }
  };
  await visit(root, true);
  return { files: files.sort(), unreadableDirs };
}
