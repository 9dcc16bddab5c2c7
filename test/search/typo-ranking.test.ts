import { describe, expect, it } from 'vitest';
import { CatalogSearchIndex, type SearchDoc } from '../../src/search/index.js';
import { editDistance, tokenMatch } from '../../src/search/token-match.js';

function doc(kind: string, name: string): SearchDoc {
  return { ref: `${kind.toLowerCase()}:default/${name}`, kind, namespace: 'default', name, tags: [] };
}

// Lookalikes of each intended name: the same number, the same words reordered, a longer name.
const index = CatalogSearchIndex.build([
  doc('User', 'user-50-6'),
  doc('Component', 'component-50-6'),
  doc('Component', 'user-50-7'),
  doc('API', 'api-437-b'),
  doc('Component', 'app-437-b'),
  doc('Component', 'service-437-b'),
  doc('Component', 'coupon-audit-sync'),
  doc('Component', 'audit-coupon-sync'),
  doc('Component', 'ledger'),
  doc('Resource', 'ledger-db'),
  doc('Group', 'support-platform-team'),
  doc('Group', 'support-platform-team-2'),
]);
const first = (query: string) => index.search(query)[0]?.ref;

describe('typo ranking', () => {
  it('a short misspelt word beats a name that only shares the number', () => {
    expect(first('usre-50-6')).toBe('user:default/user-50-6');
    expect(first('aip-437-b')).toBe('api:default/api-437-b');
  });

  it('words in the order typed rank above the same words reordered', () => {
    const refs = index.search('audit cuopon').map((hit) => hit.ref);
    expect(refs.indexOf('component:default/audit-coupon-sync')).toBeLessThan(
      refs.indexOf('component:default/coupon-audit-sync'),
    );
    expect(first('coupon audti')).toBe('component:default/coupon-audit-sync');
  });

  it('a name with no word the query lacks ranks first: transposed, missing and extra letters', () => {
    expect(first('legder')).toBe('component:default/ledger');
    expect(first('leder')).toBe('component:default/ledger');
    expect(first('ledgger')).toBe('component:default/ledger');
    expect(first('support-platform-taem-2')).toBe('group:default/support-platform-team-2');
    expect(first('support platfrom team')).toBe('group:default/support-platform-team');
  });

  it('counts a transposition as half an edit, and gives up past the limit', () => {
    expect(editDistance('usre', 'user', 2)).toBe(0.5);
    expect(editDistance('aip', 'app', 2)).toBe(1);
    expect(editDistance('ledger', 'leder', 2)).toBe(1);
    expect(editDistance('payments', 'ledger', 2)).toBe(3);
  });

  it('numbers match only exactly, and a missing word is counted', () => {
    expect(tokenMatch(['team', '3'], ['team', '2'])).toMatchObject({ missing: 1 });
    const same = tokenMatch(['team', '2'], ['team', '2']);
    expect(same.missing).toBe(0);
    expect(same.quality).toBeCloseTo(1);
  });
});
