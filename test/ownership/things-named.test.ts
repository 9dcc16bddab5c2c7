// What a pasted message names: GitHub URLs, org/repo, stack frames of four languages, entity refs,
// PagerDuty services; and hostile messages cut to fixed budgets with the cut said.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, MAX_THINGS, MAX_URLS, thingsNamed } from '../../src/ownership/things-named.js';

const trace = (name: string) => readFileSync(new URL(`../fixtures/stack-traces/${name}`, import.meta.url), 'utf8');
const of = (text: string, kind: string) => thingsNamed(text).things.filter((t) => t.kind === kind);

describe('thingsNamed', () => {
  it('reads GitHub URLs of a repository, a file at a line, a pull request and an Actions run', () => {
    const found = thingsNamed(
      'see <https://github.com/acme/payments/blob/main/src/refunds/refund.ts#L42|refund.ts>, ' +
        'https://github.com/acme/payments/pull/318 and https://github.com/acme/ledger/actions/runs/9876543210/job/1 ' +
        'and https://github.com/acme/billing.',
    ).things.filter((t) => t.kind !== 'word');
    expect(found).toEqual([
      expect.objectContaining({
        kind: 'file',
        owner: 'acme',
        repo: 'payments',
        path: 'src/refunds/refund.ts',
        line: 42,
      }),
      expect.objectContaining({ kind: 'pull-request', owner: 'acme', repo: 'payments', number: 318 }),
      expect.objectContaining({ kind: 'actions-run', owner: 'acme', repo: 'ledger', runId: '9876543210' }),
      expect.objectContaining({ kind: 'repository', owner: 'acme', repo: 'billing' }),
    ]);
  });

  it('reads org/repo, entity refs and PagerDuty service URLs', () => {
    const text =
      'is acme/payments-api down? component:default/payments and api:orders, https://acme.pagerduty.com/service-directory/PABC123';
    expect(of(text, 'repository')).toEqual([expect.objectContaining({ owner: 'acme', repo: 'payments-api' })]);
    expect(of(text, 'entity-ref').map((t) => (t as { ref: string }).ref)).toEqual([
      'component:default/payments',
      'api:default/orders',
    ]);
    expect(of(text, 'pagerduty-service')).toEqual([expect.objectContaining({ serviceId: 'PABC123' })]);
  });

  it('reads org/repo at the end of a sentence, in brackets and in lists, without the sentence punctuation', () => {
    const repos = (text: string) =>
      of(text, 'repository').map((t) => `${(t as { owner: string }).owner}/${(t as { repo: string }).repo}`);
    expect(repos('who owns acme/payments.')).toEqual(['acme/payments']);
    expect(repos('(acme/ledger), acme/billing.git; acme/refunds: broken, acme/payouts!')).toEqual([
      'acme/ledger',
      'acme/billing',
      'acme/refunds',
      'acme/payouts',
    ]);
  });

  it('takes no Go package path, qualified identifier or import path for an org/repo', () => {
    const text = [
      'net/http.HandlerFunc.ServeHTTP(...)',
      'created by net/http.(*Server).Serve in goroutine 1',
      'net/http.HandlerFunc panicked',
      'runtime/debug.Stack()',
      'import "github.com/acme/ledger/api"',
      'github.com/acme/ledger/book.(*Book).Post0(0xc000010000)',
      'golang.org/x/sync/errgroup.(*Group).Go.func1()',
    ].join('\n');
    expect(of(text, 'repository')).toEqual([]);
    // The 50-frame Go trace names its files and nothing that reads as a repository.
    expect(of(trace('go.txt'), 'repository')).toEqual([]);
    // Beside them, a repository named in words is still read.
    expect(of(`${text}\nis this acme/ledger?`, 'repository')).toEqual([
      expect.objectContaining({ owner: 'acme', repo: 'ledger' }),
    ]);
  });

  it('reads the repository frames of 50-frame traces in JavaScript, Python, Java and Go, leaving runtime frames out', () => {
    const paths = (name: string) => [
      ...new Set(of(trace(name), 'stack-frame').map((t) => (t as { path: string }).path)),
    ];
    expect(paths('javascript.txt')).toEqual([
      '/srv/app/src/payments/charge.ts',
      '/srv/app/src/refunds/refund.ts',
      'src/checkout/cart.js',
    ]);
    expect(paths('python.txt')).toEqual([
      '/app/billing/invoice.py',
      '/app/billing/refunds/policy.py',
      '/app/shared/util.py',
    ]);
    expect(paths('java.txt')).toEqual([
      'com/acme/payments/Charge.java',
      'com/acme/payments/refunds/Refund.java',
      'com/acme/shared/Util.java',
    ]);
    expect(paths('go.txt')).toEqual(['/app/ledger/book.go', '/app/api/handler.go', '/app/cmd/server/main.go']);
    // A file is named once however many of the 50 frames are in it (its first line is kept).
    expect(of(trace('go.txt'), 'stack-frame')).toEqual([
      expect.objectContaining({ language: 'go', path: '/app/ledger/book.go', line: 88 }),
      expect.objectContaining({ path: '/app/api/handler.go', line: 31 }),
      expect.objectContaining({ path: '/app/cmd/server/main.go', line: 22 }),
    ]);
  });

  it('cuts a 40k-character message to its first part and says so', () => {
    const found = thingsNamed(`${'acme/payments '.repeat(3000)}`);
    expect(found.truncated).toBe(true);
    expect(found.read).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(found.things.length).toBeLessThanOrEqual(MAX_THINGS);
  });

  it('reads at most the first URLs of a message with 500', () => {
    const text = Array.from({ length: 500 }, (_, i) => `https://github.com/acme/repo-${i}`).join(' ');
    const repos = of(text, 'repository');
    expect(repos.length).toBe(MAX_URLS);
    expect(repos[0]).toMatchObject({ repo: 'repo-0' });
  });

  it('finds nothing in binary-looking text rather than failing', () => {
    const binary = Array.from({ length: 40_000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join('');
    const found = thingsNamed(binary);
    expect(found.truncated).toBe(true);
    expect(found.things.filter((t) => t.kind !== 'word')).toEqual([]);
  });
});
