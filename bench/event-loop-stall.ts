// How long the event loop was held up while some work ran: the longest delay perf_hooks' histogram
// saw, and the longest garbage-collection pause inside that time (part of the delay, but V8's
// work, not ours).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface Stall {
  /** The event loop's longest delay, in ms. */
  longest: number;
  /** The longest garbage-collection pause meanwhile, in ms. */
  gcPause: number;
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
  const ticker = setInterval(() => {}, 1);
  try {
    // The histogram measures between its own ticks: let it tick before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(ticker);
    histogram.disable();
    gcPauses.disconnect();
  }
  return { longest: histogram.max / 1e6, gcPause };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** `12.3 ms (longest garbage-collection pause in it 4.5 ms)` */
export const stallText = (stall: Stall) =>
  `${ms(stall.longest)} (longest garbage-collection pause in it ${ms(stall.gcPause)})`;
