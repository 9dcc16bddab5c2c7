// Where a long run's time went and which step its stalls fell in: the steps the code names with
// `enterPhase` (src/work-phase.ts) are timed, and a 1 ms timer notes every gap between its ticks
// with the steps that ran in it. A stall is named by the step under way when it began and any
// entered before it ended.
import { watchPhases } from '../src/work-phase.js';
import { longestStall, ms, type Stall } from './event-loop-stall.js';
import { mainThreadClock } from './main-thread-clock.js';

export interface PhaseTime {
  name: string;
  /** Wall time spent in the step, in ms (summed over every time it was entered). */
  ms: number;
  /** When it was first entered, in ms from the start. */
  firstAt: number;
}

export interface NamedStall {
  ms: number;
  /** CPU time this process used meanwhile (all its threads), in ms. */
  cpuMs: number;
  /**
   * Of the stall, the time the main thread ran, and the time it was ready but waited for a core
   * (Linux only): on a shared machine the first is the work's own stall.
   */
  ranMs?: number;
  waitedMs?: number;
  /** When the stall began, in ms from the start. */
  at: number;
  /** The steps it fell in, in order. */
  phases: string[];
}

export interface PhasedStall extends Stall {
  /** The longest gaps between two ticks, longest first (at most 5). */
  worst: NamedStall[];
  /** The gap in which the main thread itself ran longest (Linux only): the stall a quiet machine would see. */
  longestOwn?: NamedStall;
  phases: PhaseTime[];
}

/** Gaps shorter than this are not kept: every tick of a busy loop would otherwise be one. */
const NOTED_ABOVE_MS = 5;
const KEPT = 5;

export async function longestStallByPhase(work: () => Promise<unknown>): Promise<PhasedStall> {
  const start = performance.now();
  const times = new Map<string, PhaseTime>();
  let current = 'start';
  let currentSince = start;
  const enteredSinceTick: string[] = [];
  const leave = (at: number) => {
    const time = times.get(current) ?? { name: current, ms: 0, firstAt: currentSince - start };
    time.ms += at - currentSince;
    times.set(current, time);
  };
  watchPhases((name, at) => {
    leave(at);
    current = name;
    currentSince = at;
    if (enteredSinceTick.at(-1) !== name && enteredSinceTick.length < 12) enteredSinceTick.push(name);
  });
  const worst: NamedStall[] = [];
  let longestOwn: NamedStall | undefined;
  const clock = mainThreadClock();
  let lastTick = performance.now();
  let cpuAtTick = process.cpuUsage();
  let threadAtTick = clock?.read();
  let phaseAtTick = current;
  const ticker = setInterval(() => {
    const now = performance.now();
    const gap = now - lastTick;
    const thread = clock?.read();
    if (gap > NOTED_ABOVE_MS) {
      const ranMs = thread && threadAtTick && (thread.runNs - threadAtTick.runNs) / 1e6;
      const keep = worst.length < KEPT || gap > worst[KEPT - 1].ms;
      if (keep || (ranMs !== undefined && ranMs > (longestOwn?.ranMs ?? 0))) {
        const phases = [phaseAtTick];
        for (const name of enteredSinceTick) if (phases.at(-1) !== name) phases.push(name);
        const cpu = process.cpuUsage(cpuAtTick);
        const stall: NamedStall = { ms: gap, cpuMs: (cpu.user + cpu.system) / 1000, at: lastTick - start, phases };
        if (thread && threadAtTick) {
          stall.ranMs = ranMs;
          stall.waitedMs = (thread.waitNs - threadAtTick.waitNs) / 1e6;
        }
        if (keep) {
          worst.push(stall);
          worst.sort((a, b) => b.ms - a.ms);
          worst.length = Math.min(worst.length, KEPT);
        }
        if (ranMs !== undefined && ranMs > (longestOwn?.ranMs ?? 0)) longestOwn = stall;
      }
    }
    lastTick = now;
    cpuAtTick = process.cpuUsage();
    threadAtTick = thread;
    phaseAtTick = current;
    enteredSinceTick.length = 0;
  }, 1);
  try {
    const stall = await longestStall(work);
    leave(performance.now());
    return { ...stall, worst, longestOwn, phases: [...times.values()].sort((a, b) => a.firstAt - b.firstAt) };
  } finally {
    clearInterval(ticker);
    clock?.close();
    watchPhases(undefined);
  }
}

/** `412.0 ms (main thread ran 30.1 ms, waited for a core 380.1 ms) at 10.2 s in parse → write a piece` */
export const namedStallText = (stall: NamedStall) =>
  `${ms(stall.ms)} (${stall.ranMs === undefined ? `CPU ${ms(stall.cpuMs)}` : `main thread ran ${ms(stall.ranMs)}, waited for a core ${ms(stall.waitedMs ?? 0)}`}) ` +
  `at ${(stall.at / 1000).toFixed(1)} s in ${stall.phases.join(' → ')}`;

/** `read folder 1.2 s, parse 30.1 s, …` in the order the steps were first entered. */
export const phaseTimesText = (phases: PhaseTime[]) =>
  phases
    .filter((p) => p.ms >= 50)
    .map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s`)
    .join(', ');
