// The job queue on both engines: a failing job is retried with backoff until it succeeds, a key
// holds one waiting job, and on Postgres a job queued by one replica is run by another.
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessQueue, type JobQueue, PgBossQueue } from '../../src/jobs/index.js';

const url = process.env.DATABASE_URL;
const engines: Array<'in-process' | 'pg-boss'> = url ? ['in-process', 'pg-boss'] : ['in-process'];
const opened: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const close of opened.splice(0).reverse()) await close();
});

async function openQueues(engine: 'in-process' | 'pg-boss', count: number): Promise<JobQueue[]> {
  if (engine === 'in-process') {
    const queue = new InProcessQueue();
    opened.push(() => queue.stop());
    return [queue];
  }
  const schema = `jobs_${randomBytes(5).toString('hex')}`;
  const queues: JobQueue[] = [];
  for (let i = 0; i < count; i++) {
    const queue = await PgBossQueue.start({ url: url!, schema, pollingIntervalSeconds: 0.5 });
    queues.push(queue);
    opened.push(() => queue.stop());
  }
  opened.unshift(async () => {
    const admin = postgres(url!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });
  return queues;
}

function until(check: () => boolean, ms = 20_000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (check()) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(poll);
        reject(new Error('timed out'));
      }
    }, 50);
  });
}

describe.each(engines)('job queue (%s)', (engine) => {
  it('retries a failing job with a growing delay until it succeeds', async () => {
    const [queue] = await openQueues(engine, 1);
    const attempts: number[] = [];
    await queue.define<{ n: number }>(
      'flaky',
      async () => {
        attempts.push(Date.now());
        if (attempts.length < 3) throw new Error('not yet');
      },
      { retryLimit: 4, retryDelaySeconds: 1, retryBackoff: true },
    );
    await queue.send('flaky', { n: 1 });
    await until(() => attempts.length === 3);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(attempts).toHaveLength(3);
    // Backoff: the second wait is longer than the first (1 s, then about 2 s).
    expect(attempts[1] - attempts[0]).toBeGreaterThanOrEqual(900);
    expect(attempts[2] - attempts[1]).toBeGreaterThan(attempts[1] - attempts[0]);
  }, 30_000);

  it('gives up after the retry limit', async () => {
    const [queue] = await openQueues(engine, 1);
    let attempts = 0;
    await queue.define(
      'doomed',
      async () => {
        attempts++;
        throw new Error('always');
      },
      { retryLimit: 1, retryDelaySeconds: 1, retryBackoff: false },
    );
    await queue.send('doomed', {});
    await until(() => attempts === 2);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(attempts).toBe(2);
  }, 30_000);

  it('keeps one waiting job per key, and runs unkeyed jobs each', async () => {
    const [queue] = await openQueues(engine, 1);
    const ran: string[] = [];
    await queue.define<{ label: string }>('keyed', async (data) => {
      ran.push(data.label);
    });
    expect(await queue.send('keyed', { label: 'first' }, { key: 'team-a', delaySeconds: 1 })).toBe(true);
    expect(await queue.send('keyed', { label: 'second' }, { key: 'team-a', delaySeconds: 1 })).toBe(false);
    await queue.send('keyed', { label: 'other key' }, { key: 'team-b', delaySeconds: 1 });
    await queue.send('keyed', { label: 'unkeyed 1' });
    await queue.send('keyed', { label: 'unkeyed 2' });
    await until(() => ran.length === 4);
    expect(ran.sort()).toEqual(['first', 'other key', 'unkeyed 1', 'unkeyed 2']);
  }, 30_000);
});

describe.runIf(url)('pg-boss across replicas', () => {
  it('runs each job once, on whichever replica takes it', async () => {
    const queues = await openQueues('pg-boss', 3);
    const ranBy: Record<string, number[]> = {};
    for (const [index, queue] of queues.entries()) {
      await queue.define<{ id: string }>('shared', async (data) => {
        ranBy[data.id] = [...(ranBy[data.id] ?? []), index];
      });
    }
    for (let i = 0; i < 12; i++) await queues[i % 3].send('shared', { id: `job-${i}` }, { key: `job-${i}` });
    await until(() => Object.keys(ranBy).length === 12);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(Object.values(ranBy).every((runs) => runs.length === 1)).toBe(true);
  }, 30_000);
});
