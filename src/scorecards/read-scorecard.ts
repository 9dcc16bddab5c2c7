// Reads one scorecard file's text into a Scorecard, or into problems that each name the file,
// the line and the field (`scorecards/prod.yaml:14 checks[2].level: no level 'Platinum'`). A
// file with any problem is refused whole: half a scorecard would score entities wrongly.
// Besides Callboard's own format it reads Backstage Tech Insights checks pasted unchanged: an
// app-config `techInsights.factChecker.checks` mapping, or a list of checks with their ids.
import { basename, extname } from 'node:path';
import { isMap, LineCounter, parseDocument, type Document } from 'yaml';
import type { TopLevelCondition } from 'json-rules-engine';
import type { CatalogFilter, CatalogFilterClause } from './catalog-filter.js';
import { BACKSTAGE_RETRIEVERS } from './facts.js';
import { checkConditions, fieldName, type FieldPath } from './rule-conditions.js';
import type { Scorecard, ScorecardCheck, ScorecardProblem } from './types.js';

const NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
const CHECK_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** The one level of a scorecard made from Tech Insights checks, which have none. */
const TECH_INSIGHTS_LEVEL = 'Passing';

type ReadResult = { scorecard: Scorecard; problems: [] } | { scorecard?: undefined; problems: ScorecardProblem[] };

export function readScorecard(file: string, text: string): ReadResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    // The first error only: the parser's later ones follow from it.
    const [error] = doc.errors;
    return {
      problems: [
        {
          file,
          line: error.linePos?.[0].line ?? lines.linePos(error.pos[0]).line,
          message: `YAML error: ${error.message.split('\n')[0]}`,
        },
      ],
    };
  }
  const problems: ScorecardProblem[] = [];
  const report: Report = Object.assign(
    (path: FieldPath, message: string) => {
      problems.push({
        file,
        line: lineOf(doc, lines, path),
        field: path.length ? fieldName(path) : undefined,
        message,
      });
    },
    { locate: (path: FieldPath) => ({ line: lineOf(doc, lines, path), field: fieldName(path) }) },
  );
  const root = doc.toJS() as unknown;
  const scorecard = toScorecard(file, root, report);
  if (problems.length || !scorecard) {
    if (!problems.length) report([], 'is empty: a scorecard has name, levels and checks');
    return { problems };
  }
  return { scorecard, problems: [] };
}

/** Tells a problem at a field; `locate` gives a field's line and name, for checks made after reading (fix templates). */
type Report = ((path: FieldPath, message: string) => void) & {
  locate(path: FieldPath): { line?: number; field: string };
};

function toScorecard(file: string, root: unknown, report: Report): Scorecard | undefined {
  const techInsights = techInsightsChecks(root);
  if (techInsights) {
    const name = basename(file, extname(file))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .slice(0, 63);
    const checks = techInsights.entries.flatMap(([path, raw, id]) => {
      const check = toCheck(raw, path, [TECH_INSIGHTS_LEVEL], report, id);
      return check ? [check] : [];
    });
    duplicateIds(
      checks,
      techInsights.entries.map(([path]) => path),
      report,
    );
    return { name, title: `Tech Insights checks (${basename(file)})`, levels: [TECH_INSIGHTS_LEVEL], checks, file };
  }
  if (!isRecord(root)) {
    report([], 'must be a mapping with name, title, levels and checks');
    return undefined;
  }
  const name = root.name;
  if (typeof name !== 'string' || !NAME.test(name))
    report(['name'], 'must be lower-case letters, digits and dashes (e.g. production-readiness)');
  const title = root.title ?? name;
  if (typeof title !== 'string' || !title.trim()) report(['title'], 'must be text');
  if (root.description !== undefined && typeof root.description !== 'string') report(['description'], 'must be text');
  const levels = readLevels(root.levels, report);
  const filter = readFilter(root.filter, report);
  const checks: ScorecardCheck[] = [];
  if (!Array.isArray(root.checks) || root.checks.length === 0) {
    report(['checks'], 'must be a list of at least one check');
  } else {
    root.checks.forEach((raw, i) => {
      const check = toCheck(raw, ['checks', i], levels, report);
      if (check) checks.push(check);
    });
    duplicateIds(
      checks,
      root.checks.map((_, i) => ['checks', i]),
      report,
    );
  }
  for (const known of Object.keys(root))
    if (!['name', 'title', 'description', 'filter', 'levels', 'checks'].includes(known))
      report([known], 'is not a scorecard field (name, title, description, filter, levels, checks)');
  return {
    name: String(name),
    title: String(title),
    description: typeof root.description === 'string' ? root.description : undefined,
    filter,
    levels,
    checks,
    file,
  };
}

/** Tech Insights checks in either pasted form, each with its path and its id (a mapping key names it). */
function techInsightsChecks(root: unknown): { entries: Array<[FieldPath, unknown, string | undefined]> } | undefined {
  if (Array.isArray(root) && root.length && root.every((c) => isRecord(c) && 'rule' in c && 'factIds' in c))
    return { entries: root.map((c, i) => [[i], c, undefined]) };
  const checks =
    isRecord(root) && isRecord(root.techInsights) && isRecord(root.techInsights.factChecker)
      ? root.techInsights.factChecker.checks
      : undefined;
  if (!isRecord(checks)) return undefined;
  return {
    entries: Object.entries(checks).map(([id, c]) => [['techInsights', 'factChecker', 'checks', id], c, id]),
  };
}

