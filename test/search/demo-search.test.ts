// Searching the demo organisation the way people type into Slack.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../../src/catalog/index.js';
import { CatalogSearchIndex, searchDocFromEntity } from '../../src/search/index.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? yamlFiles(path) : /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const entities = yamlFiles(EXAMPLES).flatMap((file) =>
  parseCatalogFile(readFileSync(file, 'utf8'), { file }, { skipNonEntityFiles: true }).entities.map((e) => e.entity),
);
const index = CatalogSearchIndex.build(entities.map(searchDocFromEntity));
const first = (query: string, kinds?: string[]) => index.search(query, { kinds })[0];

describe('searching the demo organisation', () => {
  it('indexes every entity', () => {
    expect(index.size).toBe(entities.length);
  });

  it('finds the payments service by name, typo, title and ref', () => {
    expect(first('payments')).toEqual({ ref: 'component:default/payments', match: 'exact', score: 0 });
    expect(first('paymnts')).toMatchObject({ ref: 'component:default/payments', match: 'fuzzy' });
    expect(first('Payments Service')).toMatchObject({ ref: 'component:default/payments', match: 'exact' });
    expect(first('component:payments')).toMatchObject({ ref: 'component:default/payments', match: 'exact' });
  });

  it('answers a team question with the team', () => {
    expect(first('payments team')).toMatchObject({ ref: 'group:default/payments-team', match: 'exact' });
    expect(first('payments', ['Group'])).toMatchObject({ ref: 'group:default/payments-team', match: 'prefix' });
  });

  it('finds things by a start of their name or by what they do', () => {
    expect(first('fraud')).toMatchObject({ ref: 'component:default/fraud-scoring', match: 'prefix' });
    expect(first('checkout')).toMatchObject({ ref: 'component:default/checkout-web', match: 'prefix' });
    expect(first('who handles chargebacks')?.ref).toBe('component:default/fraud-scoring');
    expect(first('settlement files')?.ref).toBe('resource:default/settlement-files-bucket');
    expect(index.search('kafka').map((h) => h.ref)).toContain('resource:default/payment-events-topic');
  });

  it('finds people by name', () => {
    expect(first('greta sato')).toMatchObject({ ref: 'user:default/greta-sato', match: 'exact' });
    expect(first('greta')).toMatchObject({ ref: 'user:default/greta-sato', match: 'prefix' });
  });
});
