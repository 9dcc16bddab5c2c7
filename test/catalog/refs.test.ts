import { describe, expect, it } from 'vitest';
import { entityRef, InvalidEntityRefError, parseEntityRef, stringifyEntityRef } from '../../src/catalog/index.js';

describe('parseEntityRef', () => {
  it('reads the full form', () => {
    expect(parseEntityRef('component:billing/payments')).toEqual({
      kind: 'component',
      namespace: 'billing',
      name: 'payments',
    });
  });

  it('fills in the default kind and namespace', () => {
    expect(parseEntityRef('payments-team', { defaultKind: 'Group', defaultNamespace: 'billing' })).toEqual({
      kind: 'Group',
      namespace: 'billing',
      name: 'payments-team',
    });
    expect(parseEntityRef('user:ana')).toEqual({ kind: 'user', namespace: 'default', name: 'ana' });
    expect(parseEntityRef('infra/platform', { defaultKind: 'Group' })).toEqual({
      kind: 'Group',
      namespace: 'infra',
      name: 'platform',
    });
  });

  it('keeps what was written over the defaults', () => {
    expect(parseEntityRef('user:infra/carla', { defaultKind: 'Group', defaultNamespace: 'billing' })).toEqual({
      kind: 'user',
      namespace: 'infra',
      name: 'carla',
    });
  });

  it('splits as Backstage does when ":" and "/" appear in the name', () => {
    // A '/' before the first ':' means there is no kind.
    expect(parseEntityRef('ns/na:me', { defaultKind: 'Group' })).toEqual({
      kind: 'Group',
      namespace: 'ns',
      name: 'na:me',
    });
    expect(parseEntityRef('group:default/team:with/slash')).toEqual({
      kind: 'group',
      namespace: 'default',
      name: 'team:with/slash',
    });
  });

  it('reads compound references', () => {
    expect(parseEntityRef({ kind: 'Component', name: 'x' }, { defaultNamespace: 'billing' })).toEqual({
      kind: 'Component',
      namespace: 'billing',
      name: 'x',
    });
    expect(parseEntityRef({ name: 'x' }, { defaultKind: 'API' })).toEqual({
      kind: 'API',
      namespace: 'default',
      name: 'x',
    });
  });

  it.each([
    ['', 'must not be empty'],
    ['group:', 'is not an entity reference'],
    [':payments', 'is not an entity reference'],
    ['group:/payments', 'is not an entity reference'],
    ['default/', 'is not an entity reference'],
  ])('refuses %j with a clear message', (ref, message) => {
    expect(() => parseEntityRef(ref, { defaultKind: 'Group' })).toThrow(InvalidEntityRefError);
    expect(() => parseEntityRef(ref, { defaultKind: 'Group' })).toThrow(message);
  });

  it('says when the kind is missing and there is no default', () => {
    expect(() => parseEntityRef('payments-db')).toThrow('"payments-db" has no kind: write the kind in front');
  });

  it('refuses compound references without a name, or with parts that are not strings', () => {
    expect(() => parseEntityRef({ kind: 'component' } as never)).toThrow('has no name');
    expect(() => parseEntityRef({ kind: 5, name: 'x' } as never)).toThrow('has a kind that is not a string');
    expect(() => parseEntityRef(42 as never, { defaultKind: 'Group' })).toThrow('42 is not an entity reference');
  });
});

describe('stringifyEntityRef', () => {
  it('writes the canonical lower-case form', () => {
    expect(stringifyEntityRef({ kind: 'Group', namespace: 'Billing', name: 'Payments-Team' })).toBe(
      'group:billing/payments-team',
    );
    expect(stringifyEntityRef({ kind: 'API', name: 'X' })).toBe('api:default/x');
  });

  it('writes the ref of an entity, defaulting its namespace', () => {
    const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'Payments' } };
    expect(stringifyEntityRef(entity)).toBe('component:default/payments');
    expect(entityRef({ ...entity, metadata: { name: 'p', namespace: 'billing' } })).toBe('component:billing/p');
  });

  it('round-trips with parseEntityRef', () => {
    for (const ref of ['component:default/payments', 'group:infra/platform', 'user:default/jane.doe']) {
      expect(stringifyEntityRef(parseEntityRef(ref))).toBe(ref);
    }
  });
});
