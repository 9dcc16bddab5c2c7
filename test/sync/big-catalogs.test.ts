// Catalogs at the size the largest adopters reach, in one piece: 200k entities from one folder
// (on Postgres; a run of 160k once overflowed the stack from a push(...spread)), a 6 MB HR export
// as one multi-document file (once refused by a 1 MiB cap), and a run that fails part-way still
// recording the figures of what it did.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import { openTestStore, testBackends } from '../support/store.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-big-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const team = (i: number) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-${i}
spec:
  type: team
  children: []
`;

const system = (i: number, teams: number) => `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: system-${i}
spec:
  owner: team-${i % teams}
`;

const component = (i: number, teams: number, systems: number) => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: component-${i}
  description: Component number ${i}
spec:
  type: service
  lifecycle: production
  owner: team-${i % teams}
  system: system-${i % systems}
`;

/**
 * `count` entities (teams, systems, and components owned by them and part of them) as `files`
 * multi-document files: few files of many documents each, so writing them costs little.
 */
function writeCatalog(count: number, files: number, teams: number, systems: number): void {
  const documents: string[] = [];
  for (let i = 0; i < teams; i++) documents.push(team(i));
  for (let i = 0; i < systems; i++) documents.push(system(i, teams));
  for (let i = 0; documents.length < count; i++) documents.push(component(i, teams, systems));
  const perFile = Math.ceil(count / files);
  mkdirSync(join(dir, 'catalog'));
  for (let f = 0; f < files; f++) {
    const text = documents.slice(f * perFile, (f + 1) * perFile).join('---\n');
    writeFileSync(join(dir, 'catalog', `part-${String(f).padStart(3, '0')}.yaml`), text);
  }
}

describe.runIf(process.env.DATABASE_URL)('a folder of 200k entities, on Postgres', () => {
  it('is stored whole, with the run figures saying so', { timeout: 600_000 }, async () => {
    writeCatalog(200_000, 100, 1000, 1000);
    const store = await openTestStore('postgres');
    try {
      const { summary, failures } = await syncFolders(store, [dir]);
      expect(failures).toEqual([]);
      expect(summary).toMatchObject({ locations: 1, added: 200_000, problems: 0, filesParsed: 100 });
      expect(await store.countsByKind()).toEqual({ component: 198_000, group: 1000, system: 1000 });
      expect(await store.problemCount()).toBe(0);
      const run = await store.lastSyncRun('dir');
      expect(run).toMatchObject({ status: 'succeeded', error: undefined });
      expect(run?.stats).toMatchObject({ added: 200_000, updated: 0, removed: 0, filesParsed: 100, problems: 0 });
      // The relations made it too: a component's card shows its team and system.
      const card = await store.cardRows('component:default/component-199');
      expect(card?.related.map((r) => `${r.type} ${r.target}`)).toEqual([
        'ownedBy group:default/team-199',
        'partOf system:default/system-199',
      ]);
    } finally {
      await store.close();
    }
  });
});

describe.each(testBackends())('on %s', (backend) => {
  it('a 6 MB HR export in one file (people, teams, domains) is stored whole', { timeout: 300_000 }, async () => {
    const documents: string[] = [];
    for (let i = 0; i < 500; i++) documents.push(team(i));
    for (let i = 0; i < 20; i++) {
      documents.push(`apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: domain-${i}
spec:
  owner: team-${i}
`);
    }
    for (let i = 0; i < 19_480; i++) {
      documents.push(`apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: person-${i}
  description: Employee number ${i} of the organisation, as the HR system exports them every night
spec:
  profile:
    displayName: Person Number ${i}
    email: person-${i}@example.com
    picture: https://avatars.example.com/person-${i}.png
  memberOf: [team-${i % 500}]
`);
    }
    const file = join(dir, 'org.yaml');
    writeFileSync(file, documents.join('---\n'));
    expect(statSync(file).size).toBeGreaterThan(6_000_000);
    const store = await openTestStore(backend);
    try {
      const { summary } = await syncFolders(store, [dir]);
      expect(await store.listProblems()).toEqual([]);
      expect(summary).toMatchObject({ added: 20_000, problems: 0, filesParsed: 1 });
      expect(await store.countsByKind()).toEqual({ user: 19_480, group: 500, domain: 20 });
      // The limit is a setting: below the file's size, the file is refused and said to be.
      const refused = await syncFolders(store, [dir], { maxFileBytes: 1024 * 1024 });
      expect(refused.summary.problems).toBe(1);
      expect((await store.listProblems()).map((p) => p.message)).toEqual([
        expect.stringMatching(/^could not be read: is \d+ bytes, over the 1048576-byte limit \(CATALOG_MAX_FILE_MB\)$/),
      ]);
    } finally {
      await store.close();
    }
  });

  it('a run that fails after its transaction committed records the figures of what it did', async () => {
    writeFileSync(join(dir, 'catalog-info.yaml'), [team(1), team(2)].join('---\n'));
    const store = await openTestStore(backend);
    try {
      // What fails comes after the commit, as the stack overflow did: here, what listens for changes.
      const onChanged = () => {
        throw new Error('the search index went away');
      };
      await expect(syncFolders(store, [dir], { onChanged })).rejects.toThrow('the search index went away');
      const run = await store.lastSyncRun('dir');
      expect(run).toMatchObject({ status: 'failed', error: 'the search index went away' });
      expect(run?.stats).toMatchObject({ locations: 1, added: 2, filesParsed: 1 });
      expect(await store.countsByKind()).toEqual({ group: 2 });
    } finally {
      await store.close();
    }
  });
});
