// Scores entities on every scorecard that applies to them: catalog facts (plus any others a
// source supplied), each check's outcome through the rule evaluator, and the level reached.
// Written to give the event loop a turn every few milliseconds, so that scoring a whole catalog
// never holds up a Slack request.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { catalogFacts, type CatalogFactInput } from './catalog-facts.js';
import { matchesFilter } from './catalog-filter.js';
import type { RuleEvaluator } from './evaluate-rules.js';
import type { Facts } from './facts.js';
import { standing } from './levels.js';
import type { CheckOutcome, EntityScore, Scorecard, ScorecardCheck } from './types.js';

const SLICE_MS = 8;

/** Facts from sources other than the catalog (GitHub, on-call), by entity ref. */
export type ExtraFacts = (ref: string, entity: CatalogFactInput['entity']) => Facts | undefined;

interface ScoredEntity extends EntityScore {
  levelIndex: number;
  /** Checks that fail, by id (an unknown outcome is not a failure: its source is not configured). */
  failing: string[];
  owner?: string;
}

export async function scoreEntities(
  inputs: readonly CatalogFactInput[],
  scorecards: readonly Scorecard[],
  evaluator: RuleEvaluator,
  extraFacts?: ExtraFacts,
): Promise<ScoredEntity[]> {
  // Pass 1: facts and memo keys; the combinations the evaluator has not seen are collected.
  const planned: Array<{ input: CatalogFactInput; scorecard: Scorecard; keys: Array<string | undefined> }> = [];
  const pending = new Map<ScorecardCheck, Map<string, Facts>>();
  let sliceStart = performance.now();
  for (const input of inputs) {
    const applicable = scorecards.filter((s) => matchesFilter(input.entity, s.filter));
    if (!applicable.length) continue;
    const facts = { ...catalogFacts(input), ...extraFacts?.(input.ref, input.entity) };
    for (const scorecard of applicable) {
      const keys = scorecard.checks.map((check) => {
        const key = evaluator.keyOf(check, facts);
        if (key !== undefined && evaluator.known(check, key) === undefined) {
          let forCheck = pending.get(check);
          if (!forCheck) {
            forCheck = new Map();
            pending.set(check, forCheck);
          }
          if (!forCheck.has(key)) forCheck.set(key, facts);
        }
        return key;
      });
      planned.push({ input, scorecard, keys });
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  // Pass 2: the engine runs each new combination once.
  await evaluator.learn(
    [...pending].flatMap(([check, byKey]) => [...byKey].map(([key, facts]) => ({ check, key, facts }))),
  );
  // Pass 3: outcomes and levels.
  const out: ScoredEntity[] = [];
  sliceStart = performance.now();
  for (const { input, scorecard, keys } of planned) {
    const outcomes: Record<string, CheckOutcome> = {};
    scorecard.checks.forEach((check, i) => {
      outcomes[check.id] = evaluator.known(check, keys[i]) ?? 'unknown';
    });
    const { level, levelIndex } = standing(scorecard, outcomes);
    out.push({
      entityRef: input.ref,
      scorecard: scorecard.name,
      level,
      levelIndex,
      outcomes,
      failing: scorecard.checks.filter((c) => outcomes[c.id] === 'fail').map((c) => c.id),
      owner: input.ownerRef,
    });
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}
