// Stopping the GitHub sync mid-way, as `start` does on SIGTERM: the sync ends after the
// transaction it is in rather than after the whole organisation, what it wrote stays whole, and
// the run is recorded as failed with the reason, so `/callboard status` does not say "running".
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
});
