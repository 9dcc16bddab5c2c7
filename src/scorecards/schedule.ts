// When scoring runs on its own: a small interface, so that the daily run can move onto the job
// queue (src/jobs, issue 23) without the scorer changing. The default is a timer in this process;
// the scorer's claims in the database make each run happen once however many replicas tick.

export interface ScoringSchedule {
  /** Calls `job` every `everyMs` until the returned function is called. */
  every(name: string, everyMs: number, job: () => Promise<void>): () => void;
}

/** Timers in this process (they do not keep it alive). */
export const timerSchedule: ScoringSchedule = {
  every(_name, everyMs, job) {
    const timer = setInterval(() => {
      job().catch(() => {
        // the job reports its own failures
      });
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  },
};
