// Scorecard files as their authors write them: the shipped "Production readiness", a Backstage
// Tech Insights check pasted unchanged, and every kind of mistake refused with file, line and field.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultCatalogDir, loadConfig } from '../../src/config.js';
import { FACTS } from '../../src/scorecards/facts.js';
import { loadScorecards } from '../../src/scorecards/load-scorecards.js';
import { readScorecard } from '../../src/scorecards/read-scorecard.js';
import { problemLine } from '../../src/scorecards/types.js';

const GOOD = `name: basics
title: Basics
levels: [Bronze, Silver]
checks:
  - id: owned
    title: Owned by a team
    level: Bronze
    rule:
      all:
        - { fact: hasGroupOwner, operator: equal, value: true }
`;

function problems(text: string): string[] {
  const read = readScorecard('scorecards/x.yaml', text);
  return read.problems.map(problemLine);
}

describe('scorecard files', () => {
  it('ships Production readiness in scorecards/, the default SCORECARD_DIRS', () => {
    const config = loadConfig({});
    expect(config.scorecardDirs).toEqual([join(defaultCatalogDir(), '../scorecards')]);
    const { scorecards, problems: found } = loadScorecards(config.scorecardDirs);
    expect(found).toEqual([]);
    expect(scorecards.map((s) => [s.name, s.title, s.levels])).toEqual([
      ['production-readiness', 'Production readiness', ['Bronze', 'Silver', 'Gold']],
    ]);
    expect(scorecards[0].filter).toEqual({ kind: 'component', 'spec.lifecycle': 'production' });
    // Where the file names it, for a problem if the template is not in TEMPLATE_DIRS.
    expect(scorecards[0].checks.find((c) => c.id === 'codeowners')?.fix).toEqual({
      template: 'add-codeowners',
      at: { line: 114, field: 'checks[11].fix.template' },
    });
  });

  it('reads a well-formed scorecard', () => {
    const read = readScorecard('x.yaml', GOOD);
    expect(read.problems).toEqual([]);
    expect(read.scorecard?.checks[0]).toMatchObject({ id: 'owned', level: 'Bronze', facts: ['hasGroupOwner'] });
  });

  it('refuses an unknown fact with file, line and field', () => {
    expect(problems(GOOD.replace('fact: hasGroupOwner', 'fact: hasGroupOwnr'))).toEqual([
      "scorecards/x.yaml:10 checks[0].rule.all[0].fact: unknown fact 'hasGroupOwnr' (see docs/scorecards.md for the facts)",
    ]);
  });

  it('refuses an operator json-rules-engine does not have', () => {
    expect(problems(GOOD.replace('operator: equal', 'operator: equals'))[0]).toMatch(
      /^scorecards\/x\.yaml:10 checks\[0\]\.rule\.all\[0\]\.operator: unknown operator 'equals'/,
    );
  });

  it("refuses a level the scorecard does not have, naming the check's line", () => {
    expect(problems(GOOD.replace('level: Bronze', 'level: Platinum'))).toEqual([
      "scorecards/x.yaml:7 checks[0].level: no level 'Platinum' (levels: Bronze, Silver)",
    ]);
  });

  it('refuses a YAML error with its line', () => {
    expect(problems(GOOD.replace('    title: Owned by a team', '    title: [Owned'))).toEqual([
      'scorecards/x.yaml:7: YAML error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('keeps the good scorecards when one file is broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorecards-'));
    writeFileSync(join(dir, 'a-good.yaml'), GOOD);
    writeFileSync(
      join(dir, 'b-bad.yaml'),
      `${GOOD.replace('name: basics', 'name: other')}        - { fact: nope, operator: equal, value: 1 }\n`,
    );
    const loaded = loadScorecards([dir], dir);
    expect(loaded.scorecards.map((s) => s.name)).toEqual(['basics']);
    expect(loaded.problems.map(problemLine)).toEqual([
      "b-bad.yaml:11 checks[0].rule.all[1].fact: unknown fact 'nope' (see docs/scorecards.md for the facts)",
    ]);
  });

  it('reads a Backstage Tech Insights check pasted unchanged from app-config.yaml', () => {
    // As Backstage's jsonfc module README shows it.
    const pasted = `techInsights:
  factChecker:
    checks:
      groupOwnerCheck:
        type: json-rules-engine
        name: Group Owner Check
        description: Verifies that a group has been set as the spec.owner for this entity
        factIds:
          - entityOwnershipFactRetriever
        rule:
          conditions:
            all:
              - fact: hasGroupOwner
                operator: equal
                value: true
`;
    const read = readScorecard('tech-insights.yaml', pasted);
    expect(read.problems).toEqual([]);
    expect(read.scorecard).toMatchObject({
      name: 'tech-insights',
      levels: ['Passing'],
      checks: [
        {
          id: 'groupOwnerCheck',
          title: 'Group Owner Check',
          level: 'Passing',
          solution: 'Verifies that a group has been set as the spec.owner for this entity',
          facts: ['hasGroupOwner'],
        },
      ],
    });
  });

  it('refuses a Tech Insights check naming a fact retriever Callboard does not have', () => {
    const pasted = `- id: x
  type: json-rules-engine
  name: X
  description: d
  factIds: [githubFactRetriever]
  rule: { conditions: { all: [{ fact: hasTitle, operator: equal, value: true }] } }
`;
    expect(readScorecard('ti.yaml', pasted).problems.map(problemLine)).toEqual([
      "ti.yaml:5 [0].factIds[0]: unknown fact retriever 'githubFactRetriever' (Callboard provides entityOwnershipFactRetriever, entityMetadataFactRetriever, techdocsFactRetriever)",
    ]);
  });

  it('documents every fact in docs/scorecards.md, with its source', () => {
    const docs = readFileSync(new URL('../../docs/scorecards.md', import.meta.url), 'utf8');
    const names = { catalog: 'catalog', github: 'GitHub', oncall: 'on-call' };
    for (const fact of FACTS) expect(docs).toContain(`| \`${fact.name}\` | ${fact.type} | ${names[fact.source]} |`);
  });
});
