// The demo organisation scored with GitHub's facts, read from the fake GitHub (held to GitHub's
// GraphQL schema) into the store: the Gold checks that waited on GitHub become known, as the
// repositories' settings make them, and a repository GitHub has not told about stays unknown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHubFactsOptions } from '../../src/cli/github-facts.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { GitHubFactSource } from '../../src/scorecards/github-facts.js';
import type { ScoringService } from '../../src/scorecards/scoring-service.js';
import { createGitHubConnection } from '../../src/sources/github/index.js';
import { GitHubFactsRefresh } from '../../src/sync/github/github-facts-refresh.js';
import { scoringOver } from '../support/callboard.js';
import {
  addAlert,
  FakeOrganisation,
  protectBranch,
  setHeadChecks,
  startFakeGitHub,
  type FakeGitHub,
} from '../support/fake-github.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';

const GITHUB_CHECKS = ['readme', 'codeowners', 'branch-protected', 'ci-green', 'no-critical-alerts'];

describe.each(testBackends())('the demo organisation scored with GitHub facts (%s)', (backend) => {
  let stores: TestStores;
  let scoring: ScoringService;
  let github: FakeGitHub;
  let refresh: GitHubFactsRefresh;
  const org = new FakeOrganisation('kestrel-pay');

  beforeAll(async () => {
    stores = await openTestStores(backend);
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    org.addTeam({ slug: 'payments-team', members: ['ada'] });
    org.addTeam({ slug: 'ledger-team', members: ['lin'] });
    // payments: kept as Gold asks.
    const payments = org.addRepository({
      name: 'payments',
      files: { 'README.md': '# Payments', '.github/CODEOWNERS': '* @kestrel-pay/payments-team\n' },
    });
    protectBranch(payments, 1);
    setHeadChecks(org, payments, 'SUCCESS');
    // ledger: CI red and a critical alert.
    const ledger = org.addRepository({
      name: 'ledger',
      files: { 'README.md': '# Ledger', CODEOWNERS: '* @kestrel-pay/ledger-team\n' },
    });
    protectBranch(ledger, 2);
    setHeadChecks(org, ledger, 'FAILURE');
    addAlert(ledger, 'CRITICAL');
    github = await startFakeGitHub({ org });
    const connection = await createGitHubConnection({ org: org.login, token: github.token, apiUrl: github.url });
    scoring = scoringOver(stores, loadConfig({}).scorecardDirs);
    scoring.addFactSource(new GitHubFactSource(stores.repositoryFacts));
    refresh = new GitHubFactsRefresh({ ...gitHubFactsOptions(stores, scoring), connection, logger: silentLogger });
    await scoring.scoreAll();
  });
  afterAll(async () => {
    await github?.close();
    await stores?.close();
  });

  const level = async (name: string) => (await stores.scorecards.levelsOf([`component:default/${name}`]))[0];
  const outcome = async (name: string, check: string) =>
    (await stores.scorecards.outcomesOf(`component:default/${name}`)).find((o) => o.checkId === check)?.outcome;

  it('scores the GitHub checks once the refresh stored the facts, and re-scores only what changed', async () => {
    expect((await level('payments')).level).toBe('Silver');
    for (const check of GITHUB_CHECKS) expect(await outcome('payments', check)).toBe('unknown');

    const result = await refresh.refreshAll();
    expect(result.changed).toEqual(['kestrel-pay/ledger', 'kestrel-pay/payments']);
    // The demo names 14 repositories of kestrel-pay; the fake organisation has two of them.
    expect(result.gone).toHaveLength(result.repositories - 2);
    expect(result.points).toBe(1);

    // payments links a runbook and its repository is kept as Gold asks.
    const payments = await level('payments');
    expect(payments.level).toBe('Gold');
    expect(payments.failing).toEqual([]);
    for (const check of GITHUB_CHECKS) expect(await outcome('payments', check)).toBe('pass');

    // ledger: no runbook link, red CI and a critical alert; its README, CODEOWNERS and protection pass.
    const ledger = await level('ledger');
    expect(ledger.level).toBe('Silver');
    expect(ledger.failing).toEqual(['runbook', 'ci-green', 'no-critical-alerts']);
    expect(await outcome('ledger', 'branch-protected')).toBe('pass');

    // checkout-web's repository is not in the organisation: GitHub told nothing, its checks stay unknown.
    for (const check of GITHUB_CHECKS) expect(await outcome('checkout-web', check)).toBe('unknown');
  });

  it('changes nothing when GitHub has nothing new', async () => {
    const result = await refresh.refreshAll();
    expect(result.changed).toEqual([]);
  });

  it('moves payments down when its CI goes red, naming the check', async () => {
    setHeadChecks(org, org.requireRepository('payments'), 'FAILURE');
    const result = await refresh.refresh(['kestrel-pay/payments']);
    expect(result.changed).toEqual(['kestrel-pay/payments']);
    const payments = await level('payments');
    expect(payments.level).toBe('Silver');
    expect(payments.failing).toEqual(['ci-green']);
  });
});
