// What a team chooses and what it is sent: an unknown kind in callboard.dev/notices is a catalog
// problem naming the file and field while the team still gets the kinds it named; `none` opts
// out; notices of one team raised within the batching window go out as one message.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderText } from '../../src/slack/index.js';
import { openTestStores, type TestStores } from '../support/store.js';
import { NoticeWorld, PAYMENTS_BROKEN, TEAM_FILE } from './support.js';

const LEDGER_BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: [production
  owner: payments-team
`;

function teamWith(annotation: string): string {
  return TEAM_FILE.replace(
    '    slack.com/channel-id: C0PAYMENTS\n',
    `    slack.com/channel-id: C0PAYMENTS\n    callboard.dev/notices: ${annotation}\n`,
  );
}

describe('notice routing choices', () => {
  let stores: TestStores;
  let world: NoticeWorld;

  beforeEach(async () => {
    stores = await openTestStores();
    world = await NoticeWorld.open(stores);
  });

  afterEach(async () => {
    await world.close();
    await stores.close();
  });

  it('reports an unknown kind with file and field, and still sends the kinds the team named', async () => {
    world.write('team.yaml', teamWith('catalog-problem, weekly-gossip'));
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    const problems = await stores.catalog.listProblems();
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: 'team.yaml',
        field: 'metadata.annotations.callboard.dev/notices',
        entityRef: 'group:default/payments-team',
        message: expect.stringContaining('"weekly-gossip" is not a kind of notice'),
      }),
    );
    // The group is still in the catalog, and its channel hears both problems in one message.
    expect(await stores.catalog.getEntity('group:default/payments-team')).toBeDefined();
    const service = world.replica();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toHaveLength(1);
    const text = renderText(world.posts()[0].args as { blocks?: unknown[] });
    expect(text).toContain('weekly-gossip');
    expect(text).toContain('component:default/payments has a catalog problem');
  });

  it('sends nothing to a team that opted out, nor kinds it left out', async () => {
    world.write('team.yaml', teamWith('none'));
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    const service = world.replica();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toEqual([]);
    world.write('team.yaml', teamWith('orphan'));
    await world.sync();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toEqual([]);
  });

  it("batches a team's notices raised within the window into one message", async () => {
    const service = world.replica(stores, 180);
    world.write('ledger.yaml', LEDGER_BROKEN.replace('[production', 'production'));
    await world.sync();
    world.write('payments.yaml', PAYMENTS_BROKEN);
    await world.sync();
    await service.reconcile();
    world.clock.advance(120_000);
    world.write('ledger.yaml', LEDGER_BROKEN);
    await world.sync();
    await service.reconcile();
    await service.deliver();
    expect(world.posts()).toEqual([]);
    world.clock.advance(60_000);
    await service.deliver();
    expect(world.posts()).toHaveLength(1);
    const text = renderText(world.posts()[0].args as { blocks?: unknown[] });
    expect(text).toContain('2 things in the catalog need group:default/payments-team');
  });
});
