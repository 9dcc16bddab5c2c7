// A repository's name from every form people paste its address in, and from entities' annotations.
import { describe, expect, it } from 'vitest';
import { entityRepositories, repositoryName } from '../../src/catalog/index.js';

describe('repositoryName', () => {
  it.each([
    'github.com/kestrel-pay/ledger',
    'https://github.com/kestrel-pay/ledger',
    'https://github.com/kestrel-pay/ledger/',
    'https://github.com/kestrel-pay/ledger.git',
    'https://github.com/Kestrel-Pay/Ledger/blob/main/catalog-info.yaml',
    'https://github.com/kestrel-pay/ledger/tree/main',
    'https://www.github.com/kestrel-pay/ledger?tab=readme#top',
    'http://github.example.corp:8443/kestrel-pay/ledger',
    'git@github.com:kestrel-pay/ledger.git',
    'ssh://git@github.com/kestrel-pay/ledger.git',
    'git+https://github.com/kestrel-pay/ledger',
    'url:https://github.com/kestrel-pay/ledger/tree/main/',
    '<https://github.com/kestrel-pay/ledger>',
    '<https://github.com/kestrel-pay/ledger|github.com/kestrel-pay/ledger>',
    '  github.com/kestrel-pay/ledger//  ',
  ])('reads %s as kestrel-pay/ledger', (text) => {
    expect(repositoryName(text)).toBe('kestrel-pay/ledger');
  });

  it('reads a bare org/repo only when asked to (it may be a namespace/name)', () => {
    expect(repositoryName('kestrel-pay/ledger')).toBeUndefined();
    expect(repositoryName('kestrel-pay/ledger', { allowSlug: true })).toBe('kestrel-pay/ledger');
    expect(repositoryName('kestrel-pay/ledger.git/', { allowSlug: true })).toBe('kestrel-pay/ledger');
  });

  it.each([
    'payments',
    'payments api',
    'https://github.com/kestrel-pay',
    'github.com',
    'component:default/payments',
    '',
  ])('does not take %j for a repository', (text) => {
    expect(repositoryName(text, { allowSlug: true })).toBeUndefined();
  });
});

describe('entityRepositories', () => {
  it('collects the project slug, source location and managed-by locations, each once', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'payments',
        annotations: {
          'github.com/project-slug': 'kestrel-pay/payments',
          'backstage.io/source-location': 'url:https://github.com/kestrel-pay/payments/',
          'backstage.io/managed-by-location': 'url:https://github.com/kestrel-pay/catalog/blob/main/payments.yaml',
          'backstage.io/managed-by-origin-location': 'file:/srv/catalog/payments.yaml',
          'backstage.io/techdocs-ref': 'url:https://github.com/kestrel-pay/docs',
        },
      },
    };
    expect(entityRepositories(entity)).toEqual(['kestrel-pay/payments', 'kestrel-pay/catalog']);
  });
});
