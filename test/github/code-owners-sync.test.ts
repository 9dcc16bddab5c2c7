// A full sync reads each repository's CODEOWNERS file (in GitHub's order: .github/, root, docs/)
// through the listing's GraphQL, with the branch's file paths, and stores them per repository;
// an unchanged repository is not listed again, and a removed CODEOWNERS file is forgotten.
import { afterEach, describe, expect, it } from 'vitest';
import { GitHubSource } from '../../src/sources/github/index.js';
import { GitHubSync } from '../../src/sync/github/index.js';
import { componentYaml, FakeOrganisation, startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

let github: FakeGitHub | undefined;
let stores: TestStores | undefined;

afterEach(async () => {
  await github?.close();
  await stores?.close();
});

async function wire(org: FakeOrganisation) {
  github = await startFakeGitHub({ org });
  stores = await openTestStores();
  const connection = await fakeGitHubConnection(github);
  const source = new GitHubSource(connection, { org: org.login, paging: { backoffMs: 5, timeoutMs: 5_000 } });
  const catalog = stores.catalog;
  return {
    sync: new GitHubSync({ source, catalog, codeOwners: stores.codeOwners }),
    codeOwners: stores.codeOwners,
    github,
  };
}

describe('CODEOWNERS at sync', () => {
  it('stores the file GitHub would use and the repository paths, then only what changed', async () => {
    const org = new FakeOrganisation('acme');
    org.addRepository({
      name: 'payments',
      files: {
        'catalog-info.yaml': componentYaml('payments', 'payments'),
        '.github/CODEOWNERS': '* @acme/payments\n/src/refunds/ @acme/refunds\n',
        'docs/CODEOWNERS': '* @acme/ignored\n',
        'src/refunds/refund.ts': 'x',
        'src/charge.ts': 'y',
      },
    });
    org.addRepository({
      name: 'ledger',
      files: { 'catalog-info.yaml': componentYaml('ledger', 'payments'), CODEOWNERS: '* @jo\n' },
    });
    org.addRepository({ name: 'plain', files: { 'catalog-info.yaml': componentYaml('plain', 'payments') } });
    const { sync, codeOwners, github } = await wire(org);

    const first = await sync.runFull();
    expect(first.error).toBeUndefined();
    expect(first.status).toBe('succeeded');
    const rows = new Map((await codeOwners.all()).map((r) => [r.locationKey, r]));
    expect([...rows.keys()].sort()).toEqual(['github:acme/ledger', 'github:acme/payments']);
    const payments = rows.get('github:acme/payments')!;
    expect(payments.path).toBe('.github/CODEOWNERS');
    expect(payments.text).toContain('/src/refunds/ @acme/refunds');
    expect(payments.repository).toBe(`https://github.com/acme/payments`);
    expect(payments.files.sort()).toEqual([
      '.github/CODEOWNERS',
      'catalog-info.yaml',
      'docs/CODEOWNERS',
      'src/charge.ts',
      'src/refunds/refund.ts',
    ]);
    expect(rows.get('github:acme/ledger')?.path).toBe('CODEOWNERS');

    // Nothing changed: no tree is listed again.
    const treesBefore = github.requests.filter((r) => r.kind === 'rest' && /git\/trees/.test(r.path ?? '')).length;
    await sync.runFull();
    const treesAfter = github.requests.filter((r) => r.kind === 'rest' && /git\/trees/.test(r.path ?? '')).length;
    expect(treesAfter).toBe(treesBefore);

    org.deleteFile('ledger', 'CODEOWNERS');
    org.setFile('payments', '.github/CODEOWNERS', '* @acme/billing\n');
    await sync.runFull();
    const after = await codeOwners.all();
    expect(after.map((r) => [r.locationKey, r.text])).toEqual([['github:acme/payments', '* @acme/billing\n']]);
  });
});
