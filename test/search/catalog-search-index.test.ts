import { describe, expect, it } from 'vitest';
import { CatalogSearchIndex, type SearchDoc } from '../../src/search/index.js';

function doc(kind: string, name: string, extra: Partial<SearchDoc> = {}): SearchDoc {
  return { ref: `${kind.toLowerCase()}:default/${name}`, kind, namespace: 'default', name, tags: [], ...extra };
}

const catalog = [
  doc('Component', 'payments', {
    title: 'Payments Service',
    description: 'Takes card payments from merchants and settles them nightly.',
    tags: ['typescript', 'pci'],
    owner: 'group:default/payments-team',
    system: 'money-movement',
    type: 'service',
    lifecycle: 'production',
  }),
  doc('API', 'payments', {
    description: 'REST API to create and capture payments.',
    owner: 'group:default/payments-team',
    type: 'openapi',
  }),
  doc('Group', 'payments-team', { title: 'Payments Team', description: 'Owns card acceptance.', type: 'team' }),
  doc('Component', 'payments-gateway', {
    description: 'Routes payment requests to acquirers.',
    owner: 'group:default/payments-team',
  }),
  doc('Component', 'payouts', {
    description: 'Sends money to the bank accounts of merchants.',
    owner: 'group:default/treasury-team',
  }),
  doc('Resource', 'payments-db', {
    description: 'Primary database of the payments service.',
    tags: ['postgres'],
    type: 'database',
  }),
  doc('Component', 'ledger', {
    description: 'Double-entry bookkeeping of every money movement.',
    tags: ['kafka'],
    owner: 'group:default/ledger-team',
  }),
  doc('System', 'money-movement', { title: 'Money Movement', owner: 'group:default/treasury-team' }),
  doc('User', 'jane-doe', {}),
  doc('Component', 'fraud-scoring', {
    title: 'Fraud Scoring',
    description: 'Scores each transaction for the risk of a chargeback.',
    owner: 'group:default/risk-team',
  }),
  doc('Domain', 'payment', { title: 'Payment' }),
  { ref: 'component:staging/payments', kind: 'Component', namespace: 'staging', name: 'payments', tags: [] },
];
const index = CatalogSearchIndex.build(catalog);
const refs = (query: string, options?: Parameters<CatalogSearchIndex['search']>[1]) =>
  index.search(query, options).map((hit) => hit.ref);

describe('CatalogSearchIndex', () => {
  it('counts what it indexed', () => {
    expect(index.size).toBe(catalog.length);
    expect(CatalogSearchIndex.build([]).search('payments')).toEqual([]);
  });

  it('puts exact names first, ignoring case, then prefixes, then fuzzy matches', () => {
    const hits = index.search('PAYMENTS');
    expect(hits.slice(0, 3).map((h) => [h.ref, h.match])).toEqual([
      ['component:default/payments', 'exact'],
      ['component:staging/payments', 'exact'],
      ['api:default/payments', 'exact'],
    ]);
    expect(hits[0].score).toBe(0);
    const matchOrder = hits.map((h) => ['exact', 'prefix', 'fuzzy'].indexOf(h.match));
    expect(matchOrder).toEqual([...matchOrder].sort((a, b) => a - b));
    expect(hits.map((h) => h.score)).toEqual(hits.map((h) => h.score).sort((a, b) => a - b));
    expect(hits.filter((h) => h.match === 'prefix').map((h) => h.ref)).toEqual(
      expect.arrayContaining([
        'resource:default/payments-db',
        'group:default/payments-team',
        'component:default/payments-gateway',
      ]),
    );
  });

  it('prefers components, APIs and systems, then shorter names, when matches are equally good', () => {
    expect(refs('payments').slice(0, 3)).toEqual([
      'component:default/payments',
      'component:staging/payments',
      'api:default/payments',
    ]);
    // payouts is shorter than every payments-* name, so it leads the prefix matches.
    expect(index.search('pay')[0]).toMatchObject({ ref: 'component:default/payouts', match: 'prefix' });
  });

  it('finds a name through a typo', () => {
    const [first] = index.search('paymnts');
    expect(first).toMatchObject({ ref: 'component:default/payments', match: 'fuzzy' });
    expect(index.search('ledgr')[0]).toMatchObject({ ref: 'component:default/ledger', match: 'fuzzy' });
  });

  it('matches titles and names written with spaces', () => {
    expect(index.search('Money Movement')[0]).toMatchObject({ ref: 'system:default/money-movement', match: 'exact' });
    expect(index.search('payments gateway')[0]).toMatchObject({
      ref: 'component:default/payments-gateway',
      match: 'exact',
    });
    expect(index.search('Payments Gat')[0]).toMatchObject({
      ref: 'component:default/payments-gateway',
      match: 'prefix',
    });
  });

  it('reads a query written as an entity ref', () => {
    expect(index.search('api:payments')[0]).toEqual({ ref: 'api:default/payments', match: 'exact', score: 0 });
    expect(index.search('component:staging/payments')[0]).toEqual({
      ref: 'component:staging/payments',
      match: 'exact',
      score: 0,
    });
  });

  it('finds entities by the words of their description, tags, owner and system', () => {
    expect(refs('chargeback')).toEqual(['component:default/fraud-scoring']);
    expect(refs('postgres')).toEqual(['resource:default/payments-db']);
    expect(refs('bookkeeping kafka')[0]).toBe('component:default/ledger');
    expect(refs('treasury')).toEqual(
      expect.arrayContaining(['component:default/payouts', 'system:default/money-movement']),
    );
    expect(refs('money-movement')[0]).toBe('system:default/money-movement');
    expect(refs('merchants')).toEqual(
      expect.arrayContaining(['component:default/payments', 'component:default/payouts']),
    );
  });

  it('finds description words by their start and through a misspelling', () => {
    expect(refs('bookkee')).toContain('component:default/ledger');
    expect(refs('chargebak')).toContain('component:default/fraud-scoring');
  });

  it('ranks an entity matching every word above one matching some', () => {
    const hits = index.search('payments database');
    expect(hits[0].ref).toBe('resource:default/payments-db');
  });

  it('filters by kind, case-insensitively', () => {
    expect(refs('payments', { kinds: ['api'] })).toEqual(['api:default/payments']);
    expect(refs('payments', { kinds: ['Group', 'Resource'] })).toEqual([
      'resource:default/payments-db',
      'group:default/payments-team',
    ]);
    expect(refs('paymnts', { kinds: ['Group'] })).toEqual(['group:default/payments-team']);
  });

  it('respects the limit and ignores empty queries', () => {
    expect(index.search('pay', { limit: 2 })).toHaveLength(2);
    const many = CatalogSearchIndex.build(Array.from({ length: 30 }, (_, i) => doc('Component', `checkout-${i}`)));
    expect(many.search('checkout')).toHaveLength(10);
    expect(many.search('checkout', { limit: 25 })).toHaveLength(25);
    expect(index.search('   ')).toEqual([]);
    expect(index.search('payments', { limit: 0 })).toEqual([]);
    expect(index.search('zzqx')).toEqual([]);
  });
});
