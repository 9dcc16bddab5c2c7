// The on-call fact through the demo organisation's rotas on the fake PagerDuty and Opsgenie:
// scoring never waits on a provider (the fact is unknown until one answered, then the entities
// are scored again), an entity naming no rota has nobody on call, and a rota emptied later moves
// the outcome once the answer is old enough to ask again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createOnCall, type OnCall } from '../../src/oncall/index.js';
import { OnCallFactSource, type OnCallLookup } from '../../src/scorecards/oncall-facts.js';
import type { ScoringService } from '../../src/scorecards/scoring-service.js';
import { scoringOver } from '../support/callboard.js';
import { DEMO_OPSGENIE_KEY, DEMO_PAGERDUTY_TOKEN, demoOpsgenie, demoPagerDuty } from '../support/demo-on-call.js';
import { FakeOpsgenie } from '../support/fake-opsgenie.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { openTestStores, testBackends, type TestStores } from '../support/store.js';

const SCORECARD = `name: on-call-now
title: On call now
filter: { kind: component, spec.lifecycle: production }
levels: [Covered]
checks:
  - id: someone-on-call
    title: Someone is on call now
    level: Covered
    rule:
      all:
        - { fact: someoneOnCall, operator: equal, value: true }
    solution: Put someone on the rota.
`;

describe.each(testBackends())('the on-call fact (%s)', (backend) => {
  let stores: TestStores;
  let pagerduty: FakePagerDuty;
  let opsgenie: FakeOpsgenie;
  let onCall: OnCall;
  const dir = mkdtempSync(join(tmpdir(), 'callboard-oncall-scorecard-'));
  let offset = 0;

  beforeAll(async () => {
    writeFileSync(join(dir, 'on-call-now.yaml'), SCORECARD);
    stores = await openTestStores(backend);
    await syncFolders(stores.catalog, [defaultCatalogDir()]);
    pagerduty = await FakePagerDuty.start(demoPagerDuty());
    opsgenie = await FakeOpsgenie.start(demoOpsgenie());
    onCall = createOnCall(
      {
        pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
        opsgenie: { apiKey: DEMO_OPSGENIE_KEY, apiUrl: opsgenie.url },
      },
      silentLogger,
      { now: () => Date.now() + offset },
    );
  });
  afterAll(async () => {
    await Promise.all([pagerduty?.close(), opsgenie?.close()]);
    await stores?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const outcome = async (name: string) =>
    (await stores.scorecards.outcomesOf(`component:default/${name}`)).find((o) => o.checkId === 'someone-on-call')
      ?.outcome;

  function scoringWith(lookup: OnCallLookup): { scoring: ScoringService; source: OnCallFactSource } {
    const scoring = scoringOver(stores, [dir]);
    const source = new OnCallFactSource(lookup, {
      onChanged: async (refs) => {
        await scoring.scoreRefs(refs);
      },
      now: () => Date.now() + offset,
    });
    scoring.addFactSource(source);
    return { scoring, source };
  }

  it('scores without waiting for a provider that has not answered, and knows nobody is on call without a rota', async () => {
    // A provider that never answers: scoring finishes all the same.
    const stuck: OnCallLookup = {
      anyConfigured: true,
      targets: (chain) => onCall.directory.targets(chain),
      lookup: () => new Promise(() => {}),
    };
    const { scoring } = scoringWith(stuck);
    await scoring.scoreAll();
    expect(await outcome('payments')).toBe('unknown');
    // merchant-app and mobile-team name no PagerDuty or Opsgenie rota.
    expect(await outcome('merchant-app')).toBe('fail');
  });

  it("scores again once the providers answered: the Payments Service's and Fraud Scoring's rotas have people on them", async () => {
    const { scoring, source } = scoringWith(onCall.directory);
    await scoring.scoreAll();
    await source.idle();
    // PPAYSVC → Payments escalation policy: Tomás Haddad now.
    expect(await outcome('payments')).toBe('pass');
    // fraud-scoring's team names Opsgenie's `risk`: Rania Kowalski.
    expect(await outcome('fraud-scoring')).toBe('pass');
    expect(await outcome('merchant-app')).toBe('fail');

    // The Ledger policy loses its only person; once the answer is old, it is asked again.
    pagerduty.data.oncalls = pagerduty.data.oncalls.filter((o) => o.policy !== 'PLDGEP');
    expect(await outcome('ledger')).toBe('pass');
    offset += 10 * 60_000;
    await scoring.scoreRefs(['component:default/ledger']);
    await source.idle();
    expect(await outcome('ledger')).toBe('fail');
  });
});
