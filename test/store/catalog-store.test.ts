import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CatalogStore } from '../../src/store/index.js';
import type { EntityWrite } from '../../src/store/index.js';
import { openTestStore, testBackends } from '../support/store.js';

function component(name: string, owner: string, file = 'catalog-info.yaml'): EntityWrite {
  const ref = `component:default/${name}`;
  return {
    ref,
    hash: `h-${name}-${owner}`,
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, tags: ['java'] },
      spec: { type: 'service', owner, lifecycle: 'production' },
    },
    relations: [
      { source: ref, type: 'ownedBy', target: `group:default/${owner}` },
      { source: `group:default/${owner}`, type: 'ownerOf', target: ref },
    ],
    origin: { file },
  };
}

const location = (key: string) => ({ key, type: 'dir', target: key });
const emptyChange = { parsedFiles: [], removedFiles: [], failedFiles: [], upserts: [], removals: [], problems: [] };

describe.each(testBackends())('CatalogStore on %s', (backend) => {
  let store: CatalogStore;
  afterEach(async () => {
    await store?.close();
  });

  it('stores entities with their relations and finds them by ref, owner and relation', async () => {
    store = await openTestStore(backend);
    const result = await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/a'),
      parsedFiles: [{ path: 'catalog-info.yaml', sha: 's1' }],
      upserts: [component('payments', 'payments-team'), component('ledger', 'payments-team')],
    });
    expect(result.added.sort()).toEqual(['component:default/ledger', 'component:default/payments']);
    const payments = await store.getEntity('component:default/payments');
    expect(payments?.entity.spec?.owner).toBe('payments-team');
    expect(await store.relationsFrom('group:default/payments-team', ['ownerOf'])).toEqual([
      { source: 'group:default/payments-team', type: 'ownerOf', target: 'component:default/ledger' },
      { source: 'group:default/payments-team', type: 'ownerOf', target: 'component:default/payments' },
    ]);
    expect((await store.listEntities({ owner: 'group:default/payments-team' })).map((e) => e.name)).toEqual([
      'ledger',
      'payments',
    ]);
    const rows = await store.searchRows();
    expect(rows.find((r) => r.name === 'payments')).toMatchObject({
      type: 'service',
      lifecycle: 'production',
      tags: ['java'],
      owner: 'group:default/payments-team',
    });
    expect(await store.knownFileShas('dir:/a')).toEqual(new Map([['catalog-info.yaml', 's1']]));
    expect(await store.catalogVersion()).toBe(1);
  });

  it("reads a card in one query: relations with each target's summary (none for a target not in the catalog) and the owner", async () => {
    store = await openTestStore(backend);
    const payments = component('payments', 'payments-team');
    const team: EntityWrite = {
      ref: 'group:default/payments-team',
      hash: 'h-team',
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments-team', title: 'Payments Team' },
        spec: { type: 'team', children: [] },
      },
      relations: [],
      origin: { file: 'catalog-info.yaml' },
    };
    payments.relations.push({ source: payments.ref, type: 'dependsOn', target: 'resource:default/gone' });
    await store.applyLocationChange({ ...emptyChange, location: location('dir:/a'), upserts: [payments, team] });
    const card = await store.cardRows(payments.ref);
    expect(card?.entity.entity).toEqual(payments.entity);
    expect(card?.ownerEntity).toEqual(team.entity);
    expect(card?.systemDomain).toBeUndefined();
    expect(card?.related).toEqual([
      { source: payments.ref, type: 'dependsOn', target: 'resource:default/gone', summary: undefined },
      {
        source: payments.ref,
        type: 'ownedBy',
        target: 'group:default/payments-team',
        summary: {
          ref: 'group:default/payments-team',
          kind: 'Group',
          namespace: 'default',
          name: 'payments-team',
          title: 'Payments Team',
          description: undefined,
          type: 'team',
          lifecycle: undefined,
        },
      },
    ]);
  });

  it('reads cards and summaries by any ref, however quoted, as data (prepared reads run again and again)', async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/a'),
      upserts: [component('payments', 'payments-team'), component('ledger', 'payments-team')],
    });
    const hostile = [
      "component:default/x'; DROP TABLE entities; --",
      "component:default/o''brien",
      'component:default/back\\slash\\',
      'component:default/$1',
      '',
    ];
    for (const ref of hostile) expect(await store.cardRows(ref)).toBeUndefined();
    expect(await store.entitySummaries(hostile)).toEqual([]);
    // The same reads once more, after all that: the catalog is whole and the statements still answer.
    for (let i = 0; i < 3; i++) {
      expect((await store.cardRows('component:default/ledger'))?.entity.name).toBe('ledger');
      expect(
        (await store.entitySummaries(['component:default/payments', hostile[0], 'component:default/ledger'])).map(
          (s) => [s.ref, s.kind, s.type, s.lifecycle],
        ),
      ).toEqual([
        ['component:default/payments', 'Component', 'service', 'production'],
        ['component:default/ledger', 'Component', 'service', 'production'],
      ]);
    }
    expect(await store.entitySummaries([])).toEqual([]);
  });

  it("keeps the first location's entity and reports the second claimant naming both", async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/a'),
      upserts: [component('payments', 'team-a', '/a/catalog-info.yaml')],
    });
    const second = await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/b'),
      upserts: [component('payments', 'team-b', '/b/catalog-info.yaml')],
    });
    expect(second.added).toEqual([]);
    expect(second.conflicts[0].message).toContain('/a/catalog-info.yaml');
    expect(second.conflicts[0].message).toContain('/b/catalog-info.yaml');
    expect((await store.getEntity('component:default/payments'))?.entity.spec?.owner).toBe('team-a');
    expect((await store.listProblems({ locationKey: 'dir:/b' })).map((p) => p.entityRef)).toEqual([
      'component:default/payments',
    ]);
  });

  it('removes a location with everything it provided, and records failures without removing', async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/a'),
      upserts: [component('payments', 'team-a')],
    });
    await store.markLocationFailed(location('dir:/a'), 'permission denied');
    expect(await store.getEntity('component:default/payments')).toBeDefined();
    expect(await store.removeLocation('dir:/a')).toEqual(['component:default/payments']);
    expect(await store.getEntity('component:default/payments')).toBeUndefined();
    expect(await store.relationsFrom('group:default/team-a')).toEqual([]);
  });

  it('records sync runs', async () => {
    store = await openTestStore(backend);
    const id = await store.startSyncRun('dir');
    await store.finishSyncRun(id, { status: 'succeeded', stats: { added: 3 } });
    expect(await store.lastSyncRun()).toMatchObject({ id, source: 'dir', status: 'succeeded', stats: { added: 3 } });
  });

  it('lists locations by key prefix with their files, taking % and _ literally', async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      ...emptyChange,
      location: location('github:acme/a_b'),
      parsedFiles: [{ path: 'catalog-info.yaml', sha: 'x' }],
    });
    await store.applyLocationChange({ ...emptyChange, location: location('github:acme/axb'), parsedFiles: [] });
    await store.applyLocationChange({ ...emptyChange, location: location('dir:/acme'), parsedFiles: [] });
    expect((await store.locationKeys('github:acme/')).sort()).toEqual(['github:acme/a_b', 'github:acme/axb']);
    expect(await store.locationKeys('github:acme/a_')).toEqual(['github:acme/a_b']);
    expect(await store.knownFileShasByPrefix('github:acme/')).toEqual(
      new Map([
        ['github:acme/a_b', new Map([['catalog-info.yaml', 'x']])],
        ['github:acme/axb', new Map()],
      ]),
    );
  });

  it('lets one holder at a time run exclusive work', async () => {
    store = await openTestStore(backend);
    let release!: () => void;
    let held!: () => void;
    // The work runs only once the lock is held: its start is the signal to try a second holder.
    const holding = new Promise<void>((resolve) => {
      held = resolve;
    });
    const first = store.exclusively('github-sync', () => {
      held();
      return new Promise<string>((resolve) => {
        release = () => resolve('done');
      });
    });
    await holding;
    expect(await store.exclusively('github-sync', async () => 'second')).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'done' });
    expect(await store.exclusively('github-sync', async () => 'third')).toEqual({ ran: true, value: 'third' });
  });

  it('applies a batch in order: first claimant wins, and an entity one location drops another may take', async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      ...emptyChange,
      location: location('dir:/a'),
      upserts: [component('ledger', 'team-a', '/a/x.yaml')],
    });
    const [a, b, c] = await store.applyLocationChanges([
      { ...emptyChange, location: location('dir:/a'), removals: ['component:default/ledger'] },
      {
        ...emptyChange,
        location: location('dir:/b'),
        upserts: [component('ledger', 'team-b', '/b/x.yaml'), component('payments', 'team-b', '/b/x.yaml')],
      },
      { ...emptyChange, location: location('dir:/c'), upserts: [component('payments', 'team-c', '/c/x.yaml')] },
    ]);
    expect(a.removed).toEqual(['component:default/ledger']);
    expect(b.added.sort()).toEqual(['component:default/ledger', 'component:default/payments']);
    expect(c.added).toEqual([]);
    expect(c.conflicts[0].message).toContain('/b/x.yaml');
    expect(await store.getEntity('component:default/ledger')).toMatchObject({ locationKey: 'dir:/b' });
    expect((await store.getEntity('component:default/payments'))?.entity.spec?.owner).toBe('team-b');
    expect(await store.relationsFrom('group:default/team-a')).toEqual([]);
    expect((await store.relationsFrom('group:default/team-b', ['ownerOf'])).map((r) => r.target)).toEqual([
      'component:default/ledger',
      'component:default/payments',
    ]);
    expect(await store.catalogVersion()).toBe(2);
  });

  it('logs which entities each version changed, and tells listeners the new version', async () => {
    store = await openTestStore(backend);
    const heard: Array<number | undefined> = [];
    const stop = await store.onCatalogChange((version) => heard.push(version));
    try {
      await store.applyLocationChange({
        ...emptyChange,
        location: location('dir:/a'),
        upserts: [component('payments', 'a'), component('ledger', 'a')],
      });
      await store.applyLocationChange({
        ...emptyChange,
        location: location('dir:/a'),
        upserts: [component('payments', 'b')],
        removals: ['component:default/ledger'],
      });
      // Unchanged documents are not a change: no new version.
      await store.applyLocationChange({ ...emptyChange, location: location('dir:/a') });
      expect(await store.catalogChangesSince(0)).toEqual({
        version: 2,
        refs: expect.arrayContaining(['component:default/payments', 'component:default/ledger']),
      });
      expect(await store.catalogChangesSince(1)).toEqual({
        version: 2,
        refs: expect.arrayContaining(['component:default/payments', 'component:default/ledger']),
      });
      expect((await store.catalogChangesSince(1)).refs).toHaveLength(2);
      expect(await store.catalogChangesSince(2)).toEqual({ version: 2 });
      // A version older than the log keeps cannot be listed: the reader must rebuild in full.
      expect(await store.catalogChangesSince(-1)).toEqual({ version: 2 });
      expect(
        (await store.searchRowsFor(['component:default/payments', 'component:default/ledger'])).map((r) => r.owner),
      ).toEqual(['group:default/b']);
      await vi.waitFor(() => expect(heard).toEqual([1, 2]));
    } finally {
      await stop();
    }
  });
});
