// `callboard validate <files or folders>`: the check a repository's CI runs on its catalog files.
// Prints `file:line field: reason` for each problem; exits 1 on any error. References to
// entities the files do not define are warnings (with --catalog: those the catalog lacks too).
import type { Output } from './sync-command.js';
import { validatePaths, type Finding, type KnownRefs } from './validate-files.js';

export async function runValidate(
  paths: string[],
  output: Output,
  options: { knownRefs?: KnownRefs } = {},
): Promise<number> {
  const { findings, files, entities } = await validatePaths(paths, { knownRefs: options.knownRefs });
  for (const finding of findings) output.out(findingLine(finding));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  output.out(
    `checked ${n(files, 'file', 'files')}, ${n(entities.length, 'entity', 'entities')}: ` +
      `${n(errors, 'error', 'errors')}, ${n(warnings, 'warning', 'warnings')}`,
  );
  return errors ? 1 : 0;
}

function findingLine(finding: Finding): string {
  const place = finding.line !== undefined ? `${finding.file}:${finding.line}` : finding.file;
  const severity = finding.severity === 'warning' ? 'warning: ' : '';
  return `${place}${finding.field ? ` ${finding.field}` : ''}: ${severity}${finding.message}`;
}
