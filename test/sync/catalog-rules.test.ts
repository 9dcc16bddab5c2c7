// Backstage's catalog rules as sync applies them: which kinds a repository's files may declare
// (default Component, API, Location), a location named in a rule may declare more, a refused
// entity is a problem of its location and never stored, and tightened rules remove what an
// unchanged file declared before. Folders and the organisation's teams stay trusted.
import { describe, expect, it } from 'vitest';
import { CatalogRules, readCatalogRules } from '../../src/catalog/catalog-rules.js';
import { readVariables } from '../../src/config/variables.js';
import type { LocationSnapshot } from '../../src/sources/types.js';
import { syncSnapshots } from '../../src/sync/index.js';
import { openTestStore } from '../support/store.js';

const PEOPLE = [
  'apiVersion: backstage.io/v1alpha1',
  'kind: Group',
  'metadata: {name: security}',
  'spec: {type: team, children: []}',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: User',
  'metadata: {name: sam}',
  'spec: {memberOf: [security]}',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata: {name: vault}',
  'spec: {type: service, lifecycle: production, owner: security}',
].join('\n');

function repository(repo: string, sha: string, status: 'read' | 'unchanged' = 'read'): LocationSnapshot {
  const url = `https://github.com/acme/${repo}/blob/main/catalog-info.yaml`;
  return {
    key: `github:acme/${repo}`,
    type: 'github',
    target: `https://github.com/acme/${repo}`,
    status: 'ok',
    files: [
      status === 'read'
        ? { path: 'catalog-info.yaml', url, sha, status, text: PEOPLE }
        : { path: 'catalog-info.yaml', url, sha, status },
    ],
  };
}

describe('catalog rules', () => {
  it("reads Backstage's rule shapes and matches locations by exact target or glob", () => {
    const rules = new CatalogRules(
      readCatalogRules([
        { allow: ['Component', { kind: 'Resource', 'spec.type': 'database' }] },
        { allow: ['User', 'Group'], locations: [{ type: 'url', pattern: 'https://github.com/acme/people/**' }] },
        { allow: ['System'], locations: [{ type: 'url', exact: 'https://github.com/acme/x/blob/main/s.yaml' }] },
      ]),
    );
    const people = { type: 'url', target: 'https://github.com/acme/people/blob/main/catalog-info.yaml' };
    const other = { type: 'url', target: 'https://github.com/acme/payments/blob/main/catalog-info.yaml' };
    expect(rules.isAllowed({ kind: 'user' }, people)).toBe(true);
    expect(rules.isAllowed({ kind: 'User' }, other)).toBe(false);
    expect(rules.isAllowed({ kind: 'Resource', spec: { type: 'database' } }, other)).toBe(true);
    expect(rules.isAllowed({ kind: 'Resource', spec: { type: 's3-bucket' } }, other)).toBe(false);
    expect(
      rules.isAllowed({ kind: 'System' }, { type: 'url', target: 'https://github.com/acme/x/blob/main/s.yaml' }),
    ).toBe(true);
    expect(rules.isAllowed({ kind: 'System' }, other)).toBe(false);
    expect(() =>
      readCatalogRules([{ allow: ['User'], locations: [{ type: 'url', exact: 'a', pattern: 'b' }] }]),
    ).toThrow('a rule location cannot have both exact and pattern');
  });

  it('CATALOG_RULES is YAML or JSON, and a bad value is one line naming the variable', () => {
    const { values, problems } = readVariables({
      CATALOG_RULES:
        '[{allow: [Component, API]}, {allow: [User], locations: [{type: url, pattern: "https://github.com/acme/people/**"}]}]',
    });
    expect(problems).toEqual([]);
    expect(values.CATALOG_RULES).toEqual([
      { allow: [{ kind: 'Component' }, { kind: 'API' }] },
      { allow: [{ kind: 'User' }], locations: [{ type: 'url', pattern: 'https://github.com/acme/people/**' }] },
    ]);
    expect(readVariables({ CATALOG_RULES: '[{deny: [User]}]' }).problems).toEqual([
      expect.stringMatching(/^CATALOG_RULES is not a list of catalog rules: /),
    ]);
    expect(readVariables({}).values.CATALOG_RULES).toBeUndefined();
  });

  it("refuses a repository's Users and Groups by default, as problems; a repository a rule names may declare them", {
    timeout: 240_000,
  }, async () => {
    const store = await openTestStore();
    try {
      await syncSnapshots(store, [repository('payments', 'a1')]);
      expect(await store.getEntity('component:default/vault')).toBeDefined();
      expect(await store.getEntity('user:default/sam')).toBeUndefined();
      expect(await store.getEntity('group:default/security')).toBeUndefined();
      const problems = await store.listProblems({ locationKey: 'github:acme/payments' });
      expect(problems.map((p) => [p.file, p.message])).toEqual(
        expect.arrayContaining([
          [
            'catalog-info.yaml',
            'user:default/sam was not stored: a User may not be declared here (CATALOG_RULES lets this location declare Component, API, Location)',
          ],
        ]),
      );

      const trusted = new CatalogRules(
        readCatalogRules([
          { allow: ['Component', 'API', 'Location'] },
          { allow: ['User', 'Group'], locations: [{ type: 'url', pattern: 'https://github.com/acme/people/**' }] },
        ]),
      );
      await syncSnapshots(store, [repository('people', 'p1')], { rules: trusted });
      expect(await store.getEntity('user:default/sam')).toBeDefined();
      expect(await store.relationsFrom('user:default/sam', ['memberOf'])).toEqual([
        expect.objectContaining({ target: 'group:default/security' }),
      ]);

      // The platform team narrows the rules: the unchanged file's User and Group go, the Component stays.
      await syncSnapshots(store, [repository('people', 'p1', 'unchanged')]);
      expect(await store.getEntity('user:default/sam')).toBeUndefined();
      expect(await store.getEntity('group:default/security')).toBeUndefined();
      expect(await store.getEntity('component:default/vault')).toBeDefined();
    } finally {
      await store.close();
    }
  });

  it("keeps trusting a folder named in CATALOG_DIRS and the organisation's teams and members", async () => {
    const store = await openTestStore();
    try {
      const folder = repository('unused', 'f1');
      await syncSnapshots(store, [{ ...folder, key: 'dir:/srv/catalog', type: 'dir', target: '/srv/catalog' }]);
      expect(await store.getEntity('user:default/sam')).toBeDefined();
      expect(await store.getEntity('group:default/security')).toBeDefined();
    } finally {
      await store.close();
    }
  });
});
