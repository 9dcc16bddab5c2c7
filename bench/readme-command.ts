// `npm run bench -- readme`: the README's CLI command as written, from a fresh clone: this
// repository's HEAD cloned into a temporary folder, `npm ci` (timed apart: it is the install, not
// the command), `start` run there, then the README's first `ask` line run through the shell as a
// person pastes it: the first call after the install, and later calls.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embeddedEnv, ROOT, timedProcess, untilAnswers } from './cli.js';

const PORT = Number(process.env.BENCH_README_PORT ?? 3108);

/** The README's first `ask` command line, exactly as its shell block shows it. */
export async function readmeAskLine(readmePath = join(ROOT, 'README.md')): Promise<string> {
  const readme = await readFile(readmePath, 'utf8');
  const line = readme.split('\n').find((l) => /^\S.* ask "\/service /.test(l));
  if (!line) throw new Error('the README shows no `ask "/service …"` command');
  return line.replace(/\s+#.*$/, '').trim();
}

/** Runs `line` through the shell in `cwd`; resolves to the wall time in ms (fails on a non-zero exit). */
function timedShell(line: string, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  return timedProcess('sh', ['-c', line], { cwd, env }, line);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function run(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'callboard-bench-readme-'));
  const clone = join(work, 'callboard');
  try {
    const cloned = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { encoding: 'utf8' });
    if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
    const installStarted = performance.now();
    const installed = spawnSync('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: clone,
      encoding: 'utf8',
      env: { ...process.env, npm_config_loglevel: 'error' },
    });
    if (installed.status !== 0) throw new Error(`npm ci failed: ${installed.stderr.slice(-800)}`);
    console.log(`fresh clone: npm ci (with its build) took ${seconds(performance.now() - installStarted)}`);

    const line = await readmeAskLine(join(clone, 'README.md'));
    const env = embeddedEnv(join(clone, '.callboard'), PORT);
    const start = spawn(process.execPath, ['bin/callboard.js', 'start'], { cwd: clone, env, stdio: 'ignore' });
    try {
      await untilAnswers(start, '/healthz', PORT);
      const first = await timedShell(line, clone, env);
      const later: number[] = [];
      for (let i = 0; i < 5; i++) later.push(await timedShell(line, clone, env));
      console.log(
        `the README's \`${line}\`, fresh clone, start running: first call after install ${seconds(first)} ` +
          `(goal <= 1.5 s), later median ${seconds(median(later))} of 5 (goal <= 0.8 s)`,
      );
    } finally {
      start.kill('SIGTERM');
      await new Promise((resolve) => start.once('exit', resolve));
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
