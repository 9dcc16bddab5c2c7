// The main thread's own time on a core and time spent waiting for one, from Linux's schedstat:
// on a machine others share, a stall of the event loop is the work that held it plus the time the
// thread was ready but not running, and only the first is this process's doing.
import { closeSync, openSync, readSync } from 'node:fs';

export interface ThreadClock {
  /** Nanoseconds on a core, and waiting for one, since the thread started. */
  read(): { runNs: number; waitNs: number };
  close(): void;
}

/** The main thread's clock, or undefined where /proc does not say (not Linux). */
export function mainThreadClock(): ThreadClock | undefined {
  let fd: number;
  try {
    fd = openSync(`/proc/self/task/${process.pid}/schedstat`, 'r');
  } catch {
    return undefined;
  }
  const buffer = Buffer.alloc(128);
  return {
    read() {
      // Opened once and read from the start each time: about 8 µs, cheap enough for a 1 ms timer.
      const length = readSync(fd, buffer, 0, buffer.length, 0);
      const [run, wait] = buffer.toString('latin1', 0, length).split(' ');
      return { runNs: Number(run), waitNs: Number(wait) };
    },
    close() {
      closeSync(fd);
    },
  };
}
