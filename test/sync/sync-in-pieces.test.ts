// A large location is written in pieces while it is parsed (so 160k entities are never held at
// once). What ends up stored must be what the whole-change path stores: the same entities, the same
// problems (a copy another location already provides, a copy in the same folder, a reference that
// does not resolve, unreadable YAML), the same figures, and the same removals on the next sync.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFolder } from '../../src/sources/local/index.js';
import type { CatalogStore } from '../../src/store/index.js';
import { syncSnapshots, type SyncOptions } from '../../src/sync/index.js';
import { serviceYaml } from '../support/service-yaml.js';
import { openTestStore, testBackends } from '../support/store.js';

const team = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team
spec:
  type: team
  children: []
`;

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'callboard-pieces-'));
  mkdirSync(join(root, 'other'));
  mkdirSync(join(root, 'big'));
  writeFileSync(join(root, 'other', 'taken.yaml'), serviceYaml('taken', 'team'));
  writeFileSync(
    join(root, 'big', 'a.yaml'),
    [team, serviceYaml('one', 'team'), serviceYaml('two', 'team')].join('---\n'),
  );
  writeFileSync(
    join(root, 'big', 'b.yaml'),
    [serviceYaml('taken', 'team'), serviceYaml('one', 'team'), serviceYaml('three', 'missing-team')].join('---\n'),
  );
  writeFileSync(join(root, 'big', 'c.yaml'), ['metadata: [unclosed\n', serviceYaml('four', 'team')].join('---\n'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

async function syncBoth(store: CatalogStore, options: SyncOptions) {
  const snapshots = [await readFolder(join(root, 'other')), await readFolder(join(root, 'big'))];
  return syncSnapshots(store, snapshots, options);
}

/** What a person could see of the catalog: every entity as stored, every problem. */
async function catalogSeen(store: CatalogStore) {
  const entities = (await store.listEntities({ limit: 100 })).map((e) => ({
    ref: e.ref,
    file: e.file,
    description: e.entity.metadata.description,
  }));
  const problems = (await store.listProblems()).map((p) => ({
    file: p.file,
    document: p.document,
    entityRef: p.entityRef,
    message: p.message.replace(root, '<root>'),
  }));
  const sort = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();
  return { entities: sort(entities), problems: sort(problems), counts: await store.countsByKind() };
}

describe.each(testBackends())('on %s', (backend) => {
  it('a location written in pieces stores what the whole change stores, first sync and next', async () => {
    const whole = await openTestStore(backend);
    const pieced = await openTestStore(backend);
    const inPieces: SyncOptions = { pieces: { aboveChars: 0, entities: 1 } };
    try {
      const first = await syncBoth(whole, {});
      const changedInPieces: string[] = [];
      const firstInPieces = await syncBoth(pieced, {
        ...inPieces,
        onChanged: (refs) => changedInPieces.push(...refs),
      });
      expect(first).toMatchObject({ locations: 2, added: 6, updated: 0, removed: 0, filesParsed: 4 });
      expect(firstInPieces).toEqual(first);
      expect(changedInPieces.sort()).toEqual([
        'component:default/four',
        'component:default/one',
        'component:default/taken',
        'component:default/three',
        'component:default/two',
        'group:default/team',
      ]);
      const seen = await catalogSeen(pieced);
      expect(seen).toEqual(await catalogSeen(whole));
      // The copy another folder provides, and the second copy in the same folder, are problems.
      expect(seen.problems.join('\n')).toContain('component:default/taken is already provided by taken.yaml');
      expect(seen.problems.join('\n')).toContain('component:default/one is already defined in a.yaml');
      expect(seen.problems.join('\n')).toContain('missing-team');

      // Next sync: one entity gone, one changed; b.yaml is read again (the copy another folder
      // holds may be free by then), c.yaml and the other folder's file are skipped.
      writeFileSync(join(root, 'big', 'a.yaml'), [team, serviceYaml('one', 'team', 'Changed')].join('---\n'));
      const second = await syncBoth(whole, {});
      const secondInPieces = await syncBoth(pieced, inPieces);
      expect(second).toMatchObject({ added: 0, updated: 1, removed: 1, filesParsed: 2, filesSkipped: 2 });
      expect(secondInPieces).toEqual(second);
      expect(await catalogSeen(pieced)).toEqual(await catalogSeen(whole));
    } finally {
      await whole.close();
      await pieced.close();
    }
  });
});
