// `kill -9` in the middle of a sync: at the next start, /callboard status says the run was
// interrupted instead of showing it running for ever.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import postgres from 'postgres';
import { afterEach, describe, expect, it } from 'vitest';
import { callboard } from '../../commands/callboard.js';
import { commands } from '../../commands/index.js';
import { openCallboard, type Callboard } from '../../src/cli/open-callboard.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { renderText } from '../../src/slack/index.js';
import { openDatabase } from '../../src/store/index.js';
import { syncRuns } from '../../src/store/schema.js';
import { testBackends, testStoresOn } from '../support/store.js';

/** Starts a child that opens the store and begins a sync run of `source`, and kills it with SIGKILL once it has. */
async function crashDuringRun(source: string, args: string[]): Promise<void> {
  const script = resolve('test/support/start-run-and-wait.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, source, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<NodeJS.Signals | null>((done) => child.once('exit', (_code, signal) => done(signal)));
  await new Promise<void>((started, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('running')) started();
    });
    child.once('exit', () => failed(new Error('the child ended before it started its run')));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function statusText(board: Pick<Callboard, 'portal'>): Promise<string> {
  const ctx = { portal: board.portal, userId: 'U0ME', commands, slackUserIds: async () => new Map() };
  return renderText(await callboard.handle('status', ctx));
}

let dataDir: string | undefined;
let board: Callboard | undefined;

afterEach(async () => {
  await board?.close();
  board = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

describe('a sync killed with SIGKILL', () => {
  it('is shown as interrupted at the next start (PGlite folder)', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-crash-'));
    await crashDuringRun('github', [dataDir]);
    board = await openCallboard(loadConfig({ CALLBOARD_DATA_DIR: dataDir }), silentLogger);
    const text = await statusText(board);
    expect(text).toMatch(/github interrupted, .*\nthe process running this sync stopped before it finished/);
    expect(text).not.toContain('running,');
  });

  if (testBackends().includes('postgres')) {
    it('is recorded as interrupted when the next run of its source starts (Postgres)', async () => {
      const url = process.env.DATABASE_URL!;
      const pgSchema = `t_${randomBytes(6).toString('hex')}`;
      const { catalog: store, db } = testStoresOn(await openDatabase({ url, pgSchema }));
      try {
        await crashDuringRun('github', [url, pgSchema]);
        const next = await store.startSyncRun('github');
        await store.finishSyncRun(next, { status: 'succeeded', stats: {} });
        const runs = await db
          .select({ id: syncRuns.id, status: syncRuns.status, error: syncRuns.error })
          .from(syncRuns)
          .orderBy(syncRuns.id);
        expect(runs).toEqual([
          { id: runs[0].id, status: 'interrupted', error: 'the process running this sync stopped before it finished' },
          { id: next, status: 'succeeded', error: null },
        ]);
      } finally {
        await store.close();
        const admin = postgres(url, { max: 1, onnotice: () => {} });
        await admin.unsafe(`DROP SCHEMA IF EXISTS "${pgSchema}" CASCADE`).finally(() => admin.end());
      }
    });
  }
});
