// Reads every scorecard file (`.yaml`, `.yml`, `.json`) in the SCORECARD_DIRS folders. A file
// that cannot be used becomes problems naming it; every other scorecard is still loaded.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { readScorecard } from './read-scorecard.js';
import type { Scorecard, ScorecardProblem } from './types.js';

export interface LoadedScorecards {
  scorecards: Scorecard[];
  problems: ScorecardProblem[];
}

const SCORECARD_FILE = /\.(ya?ml|json)$/i;

export function loadScorecards(dirs: readonly string[], cwd = process.cwd()): LoadedScorecards {
  const scorecards: Scorecard[] = [];
  const problems: ScorecardProblem[] = [];
  for (const dir of dirs) {
    let files: string[];
    try {
      files = statSync(dir).isDirectory()
        ? readdirSync(dir)
            .filter((f) => SCORECARD_FILE.test(f))
            .sort()
            .map((f) => join(dir, f))
        : [dir];
    } catch (error) {
      problems.push({
        file: shown(dir, cwd),
        message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
      });
      continue;
    }
    for (const path of files) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        problems.push({
          file: shown(path, cwd),
          message: `cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
        });
        continue;
      }
      const read = readScorecard(shown(path, cwd), text);
      if (!read.scorecard) {
        problems.push(...read.problems);
        continue;
      }
      const twin = scorecards.find((s) => s.name === read.scorecard.name);
      if (twin) {
        problems.push({
          file: shown(path, cwd),
          field: 'name',
          message: `'${read.scorecard.name}' is already the name of the scorecard in ${twin.file}`,
        });
        continue;
      }
      scorecards.push(read.scorecard);
    }
  }
  return { scorecards, problems };
}

/** A path as the user would type it: relative inside the working folder, absolute outside. */
function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return !rel || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}
