// Scores follow the catalog: a change re-scores the entities it touched (and those of a team that
// changed), each change is scored by one replica however many hear it, a new set of scorecard
// files is scored once, and the history answers "what moved this week, and why".
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { loadScorecards } from '../../src/scorecards/load-scorecards.js';
import { ScoringService } from '../../src/scorecards/scoring-service.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';

const PAYMENTS = 'component:default/payments';

describe.each(testBackends())('re-scoring (%s)', (backend) => {
  let stores: TestStores;
  let dir: string;
  let today: Date;
  const runs: string[] = [];

  function replica(): ScoringService {
    return new ScoringService({
      catalog: stores.catalog,
      store: stores.scorecards,
      loaded: loadScorecards(loadConfig({}).scorecardDirs),
      logger: silentLogger,
      now: () => today,
      onScored: (run) => runs.push(`${run.kind}:${run.entities}`),
    });
  }

  function edit(file: string, from: string, to: string): void {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain(from);
    writeFileSync(path, text.replace(from, to));
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rescoring-'));
    cpSync(defaultCatalogDir(), dir, { recursive: true });
    stores = await openTestStores(backend);
    await syncFolders(stores.catalog, [dir]);
    today = new Date('2026-12-01T09:00:00Z');
    runs.length = 0;
  });
  afterEach(() => stores?.close());

  it('re-scores an entity whose file changed, once across two replicas', async () => {
    const [a, b] = [replica(), replica()];
    await Promise.all([a.catchUp(), b.catchUp()]);
    // The first catch-up scores everything the change log lists, by one of the two.
    expect(runs).toHaveLength(1);
    expect((await stores.scorecards.levelsOf([PAYMENTS]))[0].level).toBe('Silver');

    today = new Date('2026-12-08T09:00:00Z');
    edit(
      'domains/payments/components.yaml',
      '    backstage.io/techdocs-ref: dir:.\n    backstage.io/source-location',
      '    backstage.io/source-location',
    );
    await syncFolders(stores.catalog, [dir]);
    runs.length = 0;
    await Promise.all([a.catchUp(), b.catchUp()]);
    expect(runs).toEqual(['changes:1']);
    const [payments] = await stores.scorecards.levelsOf([PAYMENTS]);
    expect(payments.level).toBe('Bronze');
    expect(payments.failing[0]).toBe('techdocs');
    const outcome = (await stores.scorecards.outcomesOf(PAYMENTS)).find((o) => o.checkId === 'techdocs');
    expect(outcome).toMatchObject({ outcome: 'fail', changedAt: today });
    // The week's movers, and why: the history keeps the day and the failing checks.
    expect(await stores.scorecards.movers('2026-12-01', 5)).toEqual([
      {
        entityRef: PAYMENTS,
        scorecard: 'production-readiness',
        level: 'Bronze',
        levelIndex: 0,
        beforeLevel: 'Silver',
        beforeIndex: 1,
      },
    ]);
    const history = await stores.scorecards.history(PAYMENTS, 'production-readiness');
    expect(history.map((h) => [h.day, h.level, h.failing.includes('techdocs')])).toEqual([
      ['2026-12-08', 'Bronze', true],
      ['2026-12-01', 'Silver', false],
    ]);
  });

  it("re-scores a team's entities when the team changes", async () => {
    const scoring = replica();
    await scoring.catchUp();
    // payments-team loses its channel: its three production components fail team-channel.
    edit('org/teams.yaml', "    slack.com/channel: '#payments-team'\n    slack.com/channel-id: C05PAY0001\n", '');
    await syncFolders(stores.catalog, [dir]);
    runs.length = 0;
    await scoring.catchUp();
    // The team and the 12 entities it owns (components, APIs, resources, its system).
    expect(runs).toEqual(['changes:13']);
    const rows = await stores.scorecards.levelsOwnedBy(['group:default/payments-team']);
    expect(rows.map((r) => [r.entityRef, r.level, r.failing.includes('team-channel')]).sort()).toEqual([
      ['component:default/card-processor', 'Bronze', true],
      ['component:default/payment-webhooks', 'Bronze', true],
      ['component:default/payments', 'Bronze', true],
    ]);
  });

  it('drops the scores of an entity that leaves production', async () => {
    const scoring = replica();
    await scoring.catchUp();
    edit(
      'domains/payments/components.yaml',
      'tags: [typescript, webhooks]\n  annotations:\n    github.com/project-slug: kestrel-pay/payment-webhooks\nspec:\n  type: service\n  lifecycle: production',
      'tags: [typescript, webhooks]\n  annotations:\n    github.com/project-slug: kestrel-pay/payment-webhooks\nspec:\n  type: service\n  lifecycle: deprecated',
    );
    await syncFolders(stores.catalog, [dir]);
    await scoring.catchUp();
    expect(await stores.scorecards.levelsOf(['component:default/payment-webhooks'])).toEqual([]);
    expect(await stores.scorecards.outcomesOf('component:default/payment-webhooks')).toEqual([]);
  });

  it('scores everything once for a new set of scorecard files, across replicas', async () => {
    const [a, b] = [replica(), replica()];
    expect(await Promise.all([a.scoreNewScorecards(), b.scoreNewScorecards()])).toEqual(
      expect.arrayContaining([true, false]),
    );
    expect(await a.scoreNewScorecards()).toBe(false);
    expect(runs.filter((r) => r.startsWith('full:'))).toHaveLength(1);
    expect((await stores.scorecards.levelsOf([PAYMENTS]))[0].level).toBe('Silver');
  });
});
