// Runs a TypeScript file of this repository as a child process (through tsx), collecting what it
// prints: for behaviour only a whole process shows (signals, failures nothing catches, exiting).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  process: ChildProcess;
  stdout(): string;
  /** pino's JSON lines from stderr, parsed (other lines are kept as { msg }). */
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line `match` accepts. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
}

export function runChild(file: string, args: string[], env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
  const logs = () =>
    err
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, unknown>;
        } catch {
          return { msg: line };
        }
      });
  return {
    process: child,
    stdout: () => out,
    logs,
    exited,
    async waitForLog(match, what, timeoutMs = 150_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const line = logs().find(match);
        if (line) return line;
        if (child.exitCode !== null || Date.now() > deadline) {
          throw new Error(`gave up waiting for ${what}; the child printed:\n${err}${out}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
