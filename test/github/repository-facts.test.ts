// Scorecards' GitHub facts read from the fake GitHub (held to GitHub's published GraphQL schema
// and its rate-limit arithmetic): what each repository's settings make of each fact, that 50
// repositories cost one point, and that a repository GitHub does not know is gone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GitHubConnection } from '../../src/sources/github/index.js';
import { readRepositoryFacts } from '../../src/sources/github/repository-facts-reader.js';
import {
  addAlert,
  FakeOrganisation,
  protectBranch,
  setHeadChecks,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github.js';
import { fakeGitHubConnection } from '../support/fake-github-connection.js';

describe('GitHub facts for scorecards', () => {
  let github: FakeGitHub;
  let connection: GitHubConnection;
  const org = new FakeOrganisation('kestrel-pay');

  beforeAll(async () => {
    org.addTeam({ slug: 'payments-team', members: ['ada', 'bo'] });
    const payments = org.addRepository({
      name: 'payments',
      files: { 'README.md': '# Payments', '.github/CODEOWNERS': '* @kestrel-pay/payments-team\n' },
    });
    payments.health.licence = 'MIT';
    protectBranch(payments, 1);
    setHeadChecks(org, payments, 'SUCCESS');
    addAlert(payments, 'LOW');

    const ledger = org.addRepository({
      name: 'ledger',
      files: { CODEOWNERS: '* @kestrel-pay/payments-team\n/db/ @kestrel-pay/ghost-team\n', 'src/a.ts': '' },
    });
    ledger.health.rulesets.push({
      id: 1,
      name: 'main',
      branches: ['~DEFAULT_BRANCH'],
      requiredApprovingReviewCount: 2,
    });
    setHeadChecks(org, ledger, 'FAILURE');
    for (const severity of ['CRITICAL', 'CRITICAL', 'HIGH', 'MODERATE'] as const) addAlert(ledger, severity);
    const fixed = addAlert(ledger, 'CRITICAL');
    ledger.health.alerts[fixed - 1].state = 'FIXED';

    org.addRepository({ name: 'old-thing', archived: true });
    // A ruleset without reviews and a protection rule without approvals protect nothing here.
    const loose = org.addRepository({ name: 'loose', files: { 'readme.rst': 'x' } });
    loose.health.rulesets.push({ id: 2, name: 'no force pushes', branches: ['~DEFAULT_BRANCH'] });
    loose.health.protection.set('main', { requiresApprovingReviews: false, requiredApprovingReviewCount: 0 });
    const noisy = org.addRepository({ name: 'noisy', files: { 'README.md': '' } });
    for (let i = 0; i < 130; i += 1) addAlert(noisy, i < 101 ? 'LOW' : 'CRITICAL');

    github = await startFakeGitHub({ org });
    connection = await fakeGitHubConnection(github);
  });
  afterAll(() => github?.close());

  it("reads each fact as the repository's settings make it", async () => {
    const read = await readRepositoryFacts(connection, [
      'kestrel-pay/payments',
      'Kestrel-Pay/Ledger',
      'kestrel-pay/old-thing',
      'kestrel-pay/loose',
    ]);
    expect(read.failed).toEqual([]);
    const byName = new Map(read.facts.map((f) => [f.repository, f]));
    expect(byName.get('kestrel-pay/payments')).toMatchObject({
      isArchived: false,
      licence: 'MIT',
      hasReadme: true,
      hasCodeowners: true,
      codeownersErrorCount: 0,
      defaultBranchProtected: true,
      defaultBranchCheckStatus: 'SUCCESS',
      dependabotAlerts: { critical: 0, high: 0, medium: 0, low: 1 },
    });
    expect(byName.get('kestrel-pay/payments')?.pushedAt).toBe(org.requireRepository('payments').pushedAt.toISOString());
    // No README; its CODEOWNERS names a team the organisation does not have; a ruleset asks for reviews.
    expect(byName.get('kestrel-pay/ledger')).toMatchObject({
      licence: '',
      hasReadme: false,
      hasCodeowners: true,
      codeownersErrorCount: 1,
      defaultBranchProtected: true,
      defaultBranchCheckStatus: 'FAILURE',
      dependabotAlerts: { critical: 2, high: 1, medium: 1, low: 0 },
    });
    // Archived and empty: no branch, so no README, no CODEOWNERS, nothing protected, no checks.
    expect(byName.get('kestrel-pay/old-thing')).toMatchObject({
      isArchived: true,
      hasReadme: false,
      hasCodeowners: false,
      codeownersErrorCount: 0,
      defaultBranchProtected: false,
      defaultBranchCheckStatus: '',
    });
    expect(byName.get('kestrel-pay/loose')).toMatchObject({ hasReadme: true, defaultBranchProtected: false });
  });

  it('counts every open alert when a repository has more than a page of them', async () => {
    const read = await readRepositoryFacts(connection, ['kestrel-pay/noisy']);
    expect(read.facts[0].dependabotAlerts).toEqual({ critical: 29, high: 0, medium: 0, low: 101 });
    expect(read.queries).toBe(2);
  });

  it('says a repository GitHub does not know is gone, and reads the rest of its query', async () => {
    const read = await readRepositoryFacts(connection, ['kestrel-pay/payments', 'kestrel-pay/no-such-repo']);
    expect(read.gone).toEqual(['kestrel-pay/no-such-repo']);
    expect(read.facts.map((f) => f.repository)).toEqual(['kestrel-pay/payments']);
  });

  it('leaves unknown what the credentials may not read, and reads the rest', async () => {
    const locked = org.addRepository({ name: 'locked', files: { 'README.md': '' } });
    for (const field of ['vulnerabilityAlerts', 'branchProtectionRule', 'rules']) locked.health.refused.add(field);
    const read = await readRepositoryFacts(connection, ['kestrel-pay/locked', 'kestrel-pay/payments']);
    expect(read.failed).toEqual([]);
    const byName = new Map(read.facts.map((f) => [f.repository, f]));
    expect(byName.get('kestrel-pay/locked')).toMatchObject({
      hasReadme: true,
      dependabotAlerts: null,
      defaultBranchProtected: null,
    });
    expect(byName.get('kestrel-pay/payments')).toMatchObject({ defaultBranchProtected: true });
  });

  it('asks 50 repositories a query, one rate-limit point each, as GitHub charges', async () => {
    for (let i = 0; i < 120; i += 1) org.addRepository({ name: `svc-${i}`, files: { 'README.md': '' } });
    github.resetStats();
    const read = await readRepositoryFacts(
      connection,
      Array.from({ length: 120 }, (_, i) => `kestrel-pay/svc-${i}`),
    );
    expect(read.facts).toHaveLength(120);
    expect(read.queries).toBe(3);
    expect(read.points).toBe(3);
    expect(github.stats().graphqlPoints).toBe(3);
  });
});
