// An entity's level on a scorecard from its checks' outcomes: the highest level whose checks,
// and those of every level below, all pass. What is missing for the next level comes with it.
import type { CheckOutcome, Scorecard, ScorecardCheck } from './types.js';

interface LevelStanding {
  /** The highest level reached; undefined: not the first. */
  level?: string;
  /** 0-based index of `level` in the scorecard's levels; -1: none reached. */
  levelIndex: number;
  /** The level above, if any. */
  nextLevel?: string;
  /** The checks of the next level (and any below it) that do not pass yet. */
  missingForNext: ScorecardCheck[];
}

export function standing(scorecard: Scorecard, outcomes: Record<string, CheckOutcome>): LevelStanding {
  let levelIndex = -1;
  for (let i = 0; i < scorecard.levels.length; i++) {
    const level = scorecard.levels[i];
    if (scorecard.checks.every((c) => c.level !== level || outcomes[c.id] === 'pass')) levelIndex = i;
    else break;
  }
  const nextIndex = levelIndex + 1;
  const nextLevel = scorecard.levels[nextIndex];
  const missingForNext = nextLevel
    ? scorecard.checks.filter((c) => scorecard.levels.indexOf(c.level) <= nextIndex && outcomes[c.id] !== 'pass')
    : [];
  return { level: scorecard.levels[levelIndex], levelIndex, nextLevel, missingForNext };
}
