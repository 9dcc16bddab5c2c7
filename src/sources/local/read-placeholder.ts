// Reads what a `$text`, `$json` or `$yaml` placeholder in a folder's catalog file points at: only
// files inside the folder (symbolic links followed first), and no larger than a catalog file.
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadYamlValue } from '../../catalog/yaml-documents.js';
import { describeFsError } from './describe-fs-error.js';
import { realPathInside, refusedTarget } from './inside-folder.js';

/** Placeholder targets larger than this are refused before they are read, as catalog files are. */
const MAX_PLACEHOLDER_BYTES = 1024 * 1024;

/**
 * `root` is the folder as configured, `realRoot` its real path; `file` is relative to `root`.
 * Errors never carry the target's content, nor an absolute path of this machine.
 */
export function readPlaceholder(
  root: string,
  realRoot: string,
  kind: '$text' | '$json' | '$yaml',
  target: string,
  file: string,
): unknown {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) && !/^file:/i.test(target)) {
    throw new Error(`${kind} ${target}: remote placeholders are not fetched from a folder`);
  }
  const refused = refusedTarget(root, file, target);
  if (refused) throw new Error(refused);
  let text: string;
  try {
    const real = realPathInside(realRoot, resolve(root, dirname(file), target));
    const info = statSync(real);
    // A pipe or a device would never end (or never answer): only plain files are read.
    if (!info.isFile()) throw new Error('is not a plain file');
    const { size } = info;
    if (size > MAX_PLACEHOLDER_BYTES) throw new Error(`is ${size} bytes, over the ${MAX_PLACEHOLDER_BYTES}-byte limit`);
    text = readFileSync(real, 'utf8');
  } catch (error) {
    throw new Error(describeFsError(error));
  }
  if (kind === '$json') return JSON.parse(text);
  if (kind === '$yaml') return loadYamlValue(text, target);
  return text;
}
