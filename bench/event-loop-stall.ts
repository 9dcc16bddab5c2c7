// How long the event loop was held up while some work ran: the longest delay perf_hooks' histogram
// saw, and the longest garbage-collection pause inside that time (part of the delay, but V8's
// work, not ours).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface Stall {
  /** The event loop's longest delay, in ms. */
  longest: number;
  /** The longest garbage-collection pause meanwhile, in ms. */
  gcPause: number;
  /**
   * The most CPU time this process used between two ticks of a 1 ms timer, in ms: the longest the
   * work itself held the loop. On a busy machine the wall-clock stall also counts the time the
   * process waited for a core; this does not (garbage collection's helper threads count in it).
   */
  cpu?: number;
}

/** The event loop's longest stall while `work` runs (a 1 ms timer keeps the loop measured). */
export async function longestStall(work: () => Promise<unknown>): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let gcPause = 0;
  const gcPauses = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcPause = Math.max(gcPause, entry.duration);
  });
  gcPauses.observe({ entryTypes: ['gc'] });
  histogram.enable();
  let cpu = 0;
  let since = process.cpuUsage();
  const ticker = setInterval(() => {
    const used = process.cpuUsage(since);
    cpu = Math.max(cpu, (used.user + used.system) / 1000);
    since = process.cpuUsage();
  }, 1);
  try {
    // The histogram measures between its own ticks: let it tick before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 10));
    cpu = 0;
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(ticker);
    histogram.disable();
    gcPauses.disconnect();
  }
  return { longest: histogram.max / 1e6, gcPause, cpu };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** `12.3 ms (longest garbage-collection pause in it 4.5 ms)` */
export const stallText = (stall: Stall) =>
  `${ms(stall.longest)} (longest garbage-collection pause in it ${ms(stall.gcPause)})`;

/** `12.3 ms wall, of which this process's own work 4.5 ms (…)`: for a machine others share. */
export const busyStallText = (stall: Stall) =>
  `${ms(stall.longest)} wall; the most CPU this process used between two 1 ms ticks ${ms(stall.cpu ?? 0)} (longest garbage-collection pause ${ms(stall.gcPause)})`;
