import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAll } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { generateOrganisation, writeOrganisation } from '../../bench/generate-org.js';
import type { Entity } from '../../src/catalog/types.js';
import { backstageRefusal, canonicalRef as refOf, referencedRefs } from '../backstage-oracle.js';

describe('generateOrganisation', () => {
  it('gives the same organisation for the same size and seed, and another for another seed', () => {
    const first = generateOrganisation(500, 7);
    expect(generateOrganisation(500, 7)).toEqual(first);
    expect(generateOrganisation(500, 8)).not.toEqual(first);
  });

  it('produces exactly the number asked for, across the kinds of an organisation, with unique refs', () => {
    const entities = generateOrganisation(2000);
    expect(entities).toHaveLength(2000);
    const kinds = new Set(entities.map((e) => e.kind));
    expect([...kinds].sort()).toEqual(['API', 'Component', 'Domain', 'Group', 'Resource', 'System', 'User']);
    expect(new Set(entities.map(refOf)).size).toBe(entities.length);
    for (const entity of entities) expect(entity.metadata.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('only points at entities it generated', () => {
    const entities = generateOrganisation(1000, 3);
    const known = new Set(entities.map(refOf));
    const targets = entities.flatMap(referencedRefs);
    expect(targets.length).toBeGreaterThan(1000);
    expect(targets.filter((t) => !known.has(t))).toEqual([]);
  });

  it('writes entities Backstage itself accepts', async () => {
    const refusals: string[] = [];
    for (const entity of generateOrganisation(400, 5)) {
      const refusal = await backstageRefusal(entity);
      if (refusal) refusals.push(`${refOf(entity)}: ${refusal}`);
    }
    expect(refusals).toEqual([]);
  });

  it('refuses sizes too small to hold an organisation', () => {
    expect(() => generateOrganisation(3)).toThrow(/at least/);
  });
});

describe('writeOrganisation', () => {
  it('writes every entity once, many to a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callboard-org-'));
    try {
      const entities = generateOrganisation(300);
      const files = await writeOrganisation(dir, entities, 40);
      expect(files.length).toBeLessThan(20);
      expect(files.every((f) => /catalog-info-\d{4}\.yaml$/.test(f))).toBe(true);
      const read = (await Promise.all(files.map(async (f) => loadAll(await readFile(join(dir, f), 'utf8'))))).flat();
      expect(read).toHaveLength(300);
      expect(new Set(read.map((e) => refOf(e as Entity)))).toEqual(new Set(entities.map(refOf)));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
