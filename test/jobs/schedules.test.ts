// Schedules on a fake clock: an occurrence in its time zone runs once across replicas, not before
// its time, and again (on another replica) when the one running it dies before finishing.
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessQueue, ManualClock, Schedules } from '../../src/jobs/index.js';
import { openTestStores, type TestStores } from '../support/store.js';

const stores: TestStores[] = [];
const queues: InProcessQueue[] = [];
afterEach(async () => {
  for (const queue of queues.splice(0)) await queue.stop();
  for (const store of stores.splice(0)) await store.close();
});

async function replicas(count: number, clock: ManualClock, leaseSeconds = 300) {
  const store = await openTestStores();
  stores.push(store);
  return Array.from({ length: count }, (_, i) => {
    const queue = new InProcessQueue();
    queues.push(queue);
    return {
      queue,
      schedules: new Schedules({ queue, ledger: store.once, clock, replicaId: `replica-${i}`, leaseSeconds }),
    };
  });
}

describe('Schedules', () => {
  it('runs Monday 09:00 Berlin once across three replicas, and not before', async () => {
    // Monday 7 December 2026, 07:59 UTC is 08:59 in Berlin.
    const clock = new ManualClock('2026-12-07T07:59:00Z');
    const runs: string[] = [];
    const all = await replicas(3, clock);
    for (const { schedules } of all) {
      await schedules.add({
        name: 'digest',
        cron: '0 9 * * MON',
        timeZone: 'Europe/Berlin',
        run: async (occurrence) => {
          runs.push(occurrence.toISOString());
        },
      });
    }
    for (const { schedules } of all) expect(await schedules.tick()).toEqual([]);
    clock.set('2026-12-07T08:00:00Z');
    await Promise.all(all.map(({ schedules }) => schedules.tick()));
    for (const { queue } of all) await queue.drain();
    clock.advance(60_000);
    await Promise.all(all.map(({ schedules }) => schedules.tick()));
    for (const { queue } of all) await queue.drain();
    expect(runs).toEqual(['2026-12-07T08:00:00.000Z']);
    expect(all[0].schedules.nextOccurrence('digest')?.toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('runs the occurrence again on another replica when the first dies holding it', async () => {
    const clock = new ManualClock('2026-12-07T08:00:30Z');
    const [first, second] = await replicas(2, clock, 120);
    const runs: string[] = [];
    let dieForGood = () => {};
    await first.schedules.add({
      name: 'digest',
      cron: '0 9 * * MON',
      timeZone: 'Europe/Berlin',
      // The first replica dies inside the job: its work never finishes.
      run: () =>
        new Promise<void>((_, reject) => {
          dieForGood = () => reject(new Error('replica gone'));
        }),
    });
    await second.schedules.add({
      name: 'digest',
      cron: '0 9 * * MON',
      timeZone: 'Europe/Berlin',
      run: async (occurrence) => {
        runs.push(`second ${occurrence.toISOString()}`);
      },
    });
    expect(await first.schedules.tick()).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await second.schedules.tick()).toEqual([]);
    // Two minutes later its lease has run out and the second replica takes the occurrence.
    clock.advance(121_000);
    expect(await second.schedules.tick()).toHaveLength(1);
    await second.queue.drain();
    expect(runs).toEqual(['second 2026-12-07T08:00:00.000Z']);
    clock.advance(300_000);
    expect(await second.schedules.tick()).toEqual([]);
    dieForGood();
  });

  it('skips an occurrence missed by longer than its catch-up window', async () => {
    const clock = new ManualClock('2026-12-07T15:00:00Z');
    const [only] = await replicas(1, clock);
    const runs: string[] = [];
    await only.schedules.add({
      name: 'digest',
      cron: '0 9 * * MON',
      timeZone: 'Europe/Berlin',
      catchUpMinutes: 60,
      run: async (occurrence) => {
        runs.push(occurrence.toISOString());
      },
    });
    expect(await only.schedules.tick()).toEqual([]);
    expect(runs).toEqual([]);
  });
});
