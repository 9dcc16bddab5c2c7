// One writer for the embedded database: while `callboard start` holds the PGlite folder, the
// other commands (sync, ask, status, validate --catalog) run in it through the CLI's entry point;
// a folder held by any other live process is refused in one line, and nothing is lost or touched.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/cli/data-dir-lock.js';
import { main } from '../../src/cli/main.js';
import { startCallboard, type StartedCallboard } from '../../src/cli/start-command.js';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';

const MORE = fileURLToPath(new URL('../fixtures/one-writer/more', import.meta.url));

async function cli(dataDir: string, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    ['node', 'callboard', ...args],
    { out: (l) => out.push(l), err: (l) => err.push(l) },
    {
      CALLBOARD_DATA_DIR: dataDir,
      CATALOG_DIRS: defaultCatalogDir(),
      PORT: '0',
    },
  );
  return { code, out, err };
}

// Each test starts Callboard on a PGlite folder of its own, twice in the first: slow on two busy cores.
describe('a running start on PGlite is the only writer', { timeout: 180_000 }, () => {
  let dataDir: string;
  let started: StartedCallboard | undefined;
  const start = async () => {
    started = await startCallboard(
      loadConfig({ CALLBOARD_DATA_DIR: dataDir, CATALOG_DIRS: defaultCatalogDir(), PORT: '0' }),
      silentLogger,
    );
    return started;
  };
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-writer-'));
  });
  afterEach(async () => {
    await started?.stop();
    started = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('`callboard sync ./more` from another terminal: the server answers the new entity at once and after a restart', async () => {
    const server = await start();
    const synced = await cli(dataDir, 'sync', MORE);
    expect(synced.err).toEqual([]);
    expect(synced.out).toEqual(['synced 1 location: 1 added, 0 updated, 0 removed, 0 problems']);
    expect(synced.code).toBe(0);
    expect((await server.server.slack.ask('/service fresh search')).text).toMatch(/^Fresh Search\n/);

    const asked = await cli(dataDir, 'ask', '/service fresh search');
    expect(asked.out.join('\n')).toMatch(/^Fresh Search\n/);
    const status = await cli(dataDir, 'status');
    expect(status.out.join('\n')).toContain('Entities: 84');

    await server.stop();
    started = undefined;
    const restarted = await start();
    expect((await restarted.server.slack.ask('/service fresh search')).text).toMatch(/^Fresh Search\n/);
    expect((await cli(dataDir, 'ask', '/service fresh search')).out.join('\n')).toMatch(/^Fresh Search\n/);
  });

  it('a second start on the same folder is refused in one line, and the first keeps serving', async () => {
    const server = await start();
    const second = await cli(dataDir, 'start');
    expect(second.code).toBe(1);
    expect(second.err).toEqual([
      `callboard start: ${dataDir} is in use by \`callboard start\` (pid ${process.pid}): it serves on port ${server.server.port}; use that one, or stop it first`,
    ]);
    expect((await server.server.slack.ask('/service payments')).text).toMatch(/^Payments Service\n/);

    // The door takes only the token from the lock file, which only who can read the folder knows.
    const door = `http://127.0.0.1:${server.server.port}/callboard/command`;
    const ask = { command: 'ask', text: '/service payments' };
    const bare = await fetch(door, { method: 'POST', body: JSON.stringify(ask) });
    expect(bare.status).toBe(401);
    const wrong = await fetch(door, {
      method: 'POST',
      headers: { authorization: 'Bearer guessed' },
      body: JSON.stringify(ask),
    });
    expect(wrong.status).toBe(401);
    const { token } = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { token: string };
    const right = await fetch(door, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: JSON.stringify(ask),
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toMatch(/^\{"out":"Payments Service\\n[^\n]*\n\{"exit":0\}\n$/);
  });

  it('sync problems and unresolved references come back from the server, and the exit code says so', async () => {
    await start();
    const folder = mkdtempSync(join(tmpdir(), 'callboard-writer-bad-'));
    try {
      writeFileSync(
        join(folder, 'catalog-info.yaml'),
        readFileSync(join(MORE, 'catalog-info.yaml'), 'utf8').replace('platform-team', 'serch-team'),
      );
      const synced = await cli(dataDir, 'sync', folder);
      expect(synced.err).toEqual([
        `problem: ${folder}/catalog-info.yaml, spec.owner: spec.owner names group:default/serch-team, which is not in the catalog`,
      ]);
      expect(synced.code).toBe(1);
      const status = (await cli(dataDir, 'status')).out.join('\n');
      expect(status).toContain('Problems: 1');
      expect(status).toContain('(spec.owner): spec.owner names group:default/serch-team, which is not in the catalog');
      const checked = await cli(dataDir, 'validate', '--catalog', MORE, folder);
      expect(checked.out.at(-1)).toBe('checked 2 files, 1 entity: 1 error, 0 warnings');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a PGlite folder held by another process', () => {
  let dataDir: string;
  let other: ChildProcess;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-held-'));
    other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  });
  afterEach(() => {
    other.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  afterAll(() => {
    other?.kill();
  });

  const holdBy = (holder: object) => writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(holder));

  it('is refused by every command in one line, and its lock and files stay as they were', async () => {
    writeFileSync(join(dataDir, 'postmaster.pid'), '-42\n/pglite/data\n');
    holdBy({ pid: other.pid, command: 'sync' });
    const before = readdirSync(dataDir).sort();
    const busy = `is in use by \`callboard sync\` (pid ${other.pid}): the embedded database takes one process at a time; try again when it has finished`;
    for (const args of [
      ['sync', MORE],
      ['ask', '/service payments'],
      ['status'],
      ['start'],
      ['validate', '--catalog', MORE],
    ]) {
      const result = await cli(dataDir, ...args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.err, args.join(' ')).toEqual([`callboard ${args[0]}: ${dataDir} ${busy}`]);
    }
    expect(readdirSync(dataDir).sort()).toEqual(before);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toEqual({ pid: other.pid, command: 'sync' });
    expect(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8')).toBe('-42\n/pglite/data\n');
  });

  it('refuses when the holding server does not answer', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    holdBy({ pid: other.pid, command: 'start', port, token: 'not-used' });
    const result = await cli(dataDir, 'sync', MORE);
    expect(result.code).toBe(1);
    expect(result.err).toEqual([
      `callboard sync: \`callboard start\` (pid ${other.pid}) holds ${dataDir} but does not answer on port ${port}; wait for it, or stop it (kill ${other.pid}) and run this again`,
    ]);
  });

  it('takes over a lock whose process is gone, and leaves none behind', async () => {
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    holdBy({ pid: Number(gone.stdout.trim()), command: 'start', port: 1, token: 'stale' });
    const result = await cli(dataDir, 'sync', MORE);
    // Its owner is in no synced folder: one problem.
    expect(result.out).toEqual(['synced 1 location: 1 added, 0 updated, 0 removed, 1 problem']);
    expect(result.code).toBe(1);
    expect(readdirSync(dataDir)).not.toContain(LOCK_FILE);
  });
});
