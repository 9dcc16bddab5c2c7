import { describe, expect, it } from 'vitest';
import { SearchService, type CatalogChangeFeed, type SearchDoc } from '../../src/search/index.js';

function component(name: string): SearchDoc {
  return { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, tags: [] };
}

/** A catalog whose contents and version a test moves by hand, counting the loads and version reads search makes. */
class FakeCatalog {
  docs: SearchDoc[] = [];
  version = 1;
  loads = 0;
  versionReads = 0;
  /** When set, load() waits for this before answering. */
  gate?: Promise<void>;
  failNextLoad = false;

  readonly load = async (): Promise<SearchDoc[]> => {
    this.loads++;
    const docs = [...this.docs];
    await this.gate;
    if (this.failNextLoad) {
      this.failNextLoad = false;
      throw new Error('database unavailable');
    }
    return docs;
  };

  readonly readVersion = async (): Promise<number> => {
    this.versionReads++;
    return this.version;
  };

  change(docs: SearchDoc[]): void {
    const before = new Map(this.docs.map((d) => [d.ref, d]));
    const after = new Map(docs.map((d) => [d.ref, d]));
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (ref) => before.get(ref) !== after.get(ref),
    );
    this.docs = docs;
    this.version++;
    this.log.set(this.version, changed);
  }

  /** Which refs each version changed, as the store's change log records them. */
  readonly log = new Map<number, string[]>();
  /** Rows read through the change feed, by ref. */
  rowsRead: string[] = [];

  /** The store's change feed over this catalog. */
  readonly feed: CatalogChangeFeed = {
    catalogChangesSince: async (since) => {
      const refs = new Set<string>();
      for (let v = since + 1; v <= this.version; v++) {
        const changed = this.log.get(v);
        if (!changed) return { version: this.version };
        for (const ref of changed) refs.add(ref);
      }
      return { version: this.version, refs: [...refs] };
    },
    searchRowsFor: async (wanted) => {
      const found = this.docs.filter((d) => wanted.includes(d.ref));
      this.rowsRead.push(...found.map((d) => d.ref));
      return found;
    },
  };
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const refs = (service: SearchService, query: string) => service.search(query).map((h) => h.ref);

