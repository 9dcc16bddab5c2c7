// Where the Location entities of a catalog file point, as GitHub addresses: a relative target is
// read from the same branch of the same repository; a URL may name another repository; a target
// with glob characters needs the branch's file list.
import { posix } from 'node:path';
import { locationTargets, parseCatalogFile } from '../../catalog/index.js';
import type { FileAddress } from './location-keys.js';

export type ResolvedTarget =
  | { kind: 'file'; address: FileAddress }
  | { kind: 'glob'; owner: string; repo: string; ref: string; pattern: string }
  /**
   * Not read. `reported` when it is a mistake worth a problem (`..` leaving the repository, a
   * `file:` URL); a link to another host is just not read from GitHub.
   */
  | { kind: 'outside'; target: string; reason: string; reported?: boolean; entityRef?: string; document?: number };

const GLOB = /[*?[\]{}]/;
const LOCATION_KIND = /^\s*kind:\s*["']?Location\b/im;

/** The targets of every Location entity in `text` (none when the file declares no Location). */
export function targetsIn(text: string, file: FileAddress, htmlBase: string): ResolvedTarget[] {
  if (!LOCATION_KIND.test(text)) return [];
  const { entities } = parseCatalogFile(text, { file: file.path }, { skipNonEntityFiles: true });
  return entities
    .filter((e) => e.entity.kind === 'Location')
    .flatMap((e) =>
      locationTargets(e.entity).map((t) => {
        const resolved = resolveTarget(t.target, file, htmlBase);
        return resolved.kind === 'outside' ? { ...resolved, entityRef: e.ref, document: e.origin.document } : resolved;
      }),
    );
}

export function resolveTarget(target: string, from: FileAddress, htmlBase: string): ResolvedTarget {
  if (/^file:/i.test(target)) {
    return { kind: 'outside', target, reason: 'is a file: URL, which is never read', reported: true };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return resolveUrl(target, htmlBase);
  const joined = posix.normalize(posix.join(posix.dirname(from.path), target));
  if (joined === '..' || joined.startsWith('../') || posix.isAbsolute(joined)) {
    return { kind: 'outside', target, reason: 'points outside the repository', reported: true };
  }
  if (GLOB.test(joined)) return { kind: 'glob', owner: from.owner, repo: from.repo, ref: from.ref, pattern: joined };
  return { kind: 'file', address: { ...from, path: joined } };
}

/** `https://github.com/<owner>/<repo>/blob/<ref>/<path>` (or /tree/) on this GitHub. */
function resolveUrl(target: string, htmlBase: string): ResolvedTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { kind: 'outside', target, reason: 'is not a valid URL' };
  }
  const base = new URL(htmlBase);
  if (url.host !== base.host) return { kind: 'outside', target, reason: `is not on ${base.host}` };
  const basePath = base.pathname.replace(/\/+$/, '');
  const parts = decodeURIComponent(url.pathname.slice(basePath.length)).split('/').filter(Boolean);
  const [owner, repo, mode, ref, ...rest] = parts;
  if (!owner || !repo || (mode !== 'blob' && mode !== 'tree') || !ref || rest.length === 0) {
    return { kind: 'outside', target, reason: 'is not a link to a file in a repository' };
  }
  const path = rest.join('/');
  if (GLOB.test(path)) return { kind: 'glob', owner, repo, ref, pattern: path };
  return { kind: 'file', address: { owner, repo, ref, path } };
}
