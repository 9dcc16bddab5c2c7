// 50-frame stack traces of four languages matched to three repositories' files, and each file's
// owner read from that repository's CODEOWNERS.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RepositoryFilesIndex } from '../../src/ownership/repository-files.js';
import { thingsNamed } from '../../src/ownership/things-named.js';
import { REPOSITORIES } from '../fixtures/ownership-repositories.js';

const trace = (name: string) => readFileSync(new URL(`../fixtures/stack-traces/${name}`, import.meta.url), 'utf8');

describe('stack frames to owners through CODEOWNERS', () => {
  const index = new RepositoryFilesIndex(REPOSITORIES);
  const owners = (name: string) =>
    [
      ...new Set(
        thingsNamed(trace(name)).things.flatMap((t) => {
          if (t.kind !== 'stack-frame') return [];
          const file = index.fileForFrame(t.path);
          if (!file) return [`${t.path}: no repository`];
          const rule = index.ownership(file.repository, file.path)?.rule;
          return [`${file.repository.slice(19)} ${file.path} ${rule?.owners.map((o) => o.text).join(' ')}`];
        }),
      ),
    ].sort();

  it('JavaScript', () => {
    expect(owners('javascript.txt')).toEqual([
      'acme/payments src/checkout/cart.js @acme/payments',
      'acme/payments src/payments/charge.ts @acme/payments',
      'acme/payments src/refunds/refund.ts @acme/refunds',
    ]);
  });

  it('Python', () => {
    expect(owners('python.txt')).toEqual([
      'acme/billing billing/invoice.py @acme/billing',
      'acme/billing billing/refunds/policy.py @acme/refunds',
      'acme/billing shared/util.py platform@acme.example',
    ]);
  });

  it('Java', () => {
    expect(owners('java.txt')).toEqual([
      'acme/payments src/main/java/com/acme/payments/Charge.java @acme/payments',
      'acme/payments src/main/java/com/acme/payments/refunds/Refund.java @acme/refunds',
      'acme/payments src/main/java/com/acme/shared/Util.java @acme/platform',
    ]);
  });

  it('Go', () => {
    expect(owners('go.txt')).toEqual([
      'acme/ledger api/handler.go @acme/ledger',
      'acme/ledger cmd/server/main.go @jo',
      'acme/ledger ledger/book.go @acme/ledger',
    ]);
  });

  it('finds no repository for a file no repository has', () => {
    expect(index.fileForFrame('/app/other/thing.go')).toBeUndefined();
  });
});
