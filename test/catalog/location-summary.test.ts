import { describe, expect, it } from 'vitest';
import { type Entity, entityOwnerRef, entitySummaryFields, locationTargets } from '../../src/catalog/index.js';

const location = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Location',
  metadata: { name: 'l' },
  spec,
});

describe('locationTargets', () => {
  it('lists spec.target then spec.targets, read as url unless spec.type says otherwise', () => {
    expect(
      locationTargets(location({ target: './a.yaml', targets: ['./b/*.yaml', 'https://x.example/c.yaml'] })),
    ).toEqual([
      { type: 'url', target: './a.yaml', presence: 'required' },
      { type: 'url', target: './b/*.yaml', presence: 'required' },
      { type: 'url', target: 'https://x.example/c.yaml', presence: 'required' },
    ]);
    expect(locationTargets(location({ type: 'file', target: '../shared.yaml', presence: 'optional' }))).toEqual([
      { type: 'file', target: '../shared.yaml', presence: 'optional' },
    ]);
  });

  it('has nothing for a Location without targets, or for other kinds', () => {
    expect(locationTargets(location({}))).toEqual([]);
    expect(locationTargets({ ...location({ target: './a.yaml' }), kind: 'Component' })).toEqual([]);
  });
});

describe('entityOwnerRef', () => {
  const component = (owner: unknown, namespace?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'c', ...(namespace ? { namespace } : {}) },
    spec: { type: 'service', lifecycle: 'production', owner },
  });

  it('reads spec.owner as a Group in the entity namespace unless it says otherwise', () => {
    expect(entityOwnerRef(component('Payments-Team'))).toBe('group:default/payments-team');
    expect(entityOwnerRef(component('payments-team', 'billing'))).toBe('group:billing/payments-team');
    expect(entityOwnerRef(component('user:default/ana', 'billing'))).toBe('user:default/ana');
  });

  it('is undefined when there is no readable owner', () => {
    expect(entityOwnerRef(component(undefined))).toBeUndefined();
    expect(entityOwnerRef(component('group:'))).toBeUndefined();
    expect(entityOwnerRef(component(['a']))).toBeUndefined();
    expect(entityOwnerRef(location({}))).toBeUndefined();
  });
});

describe('entitySummaryFields', () => {
  it('takes the ref, names, title, description, type and lifecycle', () => {
    expect(
      entitySummaryFields({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'Payments', namespace: 'billing', title: 'Payments', description: 'Takes payments.' },
        spec: { type: 'service', lifecycle: 'production', owner: 'x' },
      }),
    ).toEqual({
      ref: 'component:billing/payments',
      kind: 'Component',
      namespace: 'billing',
      name: 'Payments',
      title: 'Payments',
      description: 'Takes payments.',
      type: 'service',
      lifecycle: 'production',
    });
  });

  it('leaves out what the entity does not have', () => {
    expect(entitySummaryFields(location({ type: 'url' }))).toEqual({
      ref: 'location:default/l',
      kind: 'Location',
      namespace: 'default',
      name: 'l',
      type: 'url',
    });
  });
});
