// Which catalog rules an entity answers to, by where it was read. A repository's catalog files
// (and the files their Locations reach) answer to CATALOG_RULES as Backstage `url` locations, the
// file's URL as target. Two sources are trusted with every kind, as they are the platform's own:
// the GitHub organisation's teams and members, and the folders the platform team names in CATALOG_DIRS.
import type { RuleLocation } from '../catalog/catalog-rules.js';
import type { LocationSnapshot, SourceFile } from '../sources/types.js';

// `file`: a file named to `callboard validate`, which cannot know where the file will be served from.
const TRUSTED_SOURCES = new Set(['github-org', 'dir', 'file']);

/** The location the rules match this file against; undefined for a trusted source. */
export function ruleLocationOf(snapshot: LocationSnapshot, file: SourceFile): RuleLocation | undefined {
  if (TRUSTED_SOURCES.has(snapshot.type)) return undefined;
  return { type: 'url', target: file.url ?? `${snapshot.target.replace(/\/+$/, '')}/${file.path}` };
}
