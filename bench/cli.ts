// `npm run bench -- cli`: what a person waits for at the command line, on the embedded default
// (PGlite, the demo catalog), each command a fresh `node bin/callboard.js` process: --help, a sync
// of an empty folder into a fresh data folder, a first `start` until /healthz answers (and its
// memory then), `ask` forwarded to that running start, and `ask` on its own afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from '../src/store/database.js';

export const ROOT = join(migrationsFolder(), '..');
export const BIN = join(ROOT, 'bin', 'callboard.js');
const PORT = Number(process.env.BENCH_PORT ?? 3107);

/** The embedded default: nothing of the caller's Slack, GitHub or Postgres settings. */
export function embeddedEnv(dataDir: string, port = PORT): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|GITHUB_|DATABASE_URL|CATALOG_DIRS|CALLBOARD_|PORT$)/.test(key)) env[key] = value;
  }
  return { ...env, CALLBOARD_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' };
}

/** Runs the CLI to its end; resolves to the wall time in ms (and fails on a non-zero exit). */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return timedProcess(process.execPath, [BIN, ...args], { cwd: ROOT, env }, `callboard ${args.join(' ')}`);
}

/**
 * Runs `command` to its end; resolves to the wall time in ms. A non-zero exit fails, with `what`
 * and the end of its stderr.
 */
export function timedProcess(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
  what: string,
): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - start)
        : reject(new Error(`${what} exited ${code}: ${stderr.slice(-400)}`)),
    );
  });
}

/** Waits until the child `start` answers `path` (e.g. /healthz) with 2xx; fails if it exits first. */
export async function untilAnswers(child: ChildProcess, path: string, port = PORT): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode} before ${path} answered`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The process's resident memory now and at its peak (Linux's VmRSS and VmHWM), in MB. */
export async function residentMegabytes(pid: number): Promise<{ now: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { now: field('VmRSS'), peak: field('VmHWM') };
}

/**
 * The resident memory once the process has been idle for 30 s: V8 gives back the young generation
 * and the heap it grew while starting only after several quiet seconds (its memory reducer), so a
 * reading taken at once shows the start, not what a running Callboard holds.
 */
export async function idleMegabytes(pid: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  return (await residentMegabytes(pid)).now;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'callboard-bench-cli-'));
  try {
    const help: number[] = [];
    for (let i = 0; i < 3; i++) help.push(await timed(['--help'], embeddedEnv(join(work, 'unused'))));
    console.log(`callboard --help: ${seconds(Math.min(...help))} best of 3 (goal <= 0.5 s)`);

    const empty = join(work, 'empty-folder');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty));
    const syncs: number[] = [];
    for (let i = 0; i < 3; i++) syncs.push(await timed(['sync', empty], embeddedEnv(join(work, `sync-data-${i}`))));
    console.log(
      `callboard sync of an empty folder, fresh PGlite data folder: median ${seconds(median(syncs))}, ` +
        `max ${seconds(Math.max(...syncs))} of 3 (goal <= 2 s; a fresh folder is a copy of the template made at install)`,
    );

    const dataDir = join(work, 'start-data');
    const startedAt = performance.now();
    const start = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: embeddedEnv(dataDir), stdio: 'ignore' });
    try {
      await untilAnswers(start, '/healthz');
      const healthy = performance.now() - startedAt;
      console.log(`first start -> /healthz, fresh data folder, demo catalog: ${seconds(healthy)} (goal <= 10 s)`);
      const atHealthz = await residentMegabytes(start.pid!);
      const forwarded: number[] = [];
      for (let i = 0; i < 3; i++) forwarded.push(await timed(['ask', '/service payments'], embeddedEnv(dataDir)));
      console.log(
        `callboard ask forwarded to the running start: ${seconds(Math.min(...forwarded))} best of 3 ` +
          '(goal <= 0.8 s)',
      );
      const settled = await idleMegabytes(start.pid!);
      const { peak } = await residentMegabytes(start.pid!);
      console.log(
        `start's RSS, demo catalog: ${settled.toFixed(0)} MB after 30 s idle (goal <= 250 MB); ` +
          `${atHealthz.now.toFixed(0)} MB when /healthz first answered; peak ${peak.toFixed(0)} MB`,
      );
    } finally {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
    const standalone: number[] = [];
    for (let i = 0; i < 2; i++) standalone.push(await timed(['ask', '/service payments'], embeddedEnv(dataDir)));
    console.log(
      `callboard ask on its own, existing data folder, demo catalog: ${seconds(Math.min(...standalone))} ` +
        'best of 2 (goal <= 2.5 s)',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
