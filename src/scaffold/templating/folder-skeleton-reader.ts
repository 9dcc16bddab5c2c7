// Reads a skeleton from a folder beside template.yaml, or elsewhere inside a configured templates
// root (Red Hat Developer Hub keeps skeletons in `../../../skeletons/…`). A folder outside every
// root is refused, and so are symbolic links: a template cannot copy files from elsewhere on the host.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { TemplateDefinition } from '../types.js';
import { SKELETON_LIMITS, SkeletonError, type SkeletonFile, type SkeletonReader } from './skeleton-reader.js';

export class FolderSkeletonReader implements SkeletonReader {
  canRead(location: string, template: TemplateDefinition): boolean {
    return template.source.type === 'folder' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(location);
  }

  /** `location` resolved next to template.yaml, refused when it leaves every templates root. */
  private inside(location: string, template: TemplateDefinition): string {
    if (template.source.type !== 'folder') throw new SkeletonError(`${template.ref} was not read from a folder`);
    const problem = skeletonOutsideRoots(location, template.source);
    if (problem) throw new SkeletonError(problem);
    return resolve(template.source.dir, location);
  }

  async readFile(location: string, template: TemplateDefinition): Promise<SkeletonFile> {
    const path = this.inside(location, template);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile())
      throw new SkeletonError(`the file "${location}" does not exist next to the template (links are not read)`);
    if (info.size > SKELETON_LIMITS.maxFileBytes) {
      throw new SkeletonError(
        `the file "${location}" is ${info.size} bytes, over the ${SKELETON_LIMITS.maxFileBytes}-byte limit`,
      );
    }
    return { path: basename(path), content: await readFile(path), executable: (info.mode & 0o111) !== 0 };
  }

  async read(location: string, template: TemplateDefinition): Promise<SkeletonFile[]> {
    const dir = this.inside(location, template);
    const info = await lstat(dir).catch(() => undefined);
    if (!info?.isDirectory())
      throw new SkeletonError(
        `the skeleton folder "${location}" does not exist next to ${template.source.type === 'folder' ? template.source.file : template.ref}`,
      );
    const files: SkeletonFile[] = [];
    let total = 0;
    const walk = async (folder: string): Promise<void> => {
      const entries = await readdir(folder, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const entry of entries) {
        const full = join(folder, entry.name);
        const path = relative(dir, full).split(sep).join('/');
        if (entry.isSymbolicLink())
          throw new SkeletonError(`the skeleton file "${path}" is a symbolic link; links are not copied`);
        if (entry.isDirectory()) {
          await walk(full);
          continue;
        }
        if (!entry.isFile()) continue;
        const stat = await lstat(full);
        if (stat.size > SKELETON_LIMITS.maxFileBytes) {
          throw new SkeletonError(
            `the skeleton file "${path}" is ${stat.size} bytes, over the ${SKELETON_LIMITS.maxFileBytes}-byte limit`,
          );
        }
        total += stat.size;
        if (total > SKELETON_LIMITS.maxTotalBytes)
          throw new SkeletonError(`the skeleton is over ${SKELETON_LIMITS.maxTotalBytes} bytes`);
        if (files.length >= SKELETON_LIMITS.maxFiles)
          throw new SkeletonError(`the skeleton has more than ${SKELETON_LIMITS.maxFiles} files`);
        files.push({ path, content: await readFile(full), executable: (stat.mode & 0o111) !== 0 });
      }
    };
    await walk(dir);
    return files;
  }
}

/** Why a skeleton location next to a folder template is refused, or undefined when it is inside a root. */
export function skeletonOutsideRoots(
  location: string,
  source: { dir: string; root: string; roots?: string[] },
): string | undefined {
  const roots = [source.root, ...(source.roots ?? [])].map((r) => resolve(r));
  const path = resolve(source.dir, location);
  const within = (root: string): boolean => {
    const inside = relative(root, path);
    return !(inside.startsWith('..') || isAbsolute(inside));
  };
  if (roots.some(within)) return undefined;
  return `the skeleton "${location}" lies outside every templates folder (${[...new Set(roots)].join(', ')})`;
}
