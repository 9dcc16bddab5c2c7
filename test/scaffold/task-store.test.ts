import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stores, TaskStore } from '../../src/store/index.js';
import type { NewTask } from '../../src/store/task-store.js';
import { openTestStores, testBackends } from '../support/store.js';

const LEASE = { owner: 'replica-a', ms: 60_000 };

function newTask(id: string, extra: Partial<NewTask> = {}): NewTask {
  return {
    id,
    requestKey: `req-${id}`,
    templateRef: 'template:default/typescript-service',
    templateTitle: 'TypeScript HTTP service',
    requestedBy: 'U1',
    values: { name: 'payments' },
    steps: [
      { stepId: 'fetch', name: 'Render', action: 'fetch:template' },
      { stepId: 'publish', name: 'Publish', action: 'publish:github' },
    ],
    ...extra,
  };
}

describe.each(testBackends())('task store (%s)', (backend) => {
  let stores: Stores;
  let tasks: TaskStore;
  beforeAll(async () => {
    stores = await openTestStores(backend);
    tasks = stores.tasks;
  });
  afterAll(async () => {
    await stores.close();
  });

  it('records a task with its steps; the same request key gives the same task', async () => {
    const first = await tasks.createTask(newTask('t1'));
    expect(first.created).toBe(true);
    expect(first.task).toMatchObject({ id: 't1', state: 'open', values: { name: 'payments' }, output: {} });
    expect(first.task.steps.map((s) => [s.position, s.stepId, s.state])).toEqual([
      [0, 'fetch', 'open'],
      [1, 'publish', 'open'],
    ]);
    const again = await tasks.createTask({ ...newTask('t1-retry'), requestKey: 'req-t1' });
    expect(again.created).toBe(false);
    expect(again.task.id).toBe('t1');
    expect(await tasks.getTask('t1-retry')).toBeUndefined();
  });

  it('lets one caller claim an open task, and records steps and the outcome', async () => {
    await tasks.createTask(newTask('t2'));
    const claims = await Promise.all([tasks.claim('t2', LEASE), tasks.claim('t2', LEASE), tasks.claim('t2', LEASE)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await tasks.startStep('t2', 0);
    await tasks.finishStep('t2', 0, { state: 'completed', log: ['rendered 3 files'], output: {} });
    await tasks.startStep('t2', 1);
    await tasks.finishStep('t2', 1, { state: 'failed', log: ['failed: no'], output: {}, error: 'no' });
    await tasks.finishTask('t2', { state: 'failed', failedStep: 'Publish', error: 'no' });
    const task = await tasks.getTask('t2');
    expect(task).toMatchObject({ state: 'failed', failedStep: 'Publish', error: 'no' });
    expect(task!.steps.map((s) => [s.state, s.log])).toEqual([
      ['completed', ['rendered 3 files']],
      ['failed', ['failed: no']],
    ]);
    expect(task!.finishedAt).toBeInstanceOf(Date);
  });

  it('waits for approval: not claimable, the first decision wins', async () => {
    await tasks.createTask(newTask('t3', { approvers: 'group:default/platform' }));
    expect((await tasks.getTask('t3'))!.approval).toBe('pending');
    expect(await tasks.claim('t3', LEASE)).toBeUndefined();
    const [a, b] = await Promise.all([
      tasks.decide('t3', 'approved', 'U2', LEASE),
      tasks.decide('t3', 'denied', 'U3', LEASE, 'no'),
    ]);
    const winners = [a, b].filter(Boolean);
    expect(winners).toHaveLength(1);
    expect(['processing', 'failed']).toContain(winners[0]!.state);

    await tasks.createTask(newTask('t4', { approvers: 'group:default/platform' }));
    const denied = await tasks.decide('t4', 'denied', 'U3', LEASE, 'use the existing payments service');
    expect(denied).toMatchObject({
      state: 'failed',
      approval: 'denied',
      decidedBy: 'U3',
      decisionNote: 'use the existing payments service',
    });
    expect(await tasks.decide('t4', 'approved', 'U2', LEASE)).toBeUndefined();
  });

  it("keeps the first DM thread and lists a requester's tasks", async () => {
    for (const id of ['dm-1', 'dm-2']) await tasks.createTask(newTask(id, { requestedBy: 'U-DM' }));
    await tasks.createTask(newTask('dm-other', { requestedBy: 'U-OTHER' }));
    expect(await tasks.setThread('dm-1', 'D1', '1.0')).toBe(true);
    expect(await tasks.setThread('dm-1', 'D1', '2.0')).toBe(false);
    expect((await tasks.getTask('dm-1'))!.slackThreadTs).toBe('1.0');
    expect((await tasks.listTasks({ requestedBy: 'U-DM' })).map((t) => t.id).sort()).toEqual(['dm-1', 'dm-2']);
  });

  it('leaves a task whose lease is current to its process; one replica alone takes it once the lease ran out', async () => {
    await tasks.createTask(newTask('t5'));
    await tasks.claim('t5', { owner: 'replica-a', ms: 60_000 });
    const other = { owner: 'replica-b', ms: 60_000 };
    expect((await tasks.claimAbandoned(other)).map((t) => t.id)).not.toContain('t5');
    expect(await tasks.renewLease('t5', other)).toBe(false);
    // Replica A stops renewing: a lease already in the past.
    expect(await tasks.renewLease('t5', { owner: 'replica-a', ms: -1000 })).toBe(true);
    const takers = [other, { owner: 'replica-c', ms: 60_000 }, { owner: 'replica-d', ms: 60_000 }];
    const taken = await Promise.all(takers.map((lease) => tasks.claimAbandoned(lease)));
    expect(taken.flat().filter((t) => t.id === 't5')).toHaveLength(1);
    expect(await tasks.renewLease('t5', { owner: 'replica-a', ms: 60_000 })).toBe(false);
    // Every lease, for the only process on the database: the current one too.
    expect((await tasks.claimAbandoned(other, { everyLease: true })).map((t) => t.id)).toContain('t5');
  });

  it('lists open tasks never started, once they are older than a lease', async () => {
    await tasks.createTask(newTask('t6'));
    expect((await tasks.staleOpenTasks(60_000)).map((t) => t.id)).not.toContain('t6');
    expect((await tasks.staleOpenTasks(-1000)).map((t) => t.id)).toContain('t6');
    await tasks.createTask(newTask('t7', { approvers: 'group:default/platform' }));
    expect((await tasks.staleOpenTasks(-1000)).map((t) => t.id)).not.toContain('t7');
  });
});
