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

/** An entity's result on one scorecard; entities with the same outcomes share one (never changed after). */
interface ScorecardResult {
  outcomes: Record<string, CheckOutcome>;
  level?: string;
  levelIndex: number;
  failing: string[];
}

/**
 * Results remembered per scorecard by their outcomes (one letter a check): a catalog has few
 * distinct outcome sets, so the level and failing checks are worked out once for each, and the
 * entities sharing one share its objects (the store digests each once, too).
 */
const RESULTS_LIMIT = 50_000;
/** Kept with the evaluator whose outcomes they are made of: a new scorer starts cold. */
const remembered = new WeakMap<RuleEvaluator, WeakMap<Scorecard, Map<string, ScorecardResult>>>();
const LETTER: Record<CheckOutcome, string> = { pass: 'p', fail: 'f', unknown: 'u' };

export async function scoreEntities(
  inputs: readonly CatalogFactInput[],
  scorecards: readonly Scorecard[],
  evaluator: RuleEvaluator,
  extraFacts?: ExtraFacts,
): Promise<ScoredEntity[]> {
  // Pass 1: each entity's facts once, each check's memo key from them (each fact's value is
  // written out once an entity, however many checks read it), and the outcome where the
  // evaluator knows it; the combinations it has not seen are collected.
  const planned: Array<{ input: CatalogFactInput; scorecard: Scorecard; keys: Array<string | undefined> }> = [];
  const out: ScoredEntity[] = [];
  const pending = new Map<ScorecardCheck, Map<string, Facts>>();
  let sliceStart = performance.now();
  for (const input of inputs) {
    let facts: Facts | undefined;
    let valueKeys: Map<string, string | undefined> | undefined;
    for (const scorecard of scorecards) {
      if (!matchesFilter(input.entity, scorecard.filter)) continue;
      if (!facts) {
        facts = { ...catalogFacts(input), ...extraFacts?.(input.ref, input.entity) };
        valueKeys = new Map();
      }
      let complete = true;
      const keys = scorecard.checks.map((check) => {
        const key = evaluator.keyOf(check, facts!, valueKeys);
        if (key !== undefined && evaluator.known(check, key) === undefined) {
          complete = false;
          let forCheck = pending.get(check);
          if (!forCheck) {
            forCheck = new Map();
            pending.set(check, forCheck);
          }
          if (!forCheck.has(key)) forCheck.set(key, facts!);
        }
        return key;
      });
      if (complete) out.push(scored(input, scorecard, resultOf(scorecard, evaluator, keys)));
      else planned.push({ input, scorecard, keys });
    }
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  // Pass 2: the engine runs each new combination once; the entities that waited for it follow.
  await evaluator.learn(
    [...pending].flatMap(([check, byKey]) => [...byKey].map(([key, facts]) => ({ check, key, facts }))),
  );
  sliceStart = performance.now();
  for (const { input, scorecard, keys } of planned) {
    out.push(scored(input, scorecard, resultOf(scorecard, evaluator, keys)));
    if (performance.now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
  return out;
}

function scored(input: CatalogFactInput, scorecard: Scorecard, result: ScorecardResult): ScoredEntity {
  return {
    entityRef: input.ref,
    scorecard: scorecard.name,
    level: result.level,
    levelIndex: result.levelIndex,
    outcomes: result.outcomes,
    failing: result.failing,
    owner: input.ownerRef,
  };
}

/** A scorecard's result from its checks' memo keys (the evaluator has learnt them all). */
function resultOf(scorecard: Scorecard, evaluator: RuleEvaluator, keys: Array<string | undefined>): ScorecardResult {
  const known = scorecard.checks.map((check, i) => evaluator.known(check, keys[i]) ?? 'unknown');
  const letters = known.map((outcome) => LETTER[outcome]).join('');
  let byScorecard = remembered.get(evaluator);
  if (!byScorecard) {
    byScorecard = new WeakMap();
    remembered.set(evaluator, byScorecard);
  }
  let results = byScorecard.get(scorecard);
  if (!results) {
    results = new Map();
    byScorecard.set(scorecard, results);
  }
  let result = results.get(letters);
  if (!result) {
    const outcomes: Record<string, CheckOutcome> = {};
    scorecard.checks.forEach((check, i) => {
      outcomes[check.id] = known[i];
    });
    const { level, levelIndex } = standing(scorecard, outcomes);
    const failing = scorecard.checks.filter((c) => outcomes[c.id] === 'fail').map((c) => c.id);
    result = { outcomes, level, levelIndex, failing };
    if (results.size >= RESULTS_LIMIT) results.clear();
    results.set(letters, result);
  }
  return result;
}
