// A fresh PGlite data folder starts from the migrated template made at install, not from initdb;
// a folder that already holds a database is never overwritten by it, and a copy cut short is redone.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedFreshDataDir, writePgliteTemplate } from '../../src/store/pglite-template.js';

describe('the PGlite template for fresh data folders', () => {
  let dir: string;
  let template: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-template-'));
    // Made as `npm run build` makes it.
    template = join(dir, 'template');
    await writePgliteTemplate(template);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function publicTables(dataDir: string): Promise<string[]> {
    const client = new PGlite({ dataDir });
    try {
      const tables = await client.query<{ name: string }>(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      );
      return tables.rows.map((row) => row.name);
    } finally {
      await client.close();
    }
  }

  it('gives a fresh folder a database with every migration applied, keeping what the folder held', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'callboard.lock'), '123 token');
    expect(seedFreshDataDir(dataDir, template)).toBe(true);
    expect(existsSync(join(dataDir, 'callboard.lock'))).toBe(true);
    expect(await publicTables(dataDir)).toEqual(expect.arrayContaining(['entities', 'catalog_changes', 'sync_runs']));
  });

  it('leaves a folder that holds a database alone', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    seedFreshDataDir(dataDir, template);
    const client = new PGlite({ dataDir });
    await client.query('UPDATE catalog_state SET version = 7');
    await client.close();

    expect(seedFreshDataDir(dataDir, template)).toBe(false);
    const reopened = new PGlite({ dataDir });
    expect((await reopened.query<{ version: number }>('SELECT version FROM catalog_state')).rows).toEqual([
      { version: 7 },
    ]);
    await reopened.close();
  });

  it('copies again over a copy that was cut short before its PG_VERSION was written', async () => {
    const dataDir = join(dir, 'data');
    mkdirSync(join(dataDir, 'base'), { recursive: true });
    writeFileSync(join(dataDir, 'base', 'half-written'), 'x');
    expect(seedFreshDataDir(dataDir, template)).toBe(true);
    expect(await publicTables(dataDir)).toEqual(expect.arrayContaining(['entities']));
  });

  it('is not used when there is none', () => {
    expect(seedFreshDataDir(join(dir, 'data'), join(dir, 'missing'))).toBe(false);
  });
});
