// `callboard locations` and `callboard forget <location>`: what the catalog reads, and a way to
// stop reading one. `callboard sync ./dir` keeps the folder's entities for good (a later sync of
// other folders leaves them be); `forget` removes a location and everything read from it, in one
// transaction, so search and every replica see them go at once.
import { folderLocationKey } from '../sources/local/index.js';
import type { CatalogStore, StoredLocation } from '../store/index.js';
import type { Output } from './output.js';

/** The key of what a person typed: a location key as listed (`dir:/srv/catalog`, `github:acme/payments`), or a folder path, relative to where they typed it. */
export function locationKeyOf(typed: string): string {
  return /^[a-z][a-z0-9-]*:/.test(typed) ? typed : folderLocationKey(typed);
}

function locationLine(location: StoredLocation): string {
  const read = location.lastReadAt ? `read ${location.lastReadAt.toISOString().replace(/\.\d+Z$/, 'Z')}` : 'never read';
  const status =
    location.status === 'ok' ? '' : `, ${location.status}${location.lastError ? `: ${location.lastError}` : ''}`;
  return `${location.key}  ${location.entities} ${location.entities === 1 ? 'entity' : 'entities'}, ${read}${status}`;
}

export async function runLocations(store: CatalogStore, output: Output): Promise<number> {
  const all = await store.listLocations();
  if (!all.length) {
    output.out('The catalog reads no locations yet: `callboard sync <folder>` or `callboard sync --github` adds some.');
    return 0;
  }
  for (const location of all) output.out(locationLine(location));
  output.out('`callboard forget <location>` removes one and everything read from it.');
  return 0;
}

/**
 * Forgets `key`. `configured`: the location keys `start` and `sync` read on their own
 * (CATALOG_DIRS): forgetting one of those lasts only until the next sync, which is said.
 */
export async function runForget(
  store: CatalogStore,
  key: string,
  configured: readonly string[],
  output: Output,
): Promise<number> {
  const known = (await store.listLocations()).map((l) => l.key);
  if (!known.includes(key)) {
    output.err(`callboard forget: the catalog reads no location ${key}; \`callboard locations\` lists them`);
    return 1;
  }
  const removed = await store.removeLocation(key);
  output.out(`forgot ${key}: ${removed.length} ${removed.length === 1 ? 'entity' : 'entities'} removed`);
  if (configured.includes(key))
    output.out(
      'It is one of CATALOG_DIRS, so the next `start` or `sync` reads it again; take it out of CATALOG_DIRS to keep it away.',
    );
  else if (key.startsWith('github:'))
    output.out('The next GitHub sync reads it again while the repository is in GITHUB_ORG and matches the filters.');
  return 0;
}
