// A check's `fix.template` must name a template Callboard can open: one in the TEMPLATE_DIRS
// folders (the only templates known without a database, so `callboard scorecards validate` and a
// running Callboard judge alike). A name that is not there is a problem told at the file, line
// and field that wrote it; the check keeps scoring, without a Fix it button.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { LoadedScorecards } from './load-scorecards.js';
import type { ScorecardProblem } from './types.js';

/** How deep below a root templates are looked for, as the scaffolder looks (load-template-folders.ts). */
const MAX_DEPTH = 4;
const FILE_NAMES = ['template.yaml', 'template.yml'];

/**
 * The names of the Templates in `templateDirs`' template.yaml files, found as the scaffolder finds
 * them (a root holding one, or its subfolders a few levels down). Only names are read: a template
 * that cannot run still exists, and /create tells why when it is opened.
 */
export function templateNamesIn(templateDirs: readonly string[]): Set<string> {
  const names = new Set<string>();
  const visit = (dir: string, depth: number) => {
    const file = FILE_NAMES.map((name) => join(dir, name)).find((path) => isFile(path));
    if (file) {
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
        const value = 'toJS' in doc ? (doc.toJS() as { kind?: unknown; metadata?: { name?: unknown } } | null) : null;
        if (value?.kind === 'Template' && typeof value.metadata?.name === 'string') names.add(value.metadata.name);
      }
      return;
    }
    if (depth === 0) return;
    let entries: string[];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
        .map((e) => e.name);
    } catch {
      return;
    }
    for (const entry of entries) visit(join(dir, entry), depth - 1);
  };
  for (const dir of templateDirs) visit(dir, MAX_DEPTH);
  return names;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** `loaded` with each fix naming an unknown template taken off its check, and told as a problem. */
export function checkFixTemplates(
  loaded: LoadedScorecards,
  templates: ReadonlySet<string>,
  templateDirs: readonly string[],
): LoadedScorecards {
  const problems: ScorecardProblem[] = [];
  const scorecards = loaded.scorecards.map((scorecard) => ({
    ...scorecard,
    checks: scorecard.checks.map((check) => {
      if (!check.fix || templates.has(check.fix.template)) return check;
      problems.push({
        file: scorecard.file,
        line: check.fix.at?.line,
        field: check.fix.at?.field ?? 'fix.template',
        message: `names the template '${check.fix.template}', which is not in TEMPLATE_DIRS (${templateDirs.join(', ')}): the check scores without a Fix it button`,
      });
      return { ...check, fix: undefined };
    }),
  }));
  return { scorecards, problems: [...loaded.problems, ...problems] };
}

/** Reads the template names and checks `loaded`'s fixes against them. */
export function withFixTemplatesChecked(loaded: LoadedScorecards, templateDirs: readonly string[]): LoadedScorecards {
  if (!loaded.scorecards.some((s) => s.checks.some((c) => c.fix))) return loaded;
  return checkFixTemplates(loaded, templateNamesIn(templateDirs), templateDirs);
}
