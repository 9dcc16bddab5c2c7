// The demo organisation (examples/) scored on the shipped "Production readiness": every level and
// failing check asserted here can be checked by reading examples/ and scorecards/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { loadScorecards } from '../../src/scorecards/load-scorecards.js';
import { ScoringService } from '../../src/scorecards/scoring-service.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';

const GITHUB_CHECKS = ['readme', 'codeowners', 'branch-protected', 'ci-green', 'no-critical-alerts'];

describe.each(testBackends())('the demo organisation scored (%s)', (backend) => {
  let stores: TestStores;
  let scoring: ScoringService;

  beforeAll(async () => {
    stores = await openTestStores(backend);
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    scoring = new ScoringService({
      catalog: stores.catalog,
      store: stores.scorecards,
      loaded: loadScorecards(loadConfig({}).scorecardDirs),
      logger: silentLogger,
    });
    await scoring.scoreAll();
  });
  afterAll(() => stores?.close());

  async function level(name: string) {
    const [row] = await stores.scorecards.levelsOf([`component:default/${name}`]);
    return row;
  }

  it('scores only components in production', async () => {
    const counts = await stores.scorecards.levelCounts();
    // 16 components in examples/, risk-rules-console is experimental.
    expect(counts.reduce((n, c) => n + c.count, 0)).toBe(15);
    expect(await level('risk-rules-console')).toBeUndefined();
  });

  it('puts payments at Silver: TechDocs, PagerDuty, tags, a team channel; Gold waits on GitHub', async () => {
    const payments = await level('payments');
    expect(payments.level).toBe('Silver');
    // It links a runbook (examples/domains/payments/components.yaml): nothing fails, GitHub's facts are not known.
    expect(payments.failing).toEqual([]);
    const outcomes = await stores.scorecards.outcomesOf('component:default/payments');
    expect(outcomes.find((o) => o.checkId === 'runbook')?.outcome).toBe('pass');
    for (const check of GITHUB_CHECKS) expect(outcomes.find((o) => o.checkId === check)?.outcome).toBe('unknown');
  });

  it('keeps payment-webhooks at Bronze: no TechDocs annotation', async () => {
    const webhooks = await level('payment-webhooks');
    expect(webhooks.level).toBe('Bronze');
    expect(webhooks.failing).toEqual(['techdocs', 'runbook']);
  });

  it('keeps merchant-app at Bronze: neither it nor mobile-team has an on-call annotation, nor TechDocs', async () => {
    const app = await level('merchant-app');
    expect(app.level).toBe('Bronze');
    expect(app.failing).toEqual(['on-call', 'techdocs', 'runbook']);
  });

  it("counts fraud-scoring's on-call through its team's Opsgenie annotation", async () => {
    expect((await level('fraud-scoring')).level).toBe('Silver');
  });

  it('records the owner, so a team view reads its entities', async () => {
    const rows = await stores.scorecards.levelsOwnedBy(['group:default/payments-team']);
    expect(rows.map((r) => [r.entityRef, r.level]).sort()).toEqual([
      ['component:default/card-processor', 'Silver'],
      ['component:default/payment-webhooks', 'Bronze'],
      ['component:default/payments', 'Silver'],
    ]);
  });

  it('writes nothing the second time when nothing changed', async () => {
    expect((await scoring.scoreAll()).changed).toBe(0);
  });
});
