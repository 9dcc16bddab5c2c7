// Syncing a folder as a catalog author would: problems reported with file and field, every
// valid entity kept, removals applied, and an unreadable folder removing nothing.
import { mkdtempSync, mkdirSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import type { CatalogStore } from '../../src/store/index.js';
import { openTestStore, testBackends } from '../support/store.js';

const GOOD = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
  description: Takes card payments
spec:
  type: service
  lifecycle: production
  owner: payments-team
  system: checkout
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
spec:
  type: team
  children: []
`;

const SECOND = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;

const BROKEN_YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: [unclosed
`;

const MIXED = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: -bad-name-
spec:
  type: service
  lifecycle: production
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: Spaceship
metadata:
  name: enterprise
spec: {}
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  lifecycle: experimental
  owner: someone-else
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: refunds
spec:
  type: service
  lifecycle: production
  owner: payments-team
`;

describe.each(testBackends())('folder sync on %s', (backend) => {
  let dir: string;
  let store: CatalogStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-folder-'));
    store = await openTestStore(backend);
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await store.close();
  });

  const refs = async () => (await store.listEntities()).map((e) => e.ref);

  it('reports each problem with its file and field and keeps every valid entity', async () => {
    writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
    mkdirSync(join(dir, 'more'));
    writeFileSync(join(dir, 'more', 'broken.yaml'), BROKEN_YAML);
    writeFileSync(join(dir, 'more', 'mixed.yaml'), MIXED);
    const { summary, locationKeys } = await syncFolders(store, [dir]);
    expect(summary.added).toBe(3);
    expect((await refs()).sort()).toEqual([
      'component:default/payments',
      'component:default/refunds',
      'group:default/payments-team',
    ]);
    const problems = await store.listProblems({ locationKey: locationKeys[0] });
    const byFile = (file: string) => problems.filter((p) => p.file === file);
    expect(byFile('more/broken.yaml')).toHaveLength(1);
    const mixed = byFile('more/mixed.yaml');
    expect(mixed.find((p) => p.document === 0)?.field).toBe('metadata.name');
    expect(mixed.find((p) => p.document === 1)?.message).toMatch(/Spaceship/);
    const duplicate = mixed.find((p) => p.document === 2);
    expect(duplicate?.entityRef).toBe('component:default/payments');
    expect(duplicate?.message).toContain('catalog-info.yaml');
    expect((await store.getEntity('component:default/payments'))?.entity.spec?.owner).toBe('payments-team');
  });

  it('removes an entity deleted from its file, and skips unchanged files on the next sync', async () => {
    writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
    writeFileSync(join(dir, 'ledger.yaml'), SECOND);
    await syncFolders(store, [dir]);
    expect(await refs()).toContain('component:default/ledger');

    const again = await syncFolders(store, [dir]);
    expect(again.summary).toMatchObject({ added: 0, updated: 0, removed: 0, filesParsed: 0, filesSkipped: 2 });

    writeFileSync(join(dir, 'catalog-info.yaml'), GOOD.split('---')[0]);
    const afterEdit = await syncFolders(store, [dir]);
    expect(afterEdit.summary).toMatchObject({ removed: 1, filesParsed: 1 });
    expect((await refs()).sort()).toEqual(['component:default/ledger', 'component:default/payments']);

    unlinkSync(join(dir, 'ledger.yaml'));
    await syncFolders(store, [dir]);
    expect(await refs()).toEqual(['component:default/payments']);
  });

  it('removes nothing when the folder cannot be read', async () => {
    writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
    await syncFolders(store, [dir]);
    // Root reads through any permission bits, so unreadable is made two ways that stop root too.
    renameSync(dir, `${dir}.moved`);
    const gone = await syncFolders(store, [dir]);
    expect(gone.failures[0].error).toBe('no such file or folder');
    writeFileSync(dir, 'not a folder');
    const notFolder = await syncFolders(store, [dir]);
    expect(notFolder.failures[0].error).toBe('not a folder');
    expect(gone.summary.removed + notFolder.summary.removed).toBe(0);
    expect(await refs()).toHaveLength(2);
    rmSync(dir);
    renameSync(`${dir}.moved`, dir);
  });

  it('keeps what a file provided when the file becomes unparseable YAML', async () => {
    writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
    await syncFolders(store, [dir]);
    writeFileSync(join(dir, 'catalog-info.yaml'), `${GOOD}\n  bad: [indent`);
    const { summary, locationKeys } = await syncFolders(store, [dir]);
    expect(summary.removed).toBe(0);
    expect(await refs()).toHaveLength(2);
    const problems = await store.listProblems({ locationKey: locationKeys[0] });
    expect(problems.filter((p) => p.category === 'document')).toHaveLength(1);
    // The kept entity's references are still checked: its system is in no file.
    expect(problems.filter((p) => p.category === 'reference').map((p) => p.message)).toEqual([
      'spec.system names system:default/checkout, which is not in the catalog',
    ]);
  });

  it('follows Location entities to files inside the folder, with globs', async () => {
    mkdirSync(join(dir, 'teams'));
    writeFileSync(join(dir, 'teams', 'ledger.yml'), SECOND);
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      `${GOOD}---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: others
spec:
  targets:
    - ./teams/*.yml
    - ./missing.yaml
`,
    );
    await syncFolders(store, [dir]);
    expect(await refs()).toContain('component:default/ledger');
  });
});

describe.each(testBackends())('a file that could not be read, on %s', (backend) => {
  it('loses its read error once it reads again with the content it had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-unreadable-'));
    const store = await openTestStore(backend);
    try {
      writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
      const limit = { maxFileBytes: 1024 * 1024 };
      await syncFolders(store, [dir], limit);
      // Root reads through permission bits: a file over the size limit is unreadable for everyone.
      writeFileSync(join(dir, 'catalog-info.yaml'), `${GOOD}#${'x'.repeat(1024 * 1024)}\n`);
      await syncFolders(store, [dir], limit);
      // GOOD names a system nobody defines: that reference problem is not this test's concern.
      const documentProblems = async () => (await store.listProblems()).filter((p) => p.category === 'document');
      expect((await documentProblems()).map((p) => p.message)).toEqual([
        expect.stringMatching(/^could not be read: is \d+ bytes, over/),
      ]);

      writeFileSync(join(dir, 'catalog-info.yaml'), GOOD);
      const { summary } = await syncFolders(store, [dir], limit);
      expect(await documentProblems()).toEqual([]);
      expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, problems: 0 });
      expect((await store.listEntities()).map((e) => e.ref).sort()).toEqual([
        'component:default/payments',
        'group:default/payments-team',
      ]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