function readLevels(raw: unknown, report: Report): string[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    report(['levels'], 'must be a list of level names, lowest first (e.g. [Bronze, Silver, Gold])');
    return [];
  }
  const levels: string[] = [];
  raw.forEach((level, i) => {
    if (typeof level !== 'string' || !level.trim()) report(['levels', i], 'must be a name');
    else if (levels.includes(level)) report(['levels', i], `'${level}' is listed twice`);
    else levels.push(level);
  });
  return levels;
}

function readFilter(raw: unknown, report: Report): CatalogFilter | undefined {
  if (raw === undefined || raw === null) return undefined;
  const clauses = Array.isArray(raw) ? raw : [raw];
  const out: CatalogFilterClause[] = [];
  clauses.forEach((clause, i) => {
    const at: FieldPath = Array.isArray(raw) ? ['filter', i] : ['filter'];
    if (!isRecord(clause) || !Object.keys(clause).length) {
      report(at, 'must be a mapping of field paths to values (e.g. kind: component, spec.lifecycle: production)');
      return;
    }
    const ok: CatalogFilterClause = {};
    for (const [key, value] of Object.entries(clause)) {
      const scalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
      if (scalar(value)) ok[key] = String(value);
      else if (Array.isArray(value) && value.length && value.every(scalar)) ok[key] = value.map(String);
      else report([...at, key], 'must be a value or a list of values');
    }
    out.push(ok);
  });
  return Array.isArray(raw) ? out : out[0];
}

function toCheck(
  raw: unknown,
  at: FieldPath,
  levels: string[],
  report: Report,
  keyId?: string,
): ScorecardCheck | undefined {
  if (!isRecord(raw)) {
    report(at, 'must be a check: id, title, level, rule');
    return undefined;
  }
  const before = { count: 0 };
  const note = (path: FieldPath, message: string) => {
    before.count++;
    report(path, message);
  };
  const id = raw.id ?? keyId;
  if (typeof id !== 'string' || !CHECK_ID.test(id))
    note([...at, 'id'], 'must be letters, digits, dots, dashes or underscores');
  const title = raw.title ?? raw.name;
  if (typeof title !== 'string' || !title.trim()) note([...at, 'title'], 'is missing: say what the check wants');
  if (raw.type !== undefined && raw.type !== 'json-rules-engine')
    note([...at, 'type'], `'${String(raw.type)}' is not a check type Callboard runs (json-rules-engine)`);
  const level = raw.level ?? (levels.length === 1 ? levels[0] : undefined);
  if (typeof level !== 'string') note([...at, 'level'], `is missing (levels: ${levels.join(', ')})`);
  else if (levels.length && !levels.includes(level))
    note([...at, 'level'], `no level '${level}' (levels: ${levels.join(', ')})`);
  const rule = raw.rule;
  let conditions: unknown;
  let conditionsAt: FieldPath = [...at, 'rule'];
  if (!isRecord(rule)) note([...at, 'rule'], 'is missing: a json-rules-engine condition (all, any or not)');
  else if ('conditions' in rule) {
    conditions = rule.conditions;
    conditionsAt = [...at, 'rule', 'conditions'];
  } else conditions = rule;
  let facts: string[] = [];
  if (isRecord(rule)) {
    const checked = checkConditions(conditions, conditionsAt);
    for (const problem of checked.problems) note(problem.path, problem.message);
    facts = checked.facts;
  }
  if (raw.factIds !== undefined) {
    if (!Array.isArray(raw.factIds)) note([...at, 'factIds'], 'must be a list of fact retriever ids');
    else
      raw.factIds.forEach((retriever, i) => {
        if (typeof retriever !== 'string' || !BACKSTAGE_RETRIEVERS.has(retriever))
          note(
            [...at, 'factIds', i],
            `unknown fact retriever '${String(retriever)}' (Callboard provides ${[...BACKSTAGE_RETRIEVERS.keys()].join(', ')})`,
          );
      });
  }
  const solution = raw.solution ?? raw.description;
  if (solution !== undefined && typeof solution !== 'string') note([...at, 'solution'], 'must be text (Slack mrkdwn)');
  let fix: ScorecardCheck['fix'];
  if (raw.fix !== undefined) {
    if (!isRecord(raw.fix) || typeof raw.fix.template !== 'string' || !raw.fix.template)
      note([...at, 'fix'], 'must be { template: <template name> }');
    else fix = { template: raw.fix.template, at: report.locate([...at, 'fix', 'template']) };
  }
  if (before.count) return undefined;
  return {
    id: String(id),
    title: String(title),
    level: String(level),
    conditions: conditions as TopLevelCondition,
    facts,
    solution: typeof solution === 'string' ? solution.trim() : undefined,
    fix,
  };
}

function duplicateIds(checks: ScorecardCheck[], paths: FieldPath[], report: Report): void {
  const seen = new Set<string>();
  checks.forEach((check, i) => {
    if (seen.has(check.id)) report([...(paths[i] ?? []), 'id'], `'${check.id}' is used by another check`);
    seen.add(check.id);
  });
}

/** The line of the field at `path` (its key's line), or of its nearest parent that exists. */
function lineOf(doc: Document, lines: LineCounter, path: FieldPath): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    // A field's line is its key's: a mapping value's own range may start on the next line.
    const keyLine = n > 0 ? keyLineOf(doc, path.slice(0, n), lines) : undefined;
    if (keyLine) return keyLine;
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return undefined;
}

function keyLineOf(doc: Document, path: FieldPath, lines: LineCounter): number | undefined {
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const last = path[path.length - 1];
  if (!isMap(parent) || typeof last !== 'string') return undefined;
  const pair = parent.items.find((p) => (p.key as { value?: unknown } | null)?.value === last);
  const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
  return range ? lines.linePos(range[0]).line : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
