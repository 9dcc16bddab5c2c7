// The relations each kind states, in both directions, with Backstage's defaults for refs.
import { describe, expect, it } from 'vitest';
import { type Relation, reverseRelation, validateEntity } from '../../src/catalog/index.js';

function relationsOf(
  kind: string,
  spec: Record<string, unknown>,
  namespace?: string,
  apiVersion = 'backstage.io/v1alpha1',
): string[] {
  const result = validateEntity({
    apiVersion,
    kind,
    metadata: { name: 'self', ...(namespace ? { namespace } : {}) },
    spec,
  });
  expect(result.problems).toEqual([]);
  return result.relations.map((r: Relation) => `${r.source} ${r.type} ${r.target}`);
}

const componentSpec = { type: 'service', lifecycle: 'production', owner: 'team' };

describe('relations from spec fields', () => {
  it('Component: owner, subcomponentOf, providesApis, consumesApis, dependsOn, dependencyOf, system', () => {
    expect(
      relationsOf('Component', {
        ...componentSpec,
        subcomponentOf: 'parent',
        providesApis: ['rest'],
        consumesApis: ['api:infra/ledger'],
        dependsOn: ['resource:db'],
        dependencyOf: ['component:site'],
        system: 'checkout',
      }),
    ).toEqual([
      'component:default/self ownedBy group:default/team',
      'group:default/team ownerOf component:default/self',
      'component:default/self partOf component:default/parent',
      'component:default/parent hasPart component:default/self',
      'component:default/self providesApi api:default/rest',
      'api:default/rest apiProvidedBy component:default/self',
      'component:default/self consumesApi api:infra/ledger',
      'api:infra/ledger apiConsumedBy component:default/self',
      'component:default/self dependsOn resource:default/db',
      'resource:default/db dependencyOf component:default/self',
      'component:default/self dependencyOf component:default/site',
      'component:default/site dependsOn component:default/self',
      'component:default/self partOf system:default/checkout',
      'system:default/checkout hasPart component:default/self',
    ]);
  });

  it('API: owner and system', () => {
    expect(
      relationsOf('API', { type: 'openapi', lifecycle: 'production', owner: 'user:ana', definition: 'x', system: 's' }),
    ).toEqual([
      'api:default/self ownedBy user:default/ana',
      'user:default/ana ownerOf api:default/self',
      'api:default/self partOf system:default/s',
      'system:default/s hasPart api:default/self',
    ]);
  });

  it('Resource: owner, dependsOn, dependencyOf, system', () => {
    expect(
      relationsOf('Resource', {
        type: 'db',
        owner: 'o',
        dependsOn: ['resource:cluster'],
        dependencyOf: ['component:app'],
        system: 's',
      }),
    ).toEqual([
      'resource:default/self ownedBy group:default/o',
      'group:default/o ownerOf resource:default/self',
      'resource:default/self dependsOn resource:default/cluster',
      'resource:default/cluster dependencyOf resource:default/self',
      'resource:default/self dependencyOf component:default/app',
      'component:default/app dependsOn resource:default/self',
      'resource:default/self partOf system:default/s',
      'system:default/s hasPart resource:default/self',
    ]);
  });

  it('System and Domain: owner, domain, subdomainOf', () => {
    expect(relationsOf('System', { owner: 'o', domain: 'd' })).toEqual([
      'system:default/self ownedBy group:default/o',
      'group:default/o ownerOf system:default/self',
      'system:default/self partOf domain:default/d',
      'domain:default/d hasPart system:default/self',
    ]);
    expect(relationsOf('Domain', { owner: 'o', subdomainOf: 'company' })).toEqual([
      'domain:default/self ownedBy group:default/o',
      'group:default/o ownerOf domain:default/self',
      'domain:default/self partOf domain:default/company',
      'domain:default/company hasPart domain:default/self',
    ]);
  });

  it('Group: parent, children, members; User: memberOf', () => {
    expect(relationsOf('Group', { type: 'team', parent: 'eng', children: ['sub'], members: ['ana'] })).toEqual([
      'group:default/self childOf group:default/eng',
      'group:default/eng parentOf group:default/self',
      'group:default/self parentOf group:default/sub',
      'group:default/sub childOf group:default/self',
      'group:default/self hasMember user:default/ana',
      'user:default/ana memberOf group:default/self',
    ]);
    expect(relationsOf('User', { memberOf: ['team', 'group:other/guild'] })).toEqual([
      'user:default/self memberOf group:default/team',
      'group:default/team hasMember user:default/self',
      'user:default/self memberOf group:other/guild',
      'group:other/guild hasMember user:default/self',
    ]);
  });

  it('Template: owner; Location: none', () => {
    expect(
      relationsOf(
        'Template',
        { type: 'service', steps: [], owner: 'platform' },
        undefined,
        'scaffolder.backstage.io/v1beta3',
      ),
    ).toEqual([
      'template:default/self ownedBy group:default/platform',
      'group:default/platform ownerOf template:default/self',
    ]);
    expect(relationsOf('Location', { targets: ['./a.yaml'] })).toEqual([]);
  });

  it('refs without a namespace inherit the entity namespace; refs are lower-cased', () => {
    expect(
      relationsOf(
        'Component',
        { ...componentSpec, owner: 'Payments-Team', system: 'system:default/Checkout' },
        'billing',
      ),
    ).toEqual([
      'component:billing/self ownedBy group:billing/payments-team',
      'group:billing/payments-team ownerOf component:billing/self',
      'component:billing/self partOf system:default/checkout',
      'system:default/checkout hasPart component:billing/self',
    ]);
  });

  it('states a relation once even when written twice', () => {
    expect(relationsOf('User', { memberOf: ['team', 'group:default/team', 'Team'] })).toEqual([
      'user:default/self memberOf group:default/team',
      'group:default/team hasMember user:default/self',
    ]);
  });

  it('skips empty relation fields as Backstage does', () => {
    expect(relationsOf('Component', { ...componentSpec, dependencyOf: '', providesApis: [] })).toHaveLength(2);
  });
});

describe('bad references', () => {
  it('are problems naming the field, and the entity is not accepted', () => {
    const result = validateEntity({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'self' },
      spec: { ...componentSpec, owner: 'group:', dependsOn: ['resource:db', 'payments-db'] },
    });
    expect(result.entity).toBeUndefined();
    expect(result.relations).toEqual([]);
    expect(result.problems).toEqual([
      {
        field: 'spec.owner',
        message:
          'spec.owner: "group:" is not an entity reference: expected [kind:][namespace/]name, e.g. group:default/payments-team',
      },
      {
        field: 'spec.dependsOn[1]',
        message: expect.stringContaining('spec.dependsOn[1]: Entity reference "payments-db" has no kind'),
      },
    ]);
  });
});

describe('reverseRelation', () => {
  it('pairs every relation type with its reverse, both ways', () => {
    const pairs = [
      ['ownedBy', 'ownerOf'],
      ['providesApi', 'apiProvidedBy'],
      ['consumesApi', 'apiConsumedBy'],
      ['dependsOn', 'dependencyOf'],
      ['parentOf', 'childOf'],
      ['memberOf', 'hasMember'],
      ['partOf', 'hasPart'],
    ];
    for (const [forward, reverse] of pairs) {
      expect(reverseRelation(forward)).toBe(reverse);
      expect(reverseRelation(reverse)).toBe(forward);
    }
    expect(() => reverseRelation('likes')).toThrow('"likes" is not one of the catalog\'s relation types');
  });
});
