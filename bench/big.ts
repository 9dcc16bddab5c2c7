// Issue 26's `big` case: 160k generated entities synced into Postgres from one folder, and the
// same entities from 8 folders, each sync in a process of its own. Prints wall time, peak RSS
// and the event loop's longest stall with the step it fell in (the sync runs as it does in a
// serving process), and where the wall time went. BIG_ENTITIES sets another size (develop on 20k-40k
// runs); BIG_FOLDERS=one or eight runs only that case.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateOrganisation, writeOrganisation } from './generate-org.js';
import { stallText } from './event-loop-stall.js';
import { dropSchema, scratchSchemaName } from './scratch-schema.js';
import { namedStallText, type PhasedStall, phaseTimesText } from './phase-stalls.js';

const SIZE = Number(process.env.BIG_ENTITIES ?? 160_000);
const FOLDERS = 8;
/** Documents per generated file: few large files, as an HR export or a monorepo's catalog. */
const PER_FILE = 2000;
const GOALS = 'goal: <= 90 s, peak RSS <= 900 MB, no stall over 50 ms';

interface Outcome {
  seconds: number;
  /** The sync process's CPU time (its own threads, garbage collection's included). */
  cpuSeconds: number;
  peakRssMb: number;
  stall: PhasedStall;
  summary: { added: number; problems: number; filesParsed: number };
}

export async function run(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('big: skipped (set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test)');
    return;
  }
  const root = mkdtempSync(join(tmpdir(), 'callboard-big-'));
  try {
    const entities = generateOrganisation(SIZE);
    const one = join(root, 'one');
    await writeOrganisation(one, entities, PER_FILE);
    const eight = Array.from({ length: FOLDERS }, (_, i) => join(root, `part-${i}`));
    const share = Math.ceil(entities.length / FOLDERS);
    for (const [i, dir] of eight.entries())
      await writeOrganisation(dir, entities.slice(i * share, (i + 1) * share), PER_FILE);
    console.log(`${entities.length.toLocaleString('en')} entities, Postgres, each sync in its own process (${GOALS}):`);
    const which = process.env.BIG_FOLDERS ?? 'both';
    if (which !== 'eight') report('one folder', await syncInChild(url, [one]));
    if (which !== 'one') report(`${FOLDERS} folders`, await syncInChild(url, eight));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function report(label: string, outcome: Outcome): void {
  const { seconds, cpuSeconds, peakRssMb, stall, summary } = outcome;
  const [worst] = stall.worst;
  console.log(
    `  ${label}: ${summary.added.toLocaleString('en')} entities in ${seconds.toFixed(1)} s ` +
      `(${cpuSeconds.toFixed(1)} s of CPU), peak RSS ${peakRssMb.toFixed(0)} MB, ` +
      `longest stall ${stallText(stall)}, in ${worst ? worst.phases.join(' → ') : 'no step'}; ` +
      `${summary.filesParsed} files, ${summary.problems} problems`,
  );
  console.log(`    time: ${phaseTimesText(stall.phases)}`);
  console.log(`    longest stalls: ${stall.worst.map(namedStallText).join('; ')}`);
  if (stall.longestOwn) console.log(`    longest run of the main thread: ${namedStallText(stall.longestOwn)}`);
}

async function syncInChild(url: string, dirs: string[]): Promise<Outcome> {
  const schema = scratchSchemaName('big');
  const script = fileURLToPath(new URL('./big-sync.js', import.meta.url));
  try {
    const child = spawn(process.execPath, [script, ...dirs], {
      env: { ...process.env, BENCH_SCHEMA: schema },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`the big sync's process exited with ${code}`);
    return JSON.parse(output.trim().split('\n').pop()!) as Outcome;
  } finally {
    await dropSchema(url, schema);
  }
}
