// Hostile catalog files in a folder of 51 good entities: an alias bomb (in the file itself and
// behind a $yaml placeholder) and characters Postgres refuses become problems for their own
// document, and every neighbour is stored, on PGlite and on Postgres alike.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import type { CatalogStore } from '../../src/store/index.js';
import { aliasBombYaml, bombComponentYaml, componentYaml, writeNeighbours } from '../support/hostile-catalog.js';
import { openTestStore, testBackends } from '../support/store.js';

const run = promisify(execFile);
const MEMORY_LIMIT = 300 * 1024 * 1024;
const CANNOT_STORE = ', which the catalog cannot store: remove it';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'callboard-hostile-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes a folder with an alias bomb in `shared.yaml` and another behind a `$yaml` placeholder. */
function writeBombs(): string[] {
  const refs = writeNeighbours(dir, [bombComponentYaml('bomb')]);
  writeFileSync(join(dir, 'bomb-data.yaml'), `bomb:\n${aliasBombYaml(9, 9, '  ')}\n`);
  writeFileSync(
    join(dir, 'placeholder.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: via-placeholder
spec:
  type: service
  lifecycle: production
  owner: group:platform
  data:
    $yaml: ./bomb-data.yaml
`,
  );
  return refs;
}

describe('a YAML alias bomb (72 aliases, 9⁹ values)', () => {
  it('is parsed in a child process with a 300 MB heap, peaking under 300 MB, as problems', async () => {
    const refs = writeBombs();
    const child = resolve('test/support/parse-folder-child.ts');
    const args = ['--max-old-space-size=300', '--import', 'tsx', child, dir];
    const { stdout } = await run(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
    const parsed = JSON.parse(stdout) as { entities: string[]; problems: string[]; peakBytes: number };
    expect(parsed.peakBytes).toBeLessThan(MEMORY_LIMIT);
    expect(parsed.entities).toEqual(refs);
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^shared\.yaml: .*expands to more than 250000 values/),
        expect.stringMatching(/^placeholder\.yaml: spec\.data: could not read \$yaml \.\/bomb-data\.yaml: it expands/),
      ]),
    );
  });

  for (const backend of testBackends()) {
    it(`keeps its 51 neighbours, stored (${backend})`, async () => {
      const refs = writeBombs();
      const store: CatalogStore = await openTestStore(backend);
      try {
        const { summary } = await syncFolders(store, [dir]);
        expect(summary.failedLocations).toBe(0);
        expect((await store.listEntities()).map((e) => e.ref).sort()).toEqual(refs);
        const messages = (await store.listProblems()).map((p) => `${p.file}: ${p.message}`);
        expect(messages).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^shared\.yaml: .*expands to more than 250000 values/),
            expect.stringMatching(/^placeholder\.yaml: .*expands to more than 250000 values/),
          ]),
        );
      } finally {
        await store.close();
      }
    });
  }
});

describe('characters Postgres refuses', () => {
  for (const backend of testBackends()) {
    it(`NUL, a lone surrogate, NUL in a key: problems of their entities, 51 stored (${backend})`, async () => {
      const refs = writeNeighbours(dir, [
        componentYaml('nul-description', 'pay\u0000ments'),
        componentYaml('lone-surrogate').replace(/description: .*/, 'description: "half \\uD800 a character"'),
        `${componentYaml('nul-key')}  links: []\n  "bad\\0key": 1\n`,
      ]);
      // A NUL read through $text (a binary file beside the catalog) is the same mistake.
      writeFileSync(join(dir, 'binary.txt'), 'GIF89a\u0000\u0001');
      const withText = componentYaml('nul-text').replace(/description: .*/, 'description:\n    $text: ./binary.txt');
      writeFileSync(join(dir, 'text.yaml'), withText);
      const store: CatalogStore = await openTestStore(backend);
      try {
        const { summary } = await syncFolders(store, [dir]);
        expect(summary.failedLocations).toBe(0);
        expect((await store.listEntities()).map((e) => e.ref).sort()).toEqual(refs);
        const problems = await store.listProblems();
        const about = (ref: string) =>
          problems.filter((p) => p.entityRef === ref).map((p) => `${p.field}: ${p.message}`.replace(CANNOT_STORE, '…'));
        expect(about('component:default/nul-description')).toEqual([
          'metadata.description: metadata.description contains a NUL character (U+0000)…',
        ]);
        expect(about('component:default/lone-surrogate')).toEqual([
          'metadata.description: metadata.description contains an unpaired UTF-16 surrogate (U+D800)…',
        ]);
        expect(about('component:default/nul-key')).toEqual([
          'spec.bad\uFFFDkey: The key spec.bad\uFFFDkey contains a NUL character (U+0000)…',
        ]);
        expect(about('component:default/nul-text')).toEqual([expect.stringContaining('contains a NUL character')]);
      } finally {
        await store.close();
      }
    });
  }
});
