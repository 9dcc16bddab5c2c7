import { describe, expect, it } from 'vitest';
import { SearchService, type SearchDoc } from '../../src/search/index.js';

function component(name: string): SearchDoc {
  return { ref: `component:default/${name}`, kind: 'Component', namespace: 'default', name, tags: [] };
}

/** A catalog whose contents and version a test moves by hand, counting the loads search makes. */
class FakeCatalog {
  docs: SearchDoc[] = [];
  version = 1;
  loads = 0;
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

  readonly readVersion = async (): Promise<number> => this.version;

  change(docs: SearchDoc[]): void {
    this.docs = docs;
    this.version++;
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => { resolve = r; });
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
    expect(catalog.loads).toBe(2);
    expect(refs(service, 'ledger')).toEqual(['component:default/ledger']);
  });

  it('searchFresh reads the version at most once per interval, and sees a change after it', async () => {
    const catalog = new FakeCatalog();
    catalog.docs = [component('payments')];
    let versionReads = 0;
    const service = new SearchService(catalog.load, async () => { versionReads++; return catalog.version; });
    expect((await service.searchFresh('payments', {}, 60_000)).map((h) => h.ref)).toEqual(['component:default/payments']);
    const readsAfterFirst = versionReads;
    catalog.change([component('payments'), component('ledger')]);
    expect(await service.searchFresh('ledger', {}, 60_000)).toEqual([]);
    expect(versionReads).toBe(readsAfterFirst);
    expect((await service.searchFresh('ledger', {}, 0)).map((h) => h.ref)).toEqual(['component:default/ledger']);
    expect(versionReads).toBeGreaterThan(readsAfterFirst);
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
    expect(catalog.loads).toBe(2);
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
});
