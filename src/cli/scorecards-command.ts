// `callboard scorecards validate [dirs]`: checks scorecard files as Callboard reads them, with no
// database and no configuration beyond SCORECARD_DIRS (when no folder is given) and TEMPLATE_DIRS
// (where a check's fix template must be). Prints `file:line field: reason` for each problem and
// exits 1 if there is any.
import { withFixTemplatesChecked } from '../scorecards/fix-templates.js';
import { loadScorecards } from '../scorecards/load-scorecards.js';
import { problemLine } from '../scorecards/types.js';
import type { Output } from './output.js';

export function runScorecardsValidate(dirs: string[], templateDirs: readonly string[], output: Output): number {
  const { scorecards, problems } = withFixTemplatesChecked(loadScorecards(dirs), templateDirs);
  for (const problem of problems) output.out(problemLine(problem));
  const checks = scorecards.reduce((n, s) => n + s.checks.length, 0);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  output.out(
    `${plural(scorecards.length, 'scorecard', 'scorecards')} with ${plural(checks, 'check', 'checks')} read: ${plural(problems.length, 'problem', 'problems')}`,
  );
  return problems.length ? 1 : 0;
}
