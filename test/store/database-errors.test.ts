// What an operator reads when the database cannot be opened: the cause in one line (a refused
// connection with its host and port, an unknown role or database, a PGlite folder that is not one
// or is damaged), never drizzle's "Failed query: ... params:", the SQL, or a password.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCallboard } from '../../src/cli/open-callboard.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { testBackends } from '../support/store.js';

const cleanups: Array<() => void> = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The one line `callboard start` prints when the database cannot be opened with this environment. */
async function openError(env: Record<string, string>): Promise<string> {
  const board = await openCallboard(loadConfig(env), silentLogger).catch((error: Error) => error);
  if (!(board instanceof Error)) {
    await board.close();
    throw new Error('the database opened');
  }
  expect(board.message).not.toMatch(/Failed query|params:|CREATE|secret-password/);
  expect(board.message.split('\n')).toHaveLength(1);
  return board.message;
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

describe('a database that cannot be opened', () => {
  it('names a refused connection with its host and port', async () => {
    const port = await closedPort();
    expect(await openError({ DATABASE_URL: `postgres://callboard:secret-password@127.0.0.1:${port}/callboard` })).toBe(
      `cannot open the database (DATABASE_URL): connection refused on 127.0.0.1:${port}`,
    );
  });

  if (testBackends().includes('postgres')) {
    const url = new URL(process.env.DATABASE_URL!);

    it('names a role that does not exist', async () => {
      const wrong = new URL(url);
      wrong.username = 'no_such_role_h9';
      wrong.password = 'secret-password';
      expect(await openError({ DATABASE_URL: wrong.href })).toBe(
        'cannot open the database (DATABASE_URL): role "no_such_role_h9" does not exist',
      );
    });

    it('names a database that does not exist', async () => {
      const wrong = new URL(url);
      wrong.pathname = '/no_such_database_h9';
      expect(await openError({ DATABASE_URL: wrong.href })).toBe(
        'cannot open the database (DATABASE_URL): database "no_such_database_h9" does not exist',
      );
    });
  }

  it('names a PGlite folder that is a file', async () => {
    const base = mkdtempSync(join(tmpdir(), 'callboard-dberr-'));
    cleanups.push(() => rmSync(base, { recursive: true, force: true }));
    const file = join(base, 'data');
    writeFileSync(file, 'not a folder');
    expect(await openError({ CALLBOARD_DATA_DIR: file })).toBe(
      `cannot open the database (${file}): ${file} is not a folder`,
    );
  });

  it('names a PGlite folder that is damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'callboard-dberr-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'PG_VERSION'), 'not a version\n');
    expect(await openError({ CALLBOARD_DATA_DIR: dir })).toBe(
      `cannot open the database (${dir}): the PGlite folder is damaged, or is not a PGlite folder ` +
        '(PGlite failed to initialize properly)',
    );
  });
});
