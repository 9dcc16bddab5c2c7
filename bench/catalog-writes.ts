// The generated organisation the incremental benchmark's replicas share, and how its entities are
// written to a store directly (no files to parse): both replicas' processes build the same one.
import { createHash } from 'node:crypto';
import { entityRef } from '../src/catalog/refs.js';
import type { Entity } from '../src/catalog/types.js';
import type { EntityWrite } from '../src/store/index.js';

export const INCREMENTAL_SIZE = 160_000;

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
export const BENCH_LOCATION_CHANGE = {
  location: { key: 'dir:/bench', type: 'dir', target: '/bench' },
  parsedFiles: [],
  removedFiles: [],
  failedFiles: [],
  upserts: [],
  removals: [],
  problems: [],
};
