// `npm run bench -- cli`: what a person waits for at the command line, on the embedded default
// (PGlite, the demo catalog), each command a fresh `node bin/callboard.js` process: --help, a sync
// of an empty folder into a fresh data folder, a first `start` until /healthz answers (and its
// memory then), `ask` forwarded to that running start, and `ask` on its own afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrationsFolder } from '../src/store/database.js';

const ROOT = join(migrationsFolder(), '..');
const BIN = join(ROOT, 'bin', 'callboard.js');
const PORT = Number(process.env.BENCH_PORT ?? 3107);

/** The embedded default: nothing of the caller's Slack, GitHub or Postgres settings. */
function embeddedEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|GITHUB_|DATABASE_URL|CATALOG_DIRS|CALLBOARD_|PORT$)/.test(key)) env[key] = value;
  }
  return { ...env, CALLBOARD_DATA_DIR: dataDir, PORT: String(PORT), LOG_LEVEL: 'info' };
}

/** Runs the CLI to its end; resolves to the wall time in ms (and fails on a non-zero exit). */
function timed(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - start)
        : reject(new Error(`callboard ${args.join(' ')} exited ${code}: ${stderr.slice(-400)}`)),
    );
  });
}

async function untilHealthy(child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode} before /healthz answered`);
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/healthz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'callboard-bench-cli-'));
  try {
    const help: number[] = [];
    for (let i = 0; i < 3; i++) help.push(await timed(['--help'], embeddedEnv(join(work, 'unused'))));
    console.log(`callboard --help: ${seconds(Math.min(...help))} best of 3 (goal <= 0.5 s)`);

    const empty = join(work, 'empty-folder');
    await import('node:fs/promises').then((fs) => fs.mkdir(empty));
    const sync = await timed(['sync', empty], embeddedEnv(join(work, 'sync-data')));
    console.log(
      `callboard sync of an empty folder, fresh PGlite data folder: ${seconds(sync)} ` +
        '(goal <= 2 s; a fresh folder is loaded from the migrated template made at install)',
    );

    const dataDir = join(work, 'start-data');
    const startedAt = performance.now();
    const start = spawn(process.execPath, [BIN, 'start'], { cwd: ROOT, env: embeddedEnv(dataDir), stdio: 'ignore' });
    try {
      await untilHealthy(start);
      const healthy = performance.now() - startedAt;
      console.log(`first start -> /healthz, fresh data folder, demo catalog: ${seconds(healthy)} (goal <= 10 s)`);
      console.log(`  start's RSS then: ${(await residentMegabytes(start.pid!)).toFixed(0)} MB (goal <= 250 MB)`);
      const forwarded: number[] = [];
      for (let i = 0; i < 3; i++) forwarded.push(await timed(['ask', '/service payments'], embeddedEnv(dataDir)));
      console.log(
        `callboard ask forwarded to the running start: ${seconds(Math.min(...forwarded))} best of 3 ` +
          '(goal <= 0.8 s)',
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
