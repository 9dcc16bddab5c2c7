// Reads a local folder of catalog files into one location snapshot. Location entities are
// followed to files outside the folder too; placeholders may only read inside the folder.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load } from 'js-yaml';
import picomatch from 'picomatch';
import { locationTargets, parseCatalogFile } from '../../catalog/index.js';
import type { LocationSnapshot, SourceFile } from '../types.js';
import { walkYamlFiles } from './walk-yaml-files.js';

/** Catalog files larger than this are refused before they are read into memory. */
const MAX_FILE_BYTES = 1024 * 1024;

export function folderLocationKey(dir: string): string {
  return `dir:${resolve(dir)}`;
}

export async function readFolder(dir: string): Promise<LocationSnapshot> {
  const root = resolve(dir);
  const snapshot: LocationSnapshot = {
    key: folderLocationKey(root), type: 'dir', target: root, status: 'ok', files: [],
    resolvePlaceholder: folderPlaceholderResolver(root),
  };
  let listed: Awaited<ReturnType<typeof walkYamlFiles>>;
  try {
    listed = await walkYamlFiles(root);
  } catch (error) {
    return { ...snapshot, status: 'failed', error: describeFsError(error), files: [] };
  }
  if (listed.unreadableDirs.length) {
    // Part of the tree could not be listed, so a missing file may only be hidden: keep everything.
    return { ...snapshot, status: 'failed', error: `could not list ${listed.unreadableDirs.join(', ')}`, files: [] };
  }

  const byPath = new Map<string, SourceFile>();
  const queue = [...listed.files];
  while (queue.length) {
    const path = queue.shift()!;
    if (byPath.has(path)) continue;
    const file = await readCatalogFile(root, path);
    byPath.set(path, file);
    if (file.status === 'read') queue.push(...await followLocations(root, path, file.text));
  }
  snapshot.files = [...byPath.values()];
  return snapshot;
}

async function readCatalogFile(root: string, path: string): Promise<SourceFile> {
  const absolute = resolve(root, path);
  const url = pathToFileURL(absolute).href;
  try {
    const info = await stat(absolute);
    if (info.size > MAX_FILE_BYTES) return { path, url, status: 'failed', error: `is ${info.size} bytes, over the ${MAX_FILE_BYTES}-byte limit` };
    const text = await readFile(absolute, 'utf8');
    return { path, url, status: 'read', text, sha: createHash('sha256').update(text).digest('hex') };
  } catch (error) {
    return { path, url, status: 'failed', error: describeFsError(error) };
  }
}

/** Files that Location entities in `text` point at (relative paths and globs; URLs are not fetched). */
async function followLocations(root: string, path: string, text: string): Promise<string[]> {
  if (!/kind:\s*["']?Location/.test(text)) return [];
  const found: string[] = [];
  const locationEntities = parseCatalogFile(text, { file: path }, { skipNonEntityFiles: true })
    .entities.filter((e) => e.entity.kind === 'Location');
  const targets = locationEntities.flatMap((e) => locationTargets(e.entity).map((t) => t.target));
  for (const target of targets) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || isAbsolute(target)) continue;
    const absolute = resolve(root, dirname(path), target);
    if (!/[*?[{]/.test(target)) {
      found.push(relative(root, absolute));
      continue;
    }
    const base = resolve(root, dirname(path), picomatch.scan(target).base);
    const matcher = picomatch(absolute);
    try {
      const { files } = await walkYamlFiles(base);
      found.push(...files.map((f) => resolve(base, f)).filter((f) => matcher(f)).map((f) => relative(root, f)));
    } catch {
      // A glob over a folder that is not there matches nothing, as in Backstage.
    }
  }
  return found;
}

/** Reads `$text`/`$json`/`$yaml` targets inside `root` only, as a folder's sync does. */
export function folderPlaceholderResolver(root: string): NonNullable<LocationSnapshot['resolvePlaceholder']> {
  return (kind, target, file) => readPlaceholder(root, kind, target, file);
}

function readPlaceholder(root: string, kind: '$text' | '$json' | '$yaml', target: string, file: string): unknown {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) throw new Error(`${kind} ${target}: remote placeholders are not fetched from a folder`);
  const absolute = resolve(root, dirname(file), target);
  if (absolute !== root && !absolute.startsWith(root + sep)) {
    throw new Error(`${kind} ${target} points outside the catalog folder`);
  }
  const text = readFileSync(absolute, 'utf8');
  if (kind === '$json') return JSON.parse(text);
  if (kind === '$yaml') return load(text);
  return text;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'ENOTDIR') return 'not a folder';
  return error instanceof Error ? error.message : String(error);
}
