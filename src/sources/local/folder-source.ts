// Reads a local folder of catalog files into one location snapshot. Location entities are
// followed, and placeholders read, only inside the folder: a target that leaves it (`..`, an
// absolute path, a `file:` URL, a symbolic link) is a problem, and nothing of it is read.
import { appendAll } from '../../append.js';
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import picomatch from 'picomatch';
import { DEFAULT_MAX_BYTES, locationTargets, parseCatalogFile } from '../../catalog/index.js';
import type { LocationSnapshot, SourceFile, SourceProblem } from '../types.js';
import { describeFsError } from './describe-fs-error.js';
import { isWithin, realPathInside, refusedTarget } from './inside-folder.js';
import { readPlaceholder } from './read-placeholder.js';
import { walkYamlFiles } from './walk-yaml-files.js';

interface ReadFolderOptions {
  /** Catalog files larger than this are refused before they are read into memory (default DEFAULT_MAX_BYTES). */
  maxFileBytes?: number;
}

export function folderLocationKey(dir: string): string {
  return `dir:${resolve(dir)}`;
}

export async function readFolder(dir: string, options: ReadFolderOptions = {}): Promise<LocationSnapshot> {
  const root = resolve(dir);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_BYTES;
  const snapshot: LocationSnapshot = {
    key: folderLocationKey(root),
    type: 'dir',
    target: root,
    status: 'ok',
    files: [],
  };
  let realRoot: string;
  let listed: Awaited<ReturnType<typeof walkYamlFiles>>;
  try {
    realRoot = await realpath(root);
    listed = await walkYamlFiles(root);
  } catch (error) {
    return { ...snapshot, status: 'failed', error: describeFsError(error), files: [] };
  }
  if (listed.unreadableDirs.length) {
    // Part of the tree could not be listed, so a missing file may only be hidden: keep everything.
    return { ...snapshot, status: 'failed', error: `could not list ${listed.unreadableDirs.join(', ')}`, files: [] };
  }
  snapshot.resolvePlaceholder = (kind, target, file) => readPlaceholder(root, realRoot, kind, target, file);

  const byPath = new Map<string, SourceFile>();
  const queue = [...listed.files];
  while (queue.length) {
    const path = queue.shift()!;
    if (byPath.has(path)) continue;
    const file = await readCatalogFile(root, realRoot, path, maxFileBytes);
    byPath.set(path, file);
    if (file.status !== 'read') continue;
    const followed = await followLocations(root, realRoot, path, file.text);
    if (followed.problems.length) file.problems = followed.problems;
    appendAll(queue, followed.paths);
  }
  snapshot.files = [...byPath.values()];
  return snapshot;
}

/**
 * Reads `$text`/`$json`/`$yaml` targets inside `root` only, as a folder's sync does (for a single
 * file checked by `callboard validate`, whose folder is the root).
 */
export function folderPlaceholderResolver(root: string): NonNullable<LocationSnapshot['resolvePlaceholder']> {
  const realRoot = realpathSync(root);
  return (kind, target, file) => readPlaceholder(root, realRoot, kind, target, file);
}

async function readCatalogFile(
  root: string,
  realRoot: string,
  path: string,
  maxFileBytes: number,
): Promise<SourceFile> {
  const absolute = resolve(root, path);
  const url = pathToFileURL(absolute).href;
  try {
    const real = realPathInside(realRoot, absolute);
    const info = await stat(real);
    if (!info.isFile()) return { path, url, status: 'failed', error: 'is not a plain file' };
    if (info.size > maxFileBytes)
      return {
        path,
        url,
        status: 'failed',
        error: `is ${info.size} bytes, over the ${maxFileBytes}-byte limit (CATALOG_MAX_FILE_MB)`,
      };
    const text = await readFile(real, 'utf8');
    return { path, url, status: 'read', text, sha: createHash('sha256').update(text).digest('hex') };
  } catch (error) {
    return { path, url, status: 'failed', error: describeFsError(error) };
  }
}

/** Why a URL target of a folder's Location is not read, and what reads it. */
const URL_TARGET =
  'is a URL, which a catalog folder does not fetch: copy the file into the folder, ' +
  'or let the GitHub sync read its repository (GITHUB_ORG)';

/**
 * Files that Location entities in `text` point at (relative paths and globs inside the folder),
 * and a problem for each target that would leave the folder, URLs included.
 */
async function followLocations(
  root: string,
  realRoot: string,
  path: string,
  text: string,
): Promise<{ paths: string[]; problems: SourceProblem[] }> {
  const paths: string[] = [];
  const problems: SourceProblem[] = [];
  if (!/kind:\s*["']?Location/.test(text)) return { paths, problems };
  const locationEntities = parseCatalogFile(
    text,
    { file: path },
    { skipNonEntityFiles: true, maxBytes: Infinity },
  ).entities.filter((e) => e.entity.kind === 'Location');
  for (const location of locationEntities) {
    for (const { target } of locationTargets(location.entity)) {
      // A URL is not skipped in silence: the person expects its entities and would never learn why
      // they are missing. A folder reads only itself; the GitHub sync reads repositories.
      const refused =
        /^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)
          ? URL_TARGET
          : refusedTarget(root, path, target);
      if (refused) {
        const field = location.entity.spec?.target === target ? 'spec.target' : 'spec.targets';
        const message = `${field}: ${target} ${refused}`;
        problems.push({ document: location.origin.document, entityRef: location.ref, field, message });
        continue;
      }
      const absolute = resolve(root, dirname(path), target);
      if (!/[*?[{]/.test(target)) {
        paths.push(relative(root, absolute));
        continue;
      }
      const base = resolve(root, dirname(path), picomatch.scan(target).base);
      appendAll(paths, await globInside(root, realRoot, base, absolute));
    }
  }
  return { paths, problems };
}

/** The YAML files under `base` that match `pattern` (both absolute), when `base` really lies in the folder. */
async function globInside(root: string, realRoot: string, base: string, pattern: string): Promise<string[]> {
  try {
    // A folder inside that is a link to elsewhere is elsewhere: its files are not listed.
    if (!isWithin(realRoot, await realpath(base))) return [];
    const { files } = await walkYamlFiles(base);
    const matcher = picomatch(pattern);
    return files
      .map((f) => resolve(base, f))
      .filter((f) => matcher(f))
      .map((f) => relative(root, f));
  } catch {
    // A glob over a folder that is not there matches nothing, as in Backstage.
    return [];
  }
}
