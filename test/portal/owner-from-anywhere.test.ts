// "Who owns this?" for a 50-frame Go trace over a real store: each frame's file answered by its
// repository's CODEOWNERS team, and every team the trace's CODEOWNERS lines name read from the
// store in one query (a trace of 50 frames is not 50, or even 2, round trips to the database).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityRef, type Entity } from '../../src/catalog/index.js';
import { RepositoryFilesIndex } from '../../src/ownership/repository-files.js';
import { thingsNamed } from '../../src/ownership/things-named.js';
import { ownerFromAnywhere } from '../../src/portal/owner-from-anywhere.js';
import type { CatalogStore } from '../../src/store/index.js';
import { openTestStore, testBackends } from '../support/store.js';

const trace = readFileSync(new URL('../fixtures/stack-traces/go.txt', import.meta.url), 'utf8');

const group = (name: string, teamSlug?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, ...(teamSlug ? { annotations: { 'github.com/team-slug': teamSlug } } : {}) },
  spec: { type: 'team', children: [] },
});

const files = new RepositoryFilesIndex([
  {
    repository: 'https://github.com/acme/ledger',
    path: '.github/CODEOWNERS',
    text: '* @acme/ledger-team\n/api/ @acme/api-team @acme/ghost\n',
    files: ['ledger/book.go', 'api/handler.go'],
  },
  {
    repository: 'https://github.com/acme/ledger-cmd',
    path: 'CODEOWNERS',
    text: '* @acme/platform\n',
    files: ['cmd/server/main.go'],
  },
]);

describe.each(testBackends())('owner from anywhere on %s', (backend) => {
  let store: CatalogStore;
  beforeAll(async () => {
    store = await openTestStore(backend);
    await store.applyLocationChange({
      location: { key: 'dir:/owner-from-anywhere', type: 'dir', target: '/owner-from-anywhere' },
      parsedFiles: [],
      removedFiles: [],
      failedFiles: [],
      removals: [],
      problems: [],
      upserts: [
        group('ledger-team', 'acme/ledger-team'),
        group('api-team'),
        group('platform', 'other-org/platform'),
      ].map((entity) => ({
        ref: entityRef(entity),
        hash: JSON.stringify(entity),
        entity,
        relations: [],
        origin: { file: 'catalog-info.yaml' },
      })),
    });
  });
  afterAll(async () => {
    await store.close();
  });

  it('answers each file of a Go trace by its CODEOWNERS line, reading the teams in one query', async () => {
    const reads: string[][] = [];
    const counted = {
      getEntities: (refs: string[]) => {
        reads.push(refs);
        return store.getEntities(refs);
      },
      getEntity: (ref: string) => {
        reads.push([ref]);
        return store.getEntity(ref);
      },
      entitiesByRepository: (slug: string) => {
        reads.push([`repository ${slug}`]);
        return store.entitiesByRepository(slug);
      },
      usersByEmail: (email: string) => {
        reads.push([`email ${email}`]);
        return store.usersByEmail(email);
      },
    };
    const found = await ownerFromAnywhere(thingsNamed(trace), {
      store: counted,
      files,
      exactNames: async () => [],
      pagerDutyService: async () => [],
    });
    expect(found).toEqual({
      owned: [
        {
          labels: ['acme/ledger: ledger/book.go'],
          ownerRef: 'group:default/ledger-team',
          unknownOwners: [],
          via: '.github/CODEOWNERS line 1 (*)',
        },
        {
          labels: ['acme/ledger: api/handler.go'],
          ownerRef: 'group:default/api-team',
          unknownOwners: ['@acme/ghost'],
          via: '.github/CODEOWNERS line 2 (/api/)',
        },
        {
          // The Group named `platform` is another organisation's team: CODEOWNERS' team is not in the catalog.
          labels: ['acme/ledger-cmd: cmd/server/main.go'],
          unknownOwners: ['@acme/platform'],
          via: 'CODEOWNERS line 1 (*)',
        },
      ],
      unknown: [],
    });
    expect(reads).toEqual([
      ['group:default/ledger-team', 'group:default/api-team', 'group:default/ghost', 'group:default/platform'],
    ]);
  });
});