describe('SearchService', () => {
  it('answers nothing before its first refresh, then from the loaded catalog', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    expect(service.search('payments')).toEqual([]);
    expect(service.indexedVersion).toBeUndefined();

    expect(await service.refresh()).toBe(true);
    expect(refs(service, 'payments')).toEqual(['component:default/payments']);
    expect(service.size).toBe(1);
    expect(service.indexedVersion).toBe(1);
  });

  it('settles only once the refresh under way has finished, so a closing process can wait for it', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const gate = deferred();
    catalog.gate = gate.promise;
    const service = new SearchService(catalog.load, catalog.readVersion);
    const refreshing = service.refresh();
    let settled = false;
    const settling = service.settled().then(() => {
      settled = true;
    });
    await catalog.readVersion();
    expect(settled).toBe(false);
    gate.resolve();
    await settling;
    expect(await refreshing).toBe(true);
    expect(refs(service, 'payments')).toEqual(['component:default/payments']);
    await service.settled();
  });

  it('rebuilds only when the catalog version has moved', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    await service.refresh();
    expect(await service.refresh()).toBe(false);
    await service.ensureFresh();
    expect(catalog.loads).toBe(1);

    catalog.change([component('payments'), component('ledger')]);
    await service.ensureFresh();
    expect(catalog.loads).toBeGreaterThanOrEqual(2);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
  });

  it('searchFresh reads the version at most once per interval, and sees a change after it', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed);
    expect((await service.searchFresh('payments', {}, 60_000)).map((h) => h.ref)).toEqual([
      'component:default/payments',
    ]);
    const readsAfterFirst = catalog.versionReads;
    catalog.change([component('payments'), component('ledger')]);
    expect(await service.searchFresh('ledger', {}, 60_000)).toEqual([]);
    expect(catalog.versionReads).toBe(readsAfterFirst);
    expect((await service.searchFresh('ledger', {}, 0)).map((h) => h.ref)).toEqual(['component:default/ledger']);
    expect(catalog.versionReads).toBeGreaterThan(readsAfterFirst);
  });

  it('keeps answering from the old index while a new one is built, then swaps it in', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    await service.refresh();

    catalog.change([component('ledger')]);
    const gate = deferred();
    catalog.gate = gate.promise;
    const rebuilding = service.refresh();
    // A second caller during the rebuild shares it rather than loading again.
    const alsoRebuilding = service.refresh();
    await Promise.resolve();
    expect(refs(service, 'payments')).toEqual(['component:default/payments']);
    expect(refs(service, 'ledger')).toEqual([]);

    gate.resolve();
    expect(await rebuilding).toBe(true);
    expect(await alsoRebuilding).toBe(true);
    expect(catalog.loads).toBeGreaterThanOrEqual(2);
    expect(refs(service, 'payments')).toEqual([]);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
    expect(service.indexedVersion).toBe(2);
  });

  it('picks up a change that lands while a rebuild is loading', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    const gate = deferred();
    catalog.gate = gate.promise;
    const first = service.refresh();
    while (catalog.loads === 0) await Promise.resolve();
    catalog.change([component('payments'), component('ledger')]);
    gate.resolve();
    await first;
    catalog.gate = undefined;

    await service.ensureFresh();
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
    expect(service.indexedVersion).toBe(2);
  });

  it('keeps the old index when a rebuild fails, and retries on the next refresh', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    await service.refresh();

    catalog.change([component('ledger')]);
    catalog.failNextLoad = true;
    await expect(service.refresh()).rejects.toThrow('database unavailable');
    expect(refs(service, 'payments')).toEqual(['component:default/payments']);
    expect(service.indexedVersion).toBe(1);

    expect(await service.refresh()).toBe(true);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
  });

  it('applies a change of a few entities by reading only those entities', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = Array.from({ length: 500 }, (_, i) => component(`service-${i}`));
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed);
    await service.refresh();

    catalog.change([...catalog.docs.filter((d) => d.name !== 'service-7'), component('ledger')]);
    expect(await service.refresh()).toBe(true);
    expect(catalog.loads).toBe(1);
    expect(catalog.rowsRead).toEqual(['component:default/ledger']);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
    expect(refs(service, 'service-7')).not.toContain('component:default/service-7');
    expect(service.size).toBe(500);
    expect(service.indexedVersion).toBe(2);
  });

  it('applies a change of thousands of entities (worked in slices) as it applies a few', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = Array.from({ length: 20_000 }, (_, i) => component(`service-${i}`));
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed, { foldOverlayAt: 10_000 });
    await service.refresh();

    // 3,000 entities described anew, 500 removed: more than one slice's worth of each step.
    const described = (doc: SearchDoc, i: number) =>
      i < 3000 ? { ...doc, description: `Moved to kestrel ${i}` } : doc;
    catalog.change(catalog.docs.map(described).filter((_, i) => i < 19_500));
    expect(await service.refresh()).toBe(true);
    expect(catalog.loads).toBe(1);
    expect(catalog.rowsRead).toHaveLength(3000);
    expect(service.size).toBe(19_500);
    expect(service.search('kestrel', { limit: 5000 })).toHaveLength(3000);
    expect(refs(service, 'service-2999')[0]).toBe('component:default/service-2999');
    expect(refs(service, 'service-19600')).not.toContain('component:default/service-19600');
  });

  it('finds a changed entity by its new words and no longer by its old ones', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [{ ...component('payments'), description: 'Takes card payments' }, component('ledger')];
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed);
    await service.refresh();

    catalog.change([{ ...component('payments'), description: 'Settles invoices' }, component('ledger')]);
    await service.refresh();
    expect(refs(service, 'invoices')).toEqual(['component:default/payments']);
    expect(refs(service, 'card')).toEqual([]);
    expect(catalog.loads).toBe(1);
  });

  it('skips the database when a notification names a version already indexed', async () => {
    const catalog = new FakeCatalog();
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed);
    await service.refresh();
    const reads = catalog.versionReads;
    expect(await service.refresh(1)).toBe(false);
    expect(catalog.versionReads).toBe(reads);
  });

  it('rebuilds in full when the change log no longer reaches back to its version', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed);
    await service.refresh();
    catalog.change([component('ledger')]);
    catalog.log.clear();
    expect(await service.refresh()).toBe(true);
    expect(catalog.loads).toBeGreaterThanOrEqual(2);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
  });

  it('answers from the index it has while a full build loads, without waiting for it', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    const service = new SearchService(catalog.load, catalog.readVersion);
    await service.refresh();
    catalog.change([component('ledger')]);
    const gate = deferred();
    catalog.gate = gate.promise;
    expect((await service.searchFresh('payments', {}, 0)).map((h) => h.ref)).toEqual(['component:default/payments']);
    gate.resolve();
    await service.ensureFresh();
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
  });

  it('folds a grown overlay into a fresh base in the background, answering the same throughout', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = Array.from({ length: 50 }, (_, i) => component(`service-${i}`));
    const service = new SearchService(catalog.load, catalog.readVersion, catalog.feed, { foldOverlayAt: 3 });
    await service.refresh();
    for (let i = 0; i < 5; i++) {
      catalog.change([...catalog.docs, component(`added-${i}`)]);
      await service.refresh();
      expect(refs(service, `added-${i}`)[0]).toBe(`component:default/added-${i}`);
    }
    // The fold runs in the background; settled() resolves once it has been swapped in.
    await service.settled();
    expect(catalog.loads).toBeGreaterThanOrEqual(2);
    expect(service.size).toBe(55);
    expect(refs(service, 'added-4')[0]).toBe('component:default/added-4');
    expect(refs(service, 'service-3')[0]).toBe('component:default/service-3');
  });
});
