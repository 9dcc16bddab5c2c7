// Names the step a long piece of work is in (a sync's parse, its reference recompute, its
// commit), so that whoever watches the event loop can say which step a stall fell in and where a
// run's wall time went. Costs one call of nothing when nobody watches.

/** Told each step's name as it starts, with `performance.now()`. */
export type PhaseWatcher = (name: string, at: number) => void;

let watcher: PhaseWatcher | undefined;

/** Starts (or, with undefined, stops) telling `next` about every step entered. */
export function watchPhases(next: PhaseWatcher | undefined): void {
  watcher = next;
}

/** Says that the work is now in step `name`. */
export function enterPhase(name: string): void {
  watcher?.(name, performance.now());
}
