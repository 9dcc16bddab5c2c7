// Where Backstage's own example files live: `../shared/backstage-examples` beside the repository
// root (CI lays `shared/` next to its clone; a plain clone has none). Resolved from this file, so a
// clone anywhere, or a git worktree with `shared/` beside it, finds them.
//
// Outside CI a missing folder skips the tests that need it, visibly. In CI (`CI=true`) it fails the
// run instead: the Backstage-examples oracle must really run there, not quietly skip.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPOSITORY_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BACKSTAGE_EXAMPLES = fileURLToPath(new URL('../../../shared/backstage-examples/', import.meta.url));

/**
 * Why the tests on Backstage's examples cannot run here (the folder is missing), or undefined
 * when they can. In CI their absence throws instead.
 */
export function backstageExamplesMissing(): string | undefined {
  return haveBackstageExamples()
    ? undefined
    : `Backstage's example files are not here: looked for ${BACKSTAGE_EXAMPLES} (a folder beside the clone)`;
}

/** True when the examples are here; in CI their absence throws, naming where they were looked for. */
export function haveBackstageExamples(): boolean {
  if (existsSync(BACKSTAGE_EXAMPLES)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`CI=true but Backstage's examples are missing: looked for ${BACKSTAGE_EXAMPLES}`);
  }
  return false;
}
