// How long the event loop was held up while some work ran: the longest delay perf_hooks' histogram
// saw, and the longest garbage-collection pause inside that time (part of the delay, but V8's
// work, not ours).
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface Stall {
  /** The event loop's longest delay, in ms. */
  longest: number;
  /** The longest garbage-collection pause meanwhile, in ms. */
  gcPause: number;
  /** Its kind: `minor` (scavenge), `major` (mark-compact), `incremental`, `weakcb`. */
  gcKind?: string;
  /**
   * The most CPU time this process used between two ticks of a 1 ms timer, in ms: the longest the
   * work itself held the loop. On a busy machine the wall-clock stall also counts the time the
   * process waited for a core; this does not (garbage collection's helper threads count in it, and
   * so does any worker thread's: PGlite's, once it runs on one).
   */
  cpu?: number;
  /** What was under way around the longest gap between two ticks (with an ActivityLog). */
  doing?: string[];
}

/**
 * What the work was doing, by name: methods wrapped with `wrap` note when they start and end, and
 * longestStall asks, at the end of each gap between its ticks, which ran in that gap. Several run
 * at once (async work interleaves), so the answer is the short list of suspects, not one culprit.
 */
export class ActivityLog {
  private readonly running = new Map<string, number>();
  private readonly entered = new Set<string>();

  /** Notes each call of `methods` on `target` under `label.method`. */
  wrap<T extends object>(target: T, label: string, methods: Array<keyof T & string>): void {
    for (const method of methods) {
      const original = target[method] as unknown as (...args: unknown[]) => unknown;
      const name = `${label}.${method}`;
      const log = this;
      (target as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        log.enter(name);
        let result: unknown;
        try {
          result = original.apply(this, args);
        } catch (error) {
          log.leave(name);
          throw error;
        }
        if (result instanceof Promise) return result.finally(() => log.leave(name));
        log.leave(name);
        return result;
      };
    }
  }

  /** Names that ran since the last call (and are running now). */
  since(): string[] {
    const names = new Set([...this.entered, ...this.running.keys()]);
    this.entered.clear();
    return [...names].sort();
  }

  private enter(name: string): void {
    this.entered.add(name);
    this.running.set(name, (this.running.get(name) ?? 0) + 1);
  }

  private leave(name: string): void {
    const left = (this.running.get(name) ?? 1) - 1;
    if (left > 0) this.running.set(name, left);
    else this.running.delete(name);
  }
}

/** perf_hooks' NODE_PERFORMANCE_GC_* kinds. */
const GC_KINDS: Record<number, string> = { 1: 'minor', 2: 'major', 4: 'incremental', 8: 'weakcb' };

/** The event loop's longest stall while `work` runs (a 1 ms timer keeps the loop measured). */
export async function longestStall(work: () => Promise<unknown>, activity?: ActivityLog): Promise<Stall> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let gcPause = 0;
  let gcKind: string | undefined;
  const gcPauses = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= gcPause) continue;
      gcPause = entry.duration;
      gcKind = GC_KINDS[(entry as unknown as { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'gc';
    }
  });
  gcPauses.observe({ entryTypes: ['gc'] });
  histogram.enable();
  let cpu = 0;
  let since = process.cpuUsage();
  let lastTick = performance.now();
  let longestGap = 0;
  let doing: string[] | undefined;
  const ticker = setInterval(() => {
    const used = process.cpuUsage(since);
    cpu = Math.max(cpu, (used.user + used.system) / 1000);
    since = process.cpuUsage();
    const now = performance.now();
    const suspects = activity?.since();
    if (now - lastTick > longestGap) {
      longestGap = now - lastTick;
      doing = suspects;
    }
    lastTick = now;
  }, 1);
  try {
    // The histogram measures between its own ticks: let it tick before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 10));
    cpu = 0;
    longestGap = 0;
    activity?.since();
    await work();
    await new Promise((resolve) => setTimeout(resolve, 5));
  } finally {
    clearInterval(ticker);
    histogram.disable();
    gcPauses.disconnect();
  }
  return { longest: histogram.max / 1e6, gcPause, gcKind, cpu, doing };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

/** `12.3 ms (longest garbage-collection pause in it 4.5 ms)` */
export const stallText = (stall: Stall) =>
  `${ms(stall.longest)} (longest garbage-collection pause in it ${ms(stall.gcPause)})`;

/** `12.3 ms wall, of which this process's own work 4.5 ms (…)`: for a machine others share. */
export const busyStallText = (stall: Stall) =>
  `${ms(stall.longest)} wall; the most CPU this process used between two 1 ms ticks ${ms(stall.cpu ?? 0)} (longest garbage-collection pause ${ms(stall.gcPause)}${stall.gcKind ? `, ${stall.gcKind}` : ''})` +
  (stall.doing
    ? `; under way in the longest gap: ${stall.doing.join(', ') || 'nothing wrapped (timers, GC, I/O callbacks)'}`
    : '');
