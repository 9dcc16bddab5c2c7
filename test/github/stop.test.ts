// Stopping the GitHub sync mid-way, as `start` does on SIGTERM: the sync ends after the
// transaction it is in rather than after the whole organisation, what it wrote stays whole, and
// the run is recorded as failed with the reason, so `/callboard status` does not say "running";
// and a sync stuck on a GitHub that does not answer does not hold the process past its deadline.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

describe('the GitHub sync, stopped while it runs', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it('ends after its current transaction and records why', async () => {
    h = await startHarness({ repositories: 120, teams: 2 }, { source: { paging: { initial: 20, min: 20, max: 20 } } });
    const harness = h;
    let stopping: Promise<void> | undefined;
    const result = await harness.sync.runFull({
      onProgress: (progress) => {
        if (progress.locationsApplied > 0) stopping ??= harness.sync.stop();
      },
    });
    await stopping;
    expect(result).toMatchObject({
      status: 'failed',
      error: 'stopped before it finished, as the process is shutting down',
    });
    const stored = await harness.store.listEntities();
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(harness.generated.repositoryEntities.length);
    expect(await harness.store.lastSyncRun('github')).toMatchObject({
      status: 'failed',
      error: 'stopped before it finished, as the process is shutting down',
    });
  });

  it('does not wait on a GitHub that never answers: stop() returns, and the run is left to the next start', async () => {
    h = await startHarness({ repositories: 10, teams: 1 });
    // Every GraphQL answer hangs for two minutes: the sync is stuck in its first read.
    h.github.inject({ kind: 'graphql', effect: { delayMs: 120_000 } });
    const running = h.sync.runFull();
    await h.sync.stop();
    expect(await Promise.race([running.then(() => 'finished'), Promise.resolve('still reading')])).toBe(
      'still reading',
    );
  });
});
