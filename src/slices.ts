// Long computations written as generators that `yield` at safe points, so the same code runs
// either straight through (tests, small catalogs) or in slices that hand the event loop back
// between them (a large catalog's index build must not hold up Slack's requests).
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A computation that yields whenever it may be paused, and returns its result at the end. A step
 * may also yield a value `Y` for its runner to act on (sync hands over a piece to write).
 */
export type Steps<T, Y = never> = Generator<Y | undefined, T, void>;

/** Runs `steps` to the end without pausing. */
export function runToEnd<T>(steps: Steps<T, unknown>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** How long one slice may run before the event loop gets a turn. */
const DEFAULT_SLICE_MS = 8;

/** Runs `steps`, giving the event loop a turn whenever a slice has run `sliceMs`. */
export function runInSlices<T>(steps: Steps<T>, sliceMs = DEFAULT_SLICE_MS): Promise<T> {
  return runInSlicesWith(steps, async () => {}, sliceMs);
}

/**
 * `runInSlices` for steps that also yield values: each one is handed to `take`, and the steps go on
 * once it is done (the event loop has had its turn then, so a new slice starts).
 */
export async function runInSlicesWith<T, Y>(
  steps: Steps<T, Y>,
  take: (value: Y) => Promise<void>,
  sliceMs = DEFAULT_SLICE_MS,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (step.value !== undefined) {
      await take(step.value);
      sliceStart = performance.now();
      continue;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

/** Items sorted per run before runs are merged: a run's sort is one short, unpausable step. */
const SORT_RUN = 2048;
/** Items merged between two pauses. */
const MERGE_STEP = 4096;

/**
 * Sorts `items` (in place or into a new array; use the result) as a merge sort that pauses
 * between runs and merge steps: one `Array.prototype.sort` of 300k strings cannot be paused.
 */
export function* sortSteps<T>(items: T[], compare: (a: T, b: T) => number): Steps<T[]> {
  const n = items.length;
  for (let start = 0; start < n; start += SORT_RUN) {
    const run = items.slice(start, start + SORT_RUN).sort(compare);
    for (let i = 0; i < run.length; i++) items[start + i] = run[i];
    yield;
  }
  if (n <= SORT_RUN) return items;
  let from = items;
  let to: T[] = new Array<T>(n);
  for (let width = SORT_RUN; width < n; width *= 2) {
    let sinceYield = 0;
    for (let low = 0; low < n; low += 2 * width) {
      const middle = Math.min(low + width, n);
      const high = Math.min(low + 2 * width, n);
      let left = low;
      let right = middle;
      for (let out = low; out < high; out++) {
        const takeLeft = right >= high || (left < middle && compare(from[left], from[right]) <= 0);
        to[out] = takeLeft ? from[left++] : from[right++];
        if (++sinceYield === MERGE_STEP) {
          sinceYield = 0;
          yield;
        }
      }
    }
    [from, to] = [to, from];
  }
  return from;
}
