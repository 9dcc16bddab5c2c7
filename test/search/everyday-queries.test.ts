// The everyday queries (bench/everyday-queries.ts), typed as people type them, against the demo
// catalog: how often the answer is right (or an honest "nothing matches"), and that no wrong
// card ever opens outright. The rates are floors: a change that lowers them fails here.
import { describe, expect, it } from 'vitest';
import { demoCatalogDocs } from '../../bench/demo-catalog.js';
import { describeMisses, everydayRates } from '../../bench/everyday-rates.js';
import { EVERYDAY_QUERIES } from '../../bench/everyday-queries.js';
import { CatalogSearchIndex } from '../../src/search/index.js';
import { chooseAnswer } from '../../src/search/answer-choice.js';

const docs = demoCatalogDocs();

describe('everyday queries on the demo catalog', () => {
  it('right answer or honest "nothing matches" for at least 97%, right in the top 5 for 99%, no wrong card opened', async () => {
    const rates = await everydayRates(docs);
    expect(rates.total).toBe(EVERYDAY_QUERIES.length);
    expect(rates.total).toBeGreaterThanOrEqual(100);
    const misses = describeMisses(rates);
    expect(rates.right / rates.total, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(rates.rightFirst / rates.total, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(rates.rightInTop5 / rates.total).toBeGreaterThanOrEqual(0.99);
    expect(rates.outcomes.filter((o) => o.wrongOpened).map((o) => o.query.query)).toEqual([]);
  });

  it('covers every way people type: names, prefixes, short forms, typos, phrases, emoji, people, names not in the catalog', () => {
    const groups = new Set(EVERYDAY_QUERIES.map((q) => q.group));
    for (const group of [
      'name',
      'prefix',
      'prefix-several',
      'short-form',
      'typo',
      'phrase',
      'emoji',
      'people',
      'not-in-catalog',
    ])
      expect(groups).toContain(group);
    expect(EVERYDAY_QUERIES.filter((q) => 'none' in q).length).toBeGreaterThanOrEqual(15);
  });

  it('the cases that went wrong: pay asks which; blockchain indexer and kubernetes-operator match nothing; ops, frd, ldg find things; :credit_card: is no words', async () => {
    const { outcomes } = await everydayRates(docs);
    const got = (query: string) => outcomes.find((o) => o.query.query === query)!;
    expect(got('pay').choice.kind).toBe('ambiguous');
    expect(got('pay').shown.slice(0, 2).sort()).toEqual(['component:default/payments', 'component:default/payouts']);
    expect(got('blockchain indexer').choice.kind).toBe('none');
    expect(got('kubernetes-operator').choice.kind).toBe('none');
    expect(got('ops').choice).toMatchObject({ kind: 'chosen', chosen: { ref: 'group:default/operations' } });
    expect(got('ldg').choice).toMatchObject({ kind: 'chosen', chosen: { ref: 'component:default/ledger' } });
    expect(got('frd').choice.kind).toBe('ambiguous');
    expect(got('frd').shown[0]).toMatch(/fraud/);
    expect(got(':credit_card:').choice).toEqual({ kind: 'none', closest: [] });
  });
});

describe('when a card opens outright', () => {
  const hit = (ref: string, match: 'exact' | 'prefix' | 'fuzzy', score: number) => ({ ref, match, score });
  const choose = (hits: ReturnType<typeof hit>[]) => chooseAnswer(hits, (h) => h, 5);

  it('opens the name as typed over another kind of the same name, and asks between two of one kind', () => {
    expect(
      choose([hit('component:default/payments', 'exact', 0), hit('domain:default/payments', 'exact', 0)]).kind,
    ).toBe('chosen');
    expect(
      choose([hit('component:default/payments', 'exact', 0), hit('component:legacy/payments', 'exact', 0)]).kind,
    ).toBe('ambiguous');
  });

  it('asks when another name is nearly as close, opens when it is clearly farther', () => {
    expect(choose([hit('component:default/a', 'fuzzy', 0.25), hit('component:default/b', 'fuzzy', 0.26)]).kind).toBe(
      'ambiguous',
    );
    expect(choose([hit('component:default/a', 'fuzzy', 0.25), hit('component:default/b', 'fuzzy', 0.28)]).kind).toBe(
      'chosen',
    );
    expect(choose([hit('component:default/a', 'prefix', 0.12), hit('component:default/b', 'prefix', 0.18)]).kind).toBe(
      'ambiguous',
    );
  });

  it('never opens a weak match: it is offered under "nothing matches"', () => {
    const weak = [hit('group:default/kestrel-pay', 'fuzzy', 0.88)];
    expect(choose(weak)).toEqual({ kind: 'none', closest: weak });
  });

  it('leaves Locations out of search unless asked for by kind', () => {
    const index = CatalogSearchIndex.build(docs);
    expect(index.search('kestrel pay catalog').map((h) => h.ref)).not.toContain('location:default/kestrel-pay');
    expect(index.search('kestrel', { kinds: ['Location'] }).map((h) => h.ref)).toContain(
      'location:default/kestrel-pay',
    );
  });
});
