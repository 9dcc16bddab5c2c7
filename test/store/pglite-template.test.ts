// A fresh PGlite data folder starts from the migrated template made at install, not from initdb;
// a folder that already holds a database is never overwritten by it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratedPgliteSnapshot } from '../../src/store/database.js';
import { templateForFreshFolder } from '../../src/store/pglite-template.js';

describe('the PGlite template for fresh data folders', () => {
  let dir: string;
  let template: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-template-'));
    template = join(dir, 'template.tar.gz');
    writeFileSync(template, Buffer.from(await (await migratedPgliteSnapshot('gzip')).arrayBuffer()));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a fresh folder a database with every migration applied, and leaves an initialised one alone', async () => {
    const dataDir = join(dir, 'data');
    const loaded = templateForFreshFolder(dataDir, template);
    expect(loaded).toBeInstanceOf(Blob);
    const client = new PGlite({ dataDir, loadDataDir: loaded });
    const tables = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((row) => row.name)).toEqual(
      expect.arrayContaining(['entities', 'catalog_changes', 'sync_runs']),
    );
    await client.query('UPDATE catalog_state SET version = 7');
    await client.close();

    expect(templateForFreshFolder(dataDir, template)).toBeUndefined();
    const reopened = new PGlite({ dataDir });
    expect((await reopened.query<{ version: number }>('SELECT version FROM catalog_state')).rows).toEqual([
      { version: 7 },
    ]);
    await reopened.close();
  });

  it('is not used when there is none', () => {
    expect(templateForFreshFolder(join(dir, 'data'), join(dir, 'missing.tar.gz'))).toBeUndefined();
  });
});
