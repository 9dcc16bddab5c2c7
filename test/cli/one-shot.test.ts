// One-shot commands as a person runs them, each a process of its own on a fresh PGlite folder:
// what they print is their answer, and nothing else: no log line, no stack trace from work still
// in flight when the store closed (a search index refresh, a recovery of /create requests).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCatalogDir } from '../../src/config.js';
import { runChild } from './child.js';

const MORE = fileURLToPath(new URL('../fixtures/one-writer/more', import.meta.url));

describe('one-shot commands on a fresh PGlite folder', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-one-shot-'));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<{ code: number | string; out: string; err: string }> {
    const child = runChild('test/cli/fixtures/run-cli.ts', args, {
      CALLBOARD_DATA_DIR: dataDir,
      CATALOG_DIRS: defaultCatalogDir(),
    });
    const code = await child.exited;
    const err = child
      .logs()
      .map((line) => (typeof line.msg === 'string' && Object.keys(line).length === 1 ? line.msg : JSON.stringify(line)))
      .join('\n');
    return { code, out: child.stdout(), err };
  }

  it('print their answer alone: sync, then status', { timeout: 180_000 }, async () => {
    const synced = await run('sync', defaultCatalogDir(), MORE);
    expect(synced.err).toBe('');
    expect(synced.out).toMatch(/^synced 2 locations: \d+ added, 0 updated, 0 removed, 0 problems\n$/);
    expect(synced.code).toBe(0);

    const status = await run('status');
    // Without DATABASE_URL it names, in one line, the embedded database it read (issue 19.6).
    expect(status.err).toMatch(/^\(answered from the embedded database in [^\n]+\)$/);
    expect(status.out).toContain('Catalog status');
    expect(status.code).toBe(0);
  });
});
