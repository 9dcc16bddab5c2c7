// The oracle: Backstage's own catalog-model and Callboard must agree, document by document,
// on which entities are accepted, and on the relations an accepted entity states.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../src/catalog/index.js';
import { backstageVerdict } from './support/backstage-oracle.js';
import { backstageExamplesMissing } from '../support/shared-examples.js';
import { BACKSTAGE_EXAMPLES, FIXTURES, yamlFilesUnder } from './support/catalog-files.js';
import { unless } from '../support/skips.js';

interface Disagreement {
  file: string;
  document: number;
  backstage: string;
  callboard: string;
}

interface Comparison {
  documents: number;
  accepted: number;
  disagreements: Disagreement[];
}

async function compareFile(path: string, root: string): Promise<Comparison> {
  const text = readFileSync(path, 'utf8');
  const file = relative(root, path);
  const ours = parseCatalogFile(text, { file });
  const comparison: Comparison = { documents: 0, accepted: 0, disagreements: [] };
  const documents = loadAll(text);
  for (const [index, document] of documents.entries()) {
    if (document === null) continue;
    comparison.documents += 1;
    const theirs = await backstageVerdict(document);
    const entity = ours.entities.find((e) => e.origin.document === index);
    const problems = ours.problems.filter((p) => p.document === index).map((p) => p.message);
    const ourRelations = entity ? entity.relations.map((r) => `${r.source} ${r.type} ${r.target}`).sort() : [];
    if (theirs.accepted) comparison.accepted += 1;
    const disagree =
      theirs.accepted !== Boolean(entity) || JSON.stringify(theirs.relations) !== JSON.stringify(ourRelations);
    if (disagree) {
      comparison.disagreements.push({
        file,
        document: index,
        backstage: theirs.accepted
          ? `accepted, relations ${JSON.stringify(theirs.relations)}`
          : `rejected: ${theirs.reason}`,
        callboard: entity ? `accepted, relations ${JSON.stringify(ourRelations)}` : `rejected: ${problems.join('; ')}`,
      });
    }
  }
  return comparison;
}

async function compareAll(files: string[], root: string): Promise<Comparison> {
  const total: Comparison = { documents: 0, accepted: 0, disagreements: [] };
  for (const file of files) {
    const one = await compareFile(file, root);
    total.documents += one.documents;
    total.accepted += one.accepted;
    total.disagreements.push(...one.disagreements);
  }
  return total;
}

describe('Callboard agrees with @backstage/catalog-model', () => {
  it('on every valid fixture: all accepted, with the same relations', async () => {
    const result = await compareAll(yamlFilesUnder(`${FIXTURES}valid`), FIXTURES);
    expect(result.disagreements).toEqual([]);
    expect(result.documents).toBeGreaterThanOrEqual(30);
    expect(result.accepted).toBe(result.documents);
  });

  it('on every invalid fixture: all rejected', async () => {
    const result = await compareAll(yamlFilesUnder(`${FIXTURES}invalid`), FIXTURES);
    expect(result.disagreements).toEqual([]);
    expect(result.documents).toBeGreaterThan(60);
    expect(result.accepted).toBe(0);
  });

  describe(`on Backstage's own examples (${BACKSTAGE_EXAMPLES})`, unless(backstageExamplesMissing()), () => {
    it('on every document of every YAML file', async () => {
      const files = yamlFilesUnder(BACKSTAGE_EXAMPLES);
      const result = await compareAll(files, BACKSTAGE_EXAMPLES);
      expect(result.disagreements).toEqual([]);
      expect(files.length).toBeGreaterThan(50);
      expect(result.documents).toBeGreaterThan(80);
    });
  });
});
