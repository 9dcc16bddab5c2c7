// Replicas keep their search index up with the catalog by reading only what changed: the store's
// notification names the new version, the change log lists the entities it changed, and a
// replica that missed a notification catches up from the log at its next version check.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateOrganisation } from '../../bench/generate-org.js';
import { entityRef, type Entity } from '../../src/catalog/index.js';
import { SearchService } from '../../src/search/index.js';
import type { CatalogStore, EntityWrite } from '../../src/store/index.js';
import { openReplicaStore, openTestStore, testBackends } from '../support/store.js';
import { unless } from '../support/skips.js';

const CATALOG_SIZE = 20_000;
const location = { key: 'dir:/org', type: 'dir', target: '/org' };
const emptyChange = { parsedFiles: [], removedFiles: [], failedFiles: [], upserts: [], removals: [], problems: [] };

function write(entity: Entity): EntityWrite {
  return {
    ref: entityRef(entity),
    hash: JSON.stringify(entity),
    entity,
    relations: [],
    origin: { file: 'catalog-info.yaml' },
  };
}

/** A replica's search service whose reads of the store are counted: full loads, and rows read. */
function countedReplica(store: CatalogStore) {
  const reads = { fullLoads: 0, rows: 0, refs: [] as string[] };
  const search = new SearchService(
    async () => {
      reads.fullLoads++;
      const rows = await store.searchRows();
      reads.rows += rows.length;
      return rows;
    },
    () => store.catalogVersion(),
    {
      catalogChangesSince: (since) => store.catalogChangesSince(since),
      searchRowsFor: async (refs) => {
        const rows = await store.searchRowsFor(refs);
        reads.rows += rows.length;
        reads.refs.push(...rows.map((row) => row.ref));
        return rows;
      },
    },
  );
  return { search, reads };
}

const organisation = generateOrganisation(CATALOG_SIZE);
const target = organisation.find((e) => e.kind === 'Component' && e.metadata.name.includes('-'))!;
const targetRef = entityRef(target);
const renamed = (word: string): Entity => ({
  ...target,
  metadata: { ...target.metadata, description: `Reconciles ${word} ledgers nightly` },
});

describe.each(testBackends())('search replicas on %s', (backend) => {
  const postgresOnly = unless(
    backend === 'postgres' ? undefined : 'needs two handles on one Postgres database: this is the PGlite round',
  );
  const opened: CatalogStore[] = [];
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    for (const store of opened.splice(0).reverse()) await store.close();
  });

  async function catalogStore(): Promise<CatalogStore> {
    const store = await openTestStore(backend);
    opened.push(store);
    await store.applyLocationChange({ ...emptyChange, location, upserts: organisation.map(write) });
    return store;
  }

  it('one entity changed in a 20k catalog: the replica reads that row only, and answers with it', async () => {
    const store = await catalogStore();
    const { search, reads } = countedReplica(store);
    stops.push(
      await store.onCatalogChange((version) => {
        void search.refresh(version);
      }),
    );
    await search.refresh();
    expect(search.size).toBe(CATALOG_SIZE);
    expect(reads).toMatchObject({ fullLoads: 1, rows: CATALOG_SIZE });

    await store.applyLocationChange({ ...emptyChange, location, upserts: [write(renamed('quasar'))] });
    await vi.waitFor(() => expect(search.search('quasar ledgers')[0]?.ref).toBe(targetRef), { timeout: 10_000 });
    expect(reads.fullLoads).toBe(1);
    expect(reads.rows).toBe(CATALOG_SIZE + 1);
    expect(reads.refs).toEqual([targetRef]);
    expect(search.size).toBe(CATALOG_SIZE);
  }, 120_000);

  it('a notification dropped on purpose is caught up from the change log at the next version check', async () => {
    const store = await catalogStore();
    const { search, reads } = countedReplica(store);
    let dropped = 0;
    stops.push(
      await store.onCatalogChange((version) => {
        if (dropped++ === 0) return;
        void search.refresh(version);
      }),
    );
    await search.refresh();

    await store.applyLocationChange({ ...emptyChange, location, upserts: [write(renamed('nebula'))] });
    // Wait until the notification has come (and been dropped): the index still has the old text.
    await vi.waitFor(() => expect(dropped).toBe(1), { timeout: 10_000 });
    expect(search.search('nebula ledgers')[0]?.ref).not.toBe(targetRef);

    expect((await search.searchFresh('nebula ledgers', {}, 0))[0]?.ref).toBe(targetRef);
    expect(reads.fullLoads).toBe(1);
    expect(reads.refs).toEqual([targetRef]);
  }, 120_000);

  it('two handles on one database: a change written by one is searchable on the other', {
    ...postgresOnly,
    timeout: 120_000,
  }, async () => {
    const writer = await catalogStore();
    const replicaStore = await openReplicaStore(writer);
    opened.push(replicaStore);
    const { search, reads } = countedReplica(replicaStore);
    stops.push(
      await replicaStore.onCatalogChange((version) => {
        void search.refresh(version);
      }),
    );
    await search.refresh();

    await writer.applyLocationChange({ ...emptyChange, location, upserts: [write(renamed('pulsar'))] });
    await vi.waitFor(() => expect(search.search('pulsar ledgers')[0]?.ref).toBe(targetRef), { timeout: 10_000 });
    expect(reads.fullLoads).toBe(1);
    expect(reads.refs).toEqual([targetRef]);

    await writer.applyLocationChange({ ...emptyChange, location, removals: [targetRef] });
    await vi.waitFor(() => expect(search.size).toBe(CATALOG_SIZE - 1), { timeout: 10_000 });
    expect(search.search(target.metadata.name).map((hit) => hit.ref)).not.toContain(targetRef);
    expect(reads.fullLoads).toBe(1);
  });

  it("catalogs in two schemas of one database do not hear each other's changes", {
    ...postgresOnly,
    timeout: 60_000,
  }, async () => {
    const first = await openTestStore(backend);
    const second = await openTestStore(backend);
    opened.push(first, second);
    const heard: Array<number | undefined> = [];
    stops.push(await second.onCatalogChange((version) => heard.push(version)));

    await first.applyLocationChange({ ...emptyChange, location, upserts: [write(target)] });
    await second.applyLocationChange({ ...emptyChange, location, upserts: [write(renamed('comet'))] });
    const secondVersion = await second.catalogVersion();
    await vi.waitFor(() => expect(heard).toContain(secondVersion), { timeout: 10_000 });
    expect(heard).toEqual([secondVersion]);
  });
});
