// The demo organisation that `npm start` serves with nothing configured: every document must be
// one Backstage itself would accept, every reference must lead somewhere, and every Location
// target must exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAll } from 'js-yaml';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { parseCatalogFile } from '../src/catalog/index.js';
import type { Entity } from '../src/catalog/types.js';
import { backstageRefusal, canonicalRef, referencedRefs } from './backstage-oracle.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../examples');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

const files = yamlFiles(EXAMPLES);
const documents = files.flatMap((file) =>
  (loadAll(readFileSync(file, 'utf8')) as Entity[]).map((entity) => ({ file: relative(EXAMPLES, file), entity })),
);
const entities = documents.map((d) => d.entity);
const refs = new Set(entities.map(canonicalRef));
const byRef = new Map(entities.map((e) => [canonicalRef(e), e]));

function matching(paths: string[], glob: string): string[] {
  const isMatch = picomatch(glob);
  return paths.filter((path) => isMatch(path));
}

describe('the demo organisation in examples/', () => {
  it("is accepted document by document by Backstage's own validators", async () => {
    const refusals: string[] = [];
    for (const { file, entity } of documents) {
      const refusal = await backstageRefusal(entity);
      if (refusal) refusals.push(`${file} ${canonicalRef(entity)}: ${refusal}`);
    }
    expect(refusals).toEqual([]);
  });

  it('is checked by validators that do refuse bad documents', async () => {
    const payments = byRef.get('component:default/payments')!;
    const template = entities.find((e) => e.kind === 'Template')!;
    expect(
      await backstageRefusal({ ...payments, metadata: { ...payments.metadata, tags: ['Payments'] } }),
    ).toBeTruthy();
    expect(await backstageRefusal({ ...payments, spec: { ...payments.spec, owner: undefined } })).toBeTruthy();
    expect(await backstageRefusal({ ...template, spec: { ...template.spec, steps: 'none' } })).toBeTruthy();
  });

  it('parses without a single problem in the catalog core', () => {
    const problems = files.flatMap(
      (file) =>
        parseCatalogFile(readFileSync(file, 'utf8'), { file: relative(EXAMPLES, file) }, { skipNonEntityFiles: true })
          .problems,
    );
    expect(problems).toEqual([]);
  });

  it('has every kind, at least 60 entities, and no ref twice', () => {
    expect(new Set(entities.map((e) => e.kind))).toEqual(
      new Set(['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template']),
    );
    expect(entities.length).toBeGreaterThanOrEqual(60);
    expect(refs.size).toBe(entities.length);
  });

  it('points only at entities it defines', () => {
    const dangling = entities.flatMap((e) =>
      referencedRefs(e)
        .filter((ref) => !refs.has(ref))
        .map((ref) => `${canonicalRef(e)} -> ${ref}`),
    );
    expect(dangling).toEqual([]);
  });

  it('keeps groups and their members consistent in both directions', () => {
    for (const group of entities.filter((e) => e.kind === 'Group')) {
      for (const child of (group.spec?.children as string[]) ?? [])
        expect(byRef.get(`group:default/${child}`)?.spec?.parent).toBe(group.metadata.name);
      for (const member of (group.spec?.members as string[]) ?? [])
        expect(byRef.get(`user:default/${member}`)?.spec?.memberOf).toContain(group.metadata.name);
    }
  });

  it('has Location targets that lead to files, globs included', () => {
    const allFiles = files.map((f) => relative(EXAMPLES, f));
    const locations = documents.filter((d) => d.entity.kind === 'Location');
    expect(locations.length).toBeGreaterThanOrEqual(2);
    const targets = locations.flatMap(({ file, entity }) =>
      (entity.spec!.targets as string[]).map((target) => ({ file, target })),
    );
    expect(targets.some(({ target }) => /[*?]/.test(target))).toBe(true);
    for (const { file, target } of targets) {
      const path = relative(EXAMPLES, resolve(EXAMPLES, dirname(file), target));
      const matches = /[*?]/.test(target) ? matching(allFiles, path) : existsSync(join(EXAMPLES, path)) ? [path] : [];
      expect(matches, `${file}: ${target}`).not.toEqual([]);
    }
    // Every file is reachable from the root Location, as Backstage would register it.
    const reached = new Set<string>(['catalog-info.yaml']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const { file, target } of targets) {
        if (!reached.has(file)) continue;
        const path = relative(EXAMPLES, resolve(EXAMPLES, dirname(file), target));
        for (const match of matching(allFiles, path))
          if (!reached.has(match)) {
            reached.add(match);
            grew = true;
          }
      }
    }
    expect([...reached].sort()).toEqual([...allFiles].sort());
  });

  it('gives people and teams the contact details chat answers need, all on example.com', () => {
    for (const user of entities.filter((e) => e.kind === 'User')) {
      const profile = user.spec?.profile as { displayName?: string; email?: string };
      expect(profile.displayName, user.metadata.name).toBeTruthy();
      expect(profile.email, user.metadata.name).toMatch(/@example\.com$/);
      expect((user.spec!.memberOf as string[]).length).toBeGreaterThan(0);
    }
    const teams = entities.filter((e) => e.kind === 'Group' && e.spec?.type === 'team');
    expect(teams.length).toBeGreaterThanOrEqual(5);
    for (const team of teams) {
      expect((team.spec!.profile as { email: string }).email).toMatch(/@example\.com$/);
      expect(team.metadata.annotations?.['slack.com/channel']).toMatch(/^#[a-z0-9-]+$/);
      expect(team.metadata.annotations?.['slack.com/channel-id']).toMatch(/^C[A-Z0-9]+$/);
      expect(team.spec?.parent).toBeTruthy();
      expect(
        entities.some((u) => u.kind === 'User' && (u.spec!.memberOf as string[]).includes(team.metadata.name)),
        team.metadata.name,
      ).toBe(true);
    }
    const annotations = entities.map((e) => e.metadata.annotations ?? {});
    expect(annotations.some((a) => a['pagerduty.com/service-id'] && a['pagerduty.com/integration-key'])).toBe(true);
    expect(annotations.some((a) => a['opsgenie.com/team'])).toBe(true);
  });

  it('describes the payments service fully', () => {
    const payments = byRef.get('component:default/payments')!;
    expect(payments.spec).toMatchObject({
      type: 'service',
      lifecycle: 'production',
      owner: 'payments-team',
      system: 'payments-platform',
    });
    expect(payments.spec?.providesApis).not.toHaveLength(0);
    expect(payments.spec?.consumesApis).not.toHaveLength(0);
    expect((payments.spec!.dependsOn as string[]).every((d) => d.startsWith('resource:'))).toBe(true);
    expect(payments.metadata.tags).not.toHaveLength(0);
    expect(payments.metadata.links).not.toHaveLength(0);
    expect(payments.metadata.annotations).toMatchObject({
      'backstage.io/techdocs-ref': 'dir:.',
      'backstage.io/source-location': expect.stringMatching(/^url:https:\/\/github\.com\/[a-z0-9-]+\/payments\/$/),
      'github.com/project-slug': expect.stringMatching(/\/payments$/),
    });
    const apiTypes = new Set(entities.filter((e) => e.kind === 'API').map((e) => e.spec?.type));
    expect([...apiTypes]).toEqual(expect.arrayContaining(['openapi', 'grpc', 'asyncapi']));
    for (const api of entities.filter((e) => e.kind === 'API')) expect(typeof api.spec?.definition).toBe('string');
  });

  it('has a TypeScript service template whose skeleton sits beside it', () => {
    const template = entities.find((e) => e.kind === 'Template')!;
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
    const steps = template.spec?.steps as Array<{ action: string; input: { url?: string } }>;
    expect(steps.map((s) => s.action)).toEqual(
      expect.arrayContaining(['fetch:template', 'publish:github', 'catalog:register']),
    );
    const templateFile = documents.find((d) => d.entity === template)!.file;
    const skeleton = steps.find((s) => s.action === 'fetch:template')!.input.url!;
    expect(existsSync(join(EXAMPLES, dirname(templateFile), skeleton, 'package.json'))).toBe(true);
  });
});
