// A folder's catalog reads only inside the folder: placeholders and Location targets that leave
// it (a symbolic link, `..`, an absolute path, a file: URL) are problems, and nothing of what they
// point at is stored; a placeholder's target is capped at 1 MiB as a catalog file is, and only
// plain files are read (a pipe would be waited on for ever).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import type { CatalogStore } from '../../src/store/index.js';
import { componentYaml } from '../support/hostile-catalog.js';
import { openTestStore } from '../support/store.js';

const SECRET = 'root:x:0:0:the-secret-content';
const NEVER_READ = 'which is never read (write a path relative to the catalog file)';
const DESCRIPTION = 'metadata.description: could not read $text';

let base: string;
let dir: string;
let outside: string;
let store: CatalogStore;

beforeEach(async () => {
  base = mkdtempSync(join(tmpdir(), 'callboard-paths-'));
  dir = join(base, 'catalog');
  outside = join(base, 'outside');
  mkdirSync(dir);
  mkdirSync(outside);
  writeFileSync(join(outside, 'passwd'), SECRET);
  writeFileSync(join(outside, 'intruder.yaml'), componentYaml('intruder', SECRET));
  store = await openTestStore();
});

afterEach(async () => {
  rmSync(base, { recursive: true, force: true });
  await store.close();
});

function withText(name: string, target: string): string {
  return componentYaml(name).replace(/description: .*/, `description:\n    $text: ${JSON.stringify(target)}`);
}

function location(name: string, target: string): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
  target: ${JSON.stringify(target)}
`;
}

async function everythingStored(): Promise<string> {
  const entities = await store.listEntities();
  return JSON.stringify([entities.map((e) => e.entity), await store.listProblems()]);
}

describe('placeholders in a folder', () => {
  it('refuse targets outside the folder, by link, .., absolute path or file: URL, leaking nothing', async () => {
    symlinkSync(join(outside, 'passwd'), join(dir, 'innocent.txt'));
    writeFileSync(join(dir, 'inside.txt'), 'Takes card payments');
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      [
        withText('by-link', './innocent.txt'),
        withText('by-dots', '../outside/passwd'),
        withText('by-absolute', join(outside, 'passwd')),
        withText('by-url', pathToFileURL(join(outside, 'passwd')).href),
        withText('inside', './inside.txt'),
      ].join('---\n'),
    );
    await syncFolders(store, [dir]);

    expect((await store.listEntities()).map((e) => [e.ref, e.entity.metadata.description])).toEqual([
      ['component:default/inside', 'Takes card payments'],
    ]);
    // What the files themselves refuse (references to entities nobody defined are another test's).
    const problems = Object.fromEntries((await documentProblems(store)).map((p) => [p.entityRef, p.message]));
    expect(problems).toEqual({
      'component:default/by-link': `${DESCRIPTION} ./innocent.txt: leads outside the catalog folder (through a symbolic link)`,
      'component:default/by-dots': `${DESCRIPTION} ../outside/passwd: points outside the catalog folder`,
      'component:default/by-absolute': `${DESCRIPTION} ${join(outside, 'passwd')}: is an absolute path, ${NEVER_READ}`,
      'component:default/by-url':
        `metadata.description: $text ${pathToFileURL(join(outside, 'passwd'))} ` + `is a file: URL, ${NEVER_READ}`,
    });
    expect(await everythingStored()).not.toContain('the-secret-content');
  });

  it('refuse a target over 1 MiB before reading it, as a catalog file is', async () => {
    writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(20 * 1024 * 1024));
    writeFileSync(join(dir, 'catalog-info.yaml'), withText('huge', './huge.txt'));
    await syncFolders(store, [dir]);
    expect(await store.listEntities()).toEqual([]);
    expect((await store.listProblems()).map((p) => p.message)).toEqual([
      `${DESCRIPTION} ./huge.txt: is ${20 * 1024 * 1024} bytes, over the 1048576-byte limit`,
    ]);
  });
});

describe('pipes in a folder', () => {
  it('are refused, never waited on, as placeholders and as Location targets', async () => {
    execFileSync('mkfifo', [join(dir, 'pipe.txt'), join(dir, 'pipe.yml')]);
    const documents = [withText('piped', './pipe.txt'), location('piped', './pipe.yml')];
    writeFileSync(join(dir, 'catalog-info.yaml'), documents.join('---\n'));
    await syncFolders(store, [dir]);
    expect((await store.listProblems()).map((p) => `${p.file}: ${p.message}`).sort()).toEqual([
      `catalog-info.yaml: ${DESCRIPTION} ./pipe.txt: is not a plain file`,
      'pipe.yml: could not be read: is not a plain file',
    ]);
  });
});

describe('Location targets in a folder', () => {
  it('are followed inside it; .., absolute paths, file: and https: URLs and links that leave it are problems', async () => {
    mkdirSync(join(dir, 'teams'));
    writeFileSync(join(dir, 'teams', 'ledger.yaml'), componentYaml('ledger'));
    symlinkSync(join(outside, 'intruder.yaml'), join(dir, 'linked.yaml.txt'));
    symlinkSync(outside, join(dir, 'linked-folder'));
    writeFileSync(
      join(dir, 'catalog-info.yaml'),
      [
        location('teams', './teams/*.yaml'),
        location('dots', `../${basename(outside)}/*.yaml`),
        location('deeper-dots', './teams/../../outside/intruder.yaml'),
        location('absolute', join(outside, 'intruder.yaml')),
        location('url', pathToFileURL(join(outside, 'intruder.yaml')).href),
        location('link', './linked.yaml.txt'),
        location('linked-folder', './linked-folder/*.yaml'),
        location('web', 'https://github.com/acme/catalog/blob/main/org.yaml'),
      ].join('---\n'),
    );
    await syncFolders(store, [dir]);

    expect((await store.listEntities()).map((e) => e.ref).sort()).toEqual([
      'component:default/ledger',
      'location:default/absolute',
      'location:default/deeper-dots',
      'location:default/dots',
      'location:default/link',
      'location:default/linked-folder',
      'location:default/teams',
      'location:default/url',
      'location:default/web',
    ]);
    const problems = (await documentProblems(store)).map((p) => `${p.file} ${p.entityRef ?? ''} ${p.message}`).sort();
    expect(problems).toEqual([
      `catalog-info.yaml location:default/absolute spec.target: ${join(outside, 'intruder.yaml')} ` +
        `is an absolute path, ${NEVER_READ}`,
      'catalog-info.yaml location:default/deeper-dots spec.target: ./teams/../../outside/intruder.yaml points outside ' +
        'the catalog folder',
      `catalog-info.yaml location:default/dots spec.target: ../${basename(outside)}/*.yaml ` +
        'points outside the catalog folder',
      `catalog-info.yaml location:default/url spec.target: ${pathToFileURL(join(outside, 'intruder.yaml'))} ` +
        `is a file: URL, ${NEVER_READ}`,
      // Issue 19: an https:// target was skipped in silence.
      'catalog-info.yaml location:default/web spec.target: https://github.com/acme/catalog/blob/main/org.yaml ' +
        'is a URL, which a catalog folder does not fetch: copy the file into the folder, or let the GitHub sync ' +
        'read its repository (GITHUB_ORG)',
      'linked.yaml.txt  could not be read: leads outside the catalog folder (through a symbolic link)',
    ]);
    expect(await everythingStored()).not.toContain('the-secret-content');
  });
});

/** Problems found in the files, leaving out references to entities the test's catalog never defines. */
async function documentProblems(store: CatalogStore) {
  return (await store.listProblems()).filter((p) => p.category === 'document');
}
