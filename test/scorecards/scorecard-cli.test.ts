// The CLI's scorecard commands through its entry point: `callboard scorecards validate` (no
// database: file:line field: reason and exit 1), and `callboard scorecard` printing what Slack shows.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';

async function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['node', 'callboard', ...args], { out: (l) => out.push(l), err: (l) => err.push(l) }, env);
  return { code, out, err };
}

describe('callboard scorecards validate', () => {
  it('names a fix template that is not in TEMPLATE_DIRS at its file, line and field, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-fix-'));
    writeFileSync(
      join(dir, 'docs.yaml'),
      [
        'name: docs',
        'levels: [Documented]',
        'checks:',
        '  - id: readme',
        '    title: Has a README',
        '    level: Documented',
        '    rule: { all: [{ fact: hasReadme, operator: equal, value: true }] }',
        '    fix: { template: add-readme }',
        '  - id: licence',
        '    title: Has a licence',
        '    level: Documented',
        "    rule: { all: [{ fact: licence, operator: notEqual, value: '' }] }",
        '    fix: { template: add-licence }',
        '',
      ].join('\n'),
    );
    const templates = mkdtempSync(join(tmpdir(), 'scorecards-templates-'));
    cpSync(join(defaultTemplateDir(), 'add-readme'), join(templates, 'add-readme'), { recursive: true });
    const { code, out } = await run(['scorecards', 'validate', dir], { TEMPLATE_DIRS: templates });
    const file = join(dir, 'docs.yaml').replace(`${process.cwd()}/`, '');
    expect(out).toEqual([
      `${file}:13 checks[1].fix.template: names the template 'add-licence', which is not in TEMPLATE_DIRS (${templates}): the check scores without a Fix it button`,
      '1 scorecard with 2 checks read: 1 problem',
    ]);
    expect(code).toBe(1);
  });

  it('passes the shipped scorecards (SCORECARD_DIRS by default), touching no database', async () => {
    const { code, out } = await run(['scorecards', 'validate'], { CALLBOARD_DATA_DIR: '/nonexistent/never-created' });
    expect(out).toEqual(['1 scorecard with 15 checks read: 0 problems']);
    expect(code).toBe(0);
  });

  it('names file, line and field of each problem, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-cli-'));
    writeFileSync(
      join(dir, 'team.yaml'),
      [
        'name: team-basics',
        'levels: [Bronze]',
        'checks:',
        '  - id: owner',
        '    title: Owned',
        '    level: Silver',
        '    rule:',
        '      any:',
        '        - { fact: hasGroupOwner, operator: equal, value: true }',
        '        - { fact: ownerIsCool, operator: equal, value: true }',
        '        - { fact: hasTags, operator: isTrue, value: true }',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'yaml.yaml'), 'name: x\nlevels: [A\n');
    const { code, out } = await run(['scorecards', 'validate', dir]);
    const file = join(dir, 'team.yaml').replace(`${process.cwd()}/`, '');
    expect(out.slice(0, 3)).toEqual([
      `${file}:6 checks[0].level: no level 'Silver' (levels: Bronze)`,
      `${file}:10 checks[0].rule.any[1].fact: unknown fact 'ownerIsCool' (see docs/scorecards.md for the facts)`,
      expect.stringMatching(
        new RegExp(
          `^${file.replace(/[.]/g, '\\.')}:11 checks\\[0\\]\\.rule\\.any\\[2\\]\\.operator: unknown operator 'isTrue'`,
        ),
      ),
    ]);
    expect(out[3]).toMatch(/yaml\.yaml:\d+: YAML error: /);
    expect(out[4]).toBe('0 scorecards with 0 checks read: 4 problems');
    expect(code).toBe(1);
  });
});

describe('callboard scorecard', () => {
  // A fresh PGlite folder, the demo catalog read and scored: slow on a busy machine.
  it('prints what /scorecard shows, scoring the demo catalog first', { timeout: 240_000 }, async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'scorecard-cli-')), 'data');
    const { code, out } = await run(['scorecard', 'merchant-app'], {
      CALLBOARD_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
    });
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Production readiness: Bronze · 2 checks to Silver');
    expect(text).toContain('Has an on-call rota · Silver');
  });
});
