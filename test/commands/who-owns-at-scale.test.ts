// "Who owns this?" keeps Slack's acknowledgement contract when the work behind the answer is slow:
// a 20k-entity catalog and a PagerDuty that holds every request. The shortcut is acknowledged
// (200, empty) while PagerDuty still holds the on-call request its answer waits on, so the
// acknowledgement never waits on PagerDuty; the answer then arrives through the response_url,
// saying on-call is not known rather than staying silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOrganisation } from '../../bench/generate-org.js';
import { WHO_OWNS_SHORTCUT } from '../../commands/who-owns/who-owns-listeners.js';
import { entityRef } from '../../src/catalog/index.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { defaultCatalogDir } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { createOnCall } from '../../src/oncall/index.js';
import { DEMO_PAGERDUTY_TOKEN, demoPagerDuty } from '../support/demo-on-call.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { startHarness, type Harness } from '../slack/harness.js';

const GENERATED = 20_000;

let stores: TestStores;
let h: Harness;
let pagerduty: FakePagerDuty;

beforeAll(async () => {
  stores = await openTestStores(process.env.DATABASE_URL ? 'postgres' : 'pglite');
  const { failures } = await syncFolders(stores.catalog, [defaultCatalogDir()]);
  expect(failures).toEqual([]);
  await stores.catalog.applyLocationChange({
    location: { key: 'dir:/generated-org', type: 'dir', target: '/generated-org' },
    parsedFiles: [],
    removedFiles: [],
    failedFiles: [],
    removals: [],
    problems: [],
    upserts: generateOrganisation(GENERATED).map((entity) => ({
      ref: entityRef(entity),
      hash: JSON.stringify(entity),
      entity,
      relations: [],
      origin: { file: 'catalog-info.yaml' },
    })),
  });
  pagerduty = await FakePagerDuty.start(demoPagerDuty());
  const onCall = createOnCall(
    {
      pagerduty: { token: DEMO_PAGERDUTY_TOKEN, apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
      opsgenie: { apiUrl: pagerduty.url },
    },
    silentLogger,
  );
  h = await startHarness({ stores, onCall });
}, 600_000);

afterAll(async () => {
  pagerduty?.http.hang(false);
  await h?.close();
  await pagerduty?.close();
  await stores?.close();
});

describe('Who owns this? at 20k entities with PagerDuty holding every request', () => {
  it('is acknowledged while PagerDuty still holds the request, and answers through the response_url', async () => {
    expect(h.search.size).toBeGreaterThan(GENERATED);
    pagerduty.http.hang(true);
    const reply = await h.client.messageShortcut(
      WHO_OWNS_SHORTCUT,
      {
        text: 'checkout is failing, see component:default/payments and https://kestrel.pagerduty.com/service-directory/PPAYSVC',
      },
      { channelId: 'C0INCIDENT' },
    );
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('');
    // Nothing has reached the response_url yet: the answer needs PagerDuty, which is still holding.
    expect(h.fake.responsesTo(reply.responseUrl)).toEqual([]);

    const [posted] = await h.fake.waitFor(
      () => (h.fake.responsesTo(reply.responseUrl).length ? h.fake.responsesTo(reply.responseUrl) : undefined),
      'the answer at the response_url',
      60_000,
    );
    expect(pagerduty.http.requests.length).toBeGreaterThan(0);
    const body = posted.body as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toBe('Owned by Payments Team');
    const shown = JSON.stringify(body.blocks);
    expect(shown).toContain('Owner: *Payments Team*');
    expect(shown).toMatch(/On call now: _not known \(PagerDuty did not answer[^)]*\)_/);
  });
});
