// How the benchmarks put generated entities into a store: as the catalog files of a few
// locations (snapshotsOf, parsed and synced as a repository's would be), or written directly with
// no files to parse (writes), as the incremental benchmark's replicas do.
import { createHash } from 'node:crypto';
import { entityRef } from '../src/catalog/refs.js';
import type { Entity } from '../src/catalog/types.js';
import type { LocationSnapshot } from '../src/sources/types.js';
import type { EntityWrite } from '../src/store/index.js';
import { emptyLocationChange } from '../src/store/location-change.js';

/** The incremental benchmark's catalog: both of its replicas' processes generate the same one. */
export const INCREMENTAL_SIZE = 160_000;
/** The incremental benchmark's large change: 10k entities at once. */
export const LARGE_CHANGE = 10_000;

const PER_FILE = 250;
const PER_LOCATION = 2000;

export function writes(entities: Entity[]): EntityWrite[] {
  return entities.map((entity) => ({
    ref: entityRef(entity),
    hash: createHash('sha1').update(JSON.stringify(entity)).digest('hex'),
    entity,
    relations: [],
    origin: { file: 'catalog-info.yaml' },
  }));
}

/** The empty change of the location the benchmark writes to: fill in `upserts`. */
export const BENCH_LOCATION_CHANGE = emptyLocationChange({ key: 'dir:/bench', type: 'dir', target: '/bench' });

/**
 * The generated organisation as locations of a few thousand entities each (as repositories
 * would hold them), read from memory rather than disk.
 */
export function snapshotsOf(entities: Entity[]): LocationSnapshot[] {
  const snapshots: LocationSnapshot[] = [];
  for (let first = 0; first < entities.length; first += PER_LOCATION) {
    const files: LocationSnapshot['files'] = [];
    const location = entities.slice(first, first + PER_LOCATION);
    for (let start = 0; start < location.length; start += PER_FILE) {
      const text = location
        .slice(start, start + PER_FILE)
        .map((e) => JSON.stringify(e))
        .join('\n---\n');
      files.push({
        path: `catalog-${start / PER_FILE}.yaml`,
        sha: createHash('sha1').update(text).digest('hex'),
        status: 'read',
        text,
      });
    }
    snapshots.push({
      key: `bench:generated-${first / PER_LOCATION}`,
      // As a folder named in CATALOG_DIRS: trusted with every kind, so the catalog rules leave it whole.
      type: 'dir',
      target: 'generated organisation',
      status: 'ok',
      files,
    });
  }
  return snapshots;
}
