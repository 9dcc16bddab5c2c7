// References the catalog cannot resolve are problems of the entity that makes them, where its
// author wrote them; they come and go as other locations add or remove what they name.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import type { CatalogStore } from '../../src/store/index.js';
import { openTestStore, testBackends } from '../support/store.js';

const SEARCH = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search
spec:
  type: service
  lifecycle: production
  owner: group:default/serch-team
  dependsOn: [resource:search-index, component:ledger]
  providesApis: [search-api]
`;

const TEAM = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: serch-team
spec:
  type: team
  children: []
  parent: engineering
`;

describe.each(testBackends())('unresolved references on %s', (backend) => {
  let store: CatalogStore;
  let services: string;
  let teams: string;
  beforeEach(async () => {
    store = await openTestStore(backend);
    services = mkdtempSync(join(tmpdir(), 'callboard-refs-'));
    teams = mkdtempSync(join(tmpdir(), 'callboard-refs-teams-'));
    writeFileSync(join(services, 'catalog-info.yaml'), SEARCH);
    writeFileSync(join(teams, 'teams.yaml'), TEAM);
  });
  afterEach(async () => {
    await store.close();
    rmSync(services, { recursive: true, force: true });
    rmSync(teams, { recursive: true, force: true });
  });

  const referenceProblems = async () =>
    (await store.listProblems())
      .filter((p) => p.category === 'reference')
      .map((p) => `${p.file} ${p.field}: ${p.message}`);

  it('reports each missing target with its field, and drops it once another location provides it', async () => {
    await syncFolders(store, [services]);
    expect(await referenceProblems()).toEqual([
      'catalog-info.yaml spec.dependsOn[0]: spec.dependsOn[0] names resource:default/search-index, which is not in the catalog',
      'catalog-info.yaml spec.dependsOn[1]: spec.dependsOn[1] names component:default/ledger, which is not in the catalog',
      'catalog-info.yaml spec.owner: spec.owner names group:default/serch-team, which is not in the catalog',
      'catalog-info.yaml spec.providesApis[0]: spec.providesApis[0] names api:default/search-api, which is not in the catalog',
    ]);
    expect((await store.listProblems())[0]).toMatchObject({
      entityRef: 'component:default/search',
      locationKey: `dir:${services}`,
    });

    await syncFolders(store, [teams]);
    const after = await referenceProblems();
    expect(after.filter((p) => p.includes('serch-team'))).toEqual([]);
    expect(after).toContain(
      'teams.yaml spec.parent: spec.parent names group:default/engineering, which is not in the catalog',
    );
    expect(await store.problemCount()).toBe(4);

    // The team leaves the catalog: the owner is unresolved again.
    rmSync(join(teams, 'teams.yaml'));
    await syncFolders(store, [teams]);
    expect(await referenceProblems()).toContain(
      'catalog-info.yaml spec.owner: spec.owner names group:default/serch-team, which is not in the catalog',
    );

    // Each change recomputed only what it could affect: the same problems as a full recomputation.
    const kept = await referenceProblems();
    await store.refreshReferenceProblems();
    expect([...(await referenceProblems())].sort()).toEqual([...kept].sort());
  });
});
