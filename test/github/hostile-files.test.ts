// Hostile catalog files in a GitHub organisation: an alias bomb (read through GraphQL, and as a
// git blob over REST when it is too large for GraphQL's text) and a NUL character are problems for
// their own documents; the repository's other entities and every other repository are stored. A Location
// target that leaves its repository (or is a file: URL) is a problem of the file declaring it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validatePaths } from '../../src/cli/validate-files.js';
import { BLOB_TEXT_LIMIT } from '../support/fake-github/graphql-resolvers.js';
import { bombComponentYaml, componentYaml } from '../support/hostile-catalog.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness | undefined;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a full sync over hostile files', () => {
  it('stores everything else, with a problem for the bomb (GraphQL text and REST blob) and the NUL', async () => {
    h = await startHarness({ repositories: 20, teams: 2 });
    const padding = `# ${'x'.repeat(BLOB_TEXT_LIMIT)}\n`;
    const repository = (name: string, text: string) =>
      h!.github.org.addRepository({ name, files: { 'catalog-info.yaml': text } });
    repository('bomb-small', [componentYaml('kept-a'), bombComponentYaml('bomb-a')].join('---\n'));
    repository('bomb-blob', padding + [componentYaml('kept-b'), bombComponentYaml('bomb-b')].join('---\n'));
    repository('nul', [componentYaml('kept-c'), componentYaml('nul', 'a\u0000b')].join('---\n'));

    const result = await h.sync.runFull();

    expect(result.status).toBe('succeeded');
    expect(await h.refs()).toEqual(
      [
        ...h.generated.repositoryEntities,
        ...h.generated.organisationEntities,
        'component:default/kept-a',
        'component:default/kept-b',
        'component:default/kept-c',
      ].sort(),
    );
    const problems = (await h.store.listProblems())
      .filter((p) => p.category === 'document')
      .map((p) => `${p.locationKey}: ${p.message}`)
      .sort();
    expect(problems).toEqual([
      expect.stringMatching(/^github:acme\/bomb-blob: Cannot read the YAML at line \d+, column 1: it expands to more/),
      expect.stringMatching(/^github:acme\/bomb-small: Cannot read the YAML at line 10, column 1: it expands to more/),
      'github:acme/nul: metadata.description contains a NUL character (U+0000), ' +
        'which the catalog cannot store: remove it',
    ]);
    expect(h.github.requests.some((r) => r.kind === 'rest' && /\/git\/blobs\//.test(r.path))).toBe(true);
  });

  it('reports a catalog file that is not YAML, as validate does, instead of passing over it', async () => {
    const junk = '{{{{ ::: [[[\n';
    const folder = mkdtempSync(join(tmpdir(), 'callboard-junk-'));
    writeFileSync(join(folder, 'catalog-info.yaml'), junk);
    const validated = await validatePaths([join(folder, 'catalog-info.yaml')]);
    expect(validated.findings.filter((f) => f.severity === 'error')).not.toEqual([]);

    h = await startHarness({ repositories: 2, teams: 1 });
    h.github.org.addRepository({ name: 'junk', files: { 'catalog-info.yaml': junk } });
    expect((await h.sync.runFull()).status).toBe('succeeded');
    const problems = (await h.store.listProblems({ locationKey: 'github:acme/junk' })).map((p) => p.message);
    expect(problems).toEqual([expect.stringMatching(/^Cannot read the YAML at line \d+, column \d+: /)]);
  });

  it('reports Location targets that leave the repository or are file: URLs, and reads neither', async () => {
    h = await startHarness({ repositories: 3, teams: 1 });
    h.github.org.addRepository({
      name: 'escaper',
      files: {
        'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: escaper
spec:
  targets: [../../other/catalog-info.yaml, "file:///etc/passwd", ./services/a.yaml]
`,
        'services/a.yaml': componentYaml('inside-a'),
      },
    });

    expect((await h.sync.runFull()).status).toBe('succeeded');

    expect(await h.refs()).toEqual(expect.arrayContaining(['component:default/inside-a', 'location:default/escaper']));
    expect(
      (await h.store.listProblems())
        .filter((p) => p.category === 'document')
        .map((p) => `${p.file} ${p.entityRef} ${p.message}`),
    ).toEqual([
      'catalog-info.yaml location:default/escaper The Location target ../../other/catalog-info.yaml points outside ' +
        'the repository',
      'catalog-info.yaml location:default/escaper The Location target file:///etc/passwd is a file: URL, ' +
        'which is never read',
    ]);
  });
});
