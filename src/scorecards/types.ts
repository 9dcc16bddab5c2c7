// What a scorecard is once read from its YAML file: which entities it applies to, its ordered
// levels, and its checks (json-rules-engine conditions over the facts in facts.ts).
import type { TopLevelCondition } from 'json-rules-engine';
import type { CatalogFilter } from './catalog-filter.js';

export interface Scorecard {
  /** Stable id, used in storage and commands (`production-readiness`). */
  name: string;
  title: string;
  description?: string;
  /** Backstage catalog filter: which entities this scorecard scores (absent: every entity). */
  filter?: CatalogFilter;
  /** Lowest first: an entity reaches a level by passing its checks and those of every level below. */
  levels: string[];
  checks: ScorecardCheck[];
  /** Where it was read from, for messages. */
  file: string;
}

export interface ScorecardCheck {
  id: string;
  title: string;
  /** One of the scorecard's levels. */
  level: string;
  /** A json-rules-engine condition tree (`all`, `any`, `not` or a named `condition`). */
  conditions: TopLevelCondition;
  /** The facts the conditions read (validated against facts.ts). */
  facts: string[];
  /** How to pass, in Slack mrkdwn. */
  solution?: string;
  /**
   * A software template (made for a pull request) that fixes this check, and where the file names
   * it (a template that is not in TEMPLATE_DIRS is a problem told there).
   */
  fix?: { template: string; at?: { line?: number; field: string } };
}

/** A check's outcome for one entity: unknown when a fact it reads has no source configured. */
export type CheckOutcome = 'pass' | 'fail' | 'unknown';

/** One entity on one scorecard. */
export interface EntityScore {
  entityRef: string;
  scorecard: string;
  /** The highest level reached; undefined: not even the first. */
  level?: string;
  /** Outcome of every check, by check id. */
  outcomes: Record<string, CheckOutcome>;
}

/** A scorecard file that could not be used, told as `file:line field: reason`. */
export interface ScorecardProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function problemLine(problem: ScorecardProblem): string {
  const at = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return problem.field ? `${at} ${problem.field}: ${problem.message}` : `${at}: ${problem.message}`;
}
