// `callboard sync ./dir` keeps a folder's entities for good: `callboard locations` lists what the
// catalog reads and `callboard forget <location>` takes one away. And `ask` without DATABASE_URL
// says it reads the embedded folder, not a Postgres catalog a `start` elsewhere may be serving.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: gizmo-tracker
  description: Tracks gizmos.
spec:
  type: service
  lifecycle: production
  owner: user:default/gizmo-keeper
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: gizmo-keeper
spec:
  memberOf: []
`;

async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'callboard', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out, err };
}

describe('callboard locations and forget', () => {
  let dataDir: string;
  let folder: string;
  let empty: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'callboard-locations-'));
    folder = mkdtempSync(join(tmpdir(), 'callboard-extra-'));
    empty = mkdtempSync(join(tmpdir(), 'callboard-configured-'));
    writeFileSync(join(folder, 'catalog-info.yaml'), COMPONENT);
    env = { CALLBOARD_DATA_DIR: dataDir, CATALOG_DIRS: empty };
  });
  afterEach(() => {
    for (const dir of [dataDir, folder, empty]) rmSync(dir, { recursive: true, force: true });
  });

  it('lists a synced folder, forgets it by path, and the catalog no longer answers with it', async () => {
    expect((await cli(env, 'sync', folder)).code).toBe(0);
    const listed = await cli(env, 'locations');
    expect(listed.code).toBe(0);
    expect(listed.out.find((l) => l.startsWith(`dir:${folder} `))).toMatch(
      new RegExp(`^dir:${folder}  2 entities, read \\d{4}-\\d\\d-\\d\\dT`),
    );
    expect(listed.out.at(-1)).toBe('`callboard forget <location>` removes one and everything read from it.');
    expect((await cli(env, 'ask', '/service gizmo-tracker')).out.join('\n')).toMatch(/^gizmo-tracker\n/);

    // A folder as typed, relative to where the command runs.
    const forgot = await cli(env, 'forget', relative(process.cwd(), folder));
    expect(forgot).toEqual({ code: 0, out: [`forgot dir:${folder}: 2 entities removed`], err: [] });
    expect((await cli(env, 'locations')).out.some((l) => l.startsWith(`dir:${folder}`))).toBe(false);
    expect((await cli(env, 'ask', '/service gizmo-tracker')).out.join('\n')).toContain(
      'No entry matches “gizmo-tracker”',
    );

    const again = await cli(env, 'forget', `dir:${folder}`);
    expect(again.code).toBe(1);
    expect(again.err).toEqual([
      `callboard forget: the catalog reads no location dir:${folder}; \`callboard locations\` lists them`,
    ]);
  });

  it('forgetting one of CATALOG_DIRS says the next sync reads it again', async () => {
    writeFileSync(join(empty, 'catalog-info.yaml'), COMPONENT);
    expect((await cli(env, 'sync')).code).toBe(0);
    const forgot = await cli(env, 'forget', `dir:${empty}`);
    expect(forgot.out).toEqual([
      `forgot dir:${empty}: 2 entities removed`,
      'It is one of CATALOG_DIRS, so the next `start` or `sync` reads it again; take it out of CATALOG_DIRS to keep it away.',
    ]);
  });

  it('`ask` without DATABASE_URL says it reads the embedded folder, and when it was last synced', async () => {
    expect((await cli(env, 'sync', folder)).code).toBe(0);
    const asked = await cli(env, 'ask', '/service gizmo-tracker');
    expect(asked.out.join('\n')).toMatch(/^gizmo-tracker\n/);
    expect(asked.err).toHaveLength(1);
    expect(asked.err[0]).toMatch(
      new RegExp(
        `^\\(answered from the embedded database in ${dataDir}, last synced \\d{4}-\\d\\d-\\d\\dT[\\d:]+Z; DATABASE_URL is not set, so a \`callboard start\` running on Postgres is not what this reads\\)$`,
      ),
    );
  });
});

describe('which catalog `ask` reads, on Postgres', () => {
  it('names host, port and database, never the credentials', async () => {
    const { whichCatalog } = await import('../../src/cli/ask-standalone.js');
    const line = await whichCatalog(
      { databaseUrl: 'postgres://callboard:s3cret-pw@db.internal:5432/catalog' } as never,
      {} as never,
    );
    expect(line).toBe('(answered from Postgres at db.internal:5432/catalog)');
    expect(line).not.toContain('s3cret');
  });
});
