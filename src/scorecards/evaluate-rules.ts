// Runs checks' conditions through json-rules-engine, the library Backstage Tech Insights uses,
// so a condition means here what it means there. A check's outcome depends only on the values of
// the facts it reads, and a catalog has few distinct combinations of them (thousands of
// services share `hasGroupOwner: true, hasDescription: true`): each combination is run through
// the engine once and remembered, which turns 20k entities × 60 checks into a few hundred runs.
import { Engine } from 'json-rules-engine';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Facts } from './facts.js';
import type { CheckOutcome, ScorecardCheck } from './types.js';

/** How long evaluation runs before giving the event loop a turn. */
const SLICE_MS = 8;
/** Remembered outcomes per check before the memory is cleared (a guard against unbounded facts such as tags). */
const MEMO_LIMIT = 50_000;

/** A fact's value as part of a memo key, its type kept apart (`1` is not `"1"`); undefined: not known. */
function keyOfValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return `s${value}`;
    case 'number':
    case 'boolean':
      return `${typeof value === 'number' ? 'n' : 'b'}${value}`;
    default:
      return `j${JSON.stringify(value)}`;
  }
}

export class RuleEvaluator {
  private readonly engines = new Map<ScorecardCheck, Engine>();
  private readonly memo = new Map<ScorecardCheck, Map<string, boolean>>();

  /**
   * The memo key of `check` for `facts`; undefined when a fact it reads is not known (outcome
   * unknown). `valueKeys`, kept for one entity's facts, writes each fact's value out once however
   * many checks read it.
   */
  keyOf(check: ScorecardCheck, facts: Facts, valueKeys?: Map<string, string | undefined>): string | undefined {
    let key = '';
    for (const name of check.facts) {
      let valueKey = valueKeys?.get(name);
      if (valueKey === undefined) {
        valueKey = keyOfValue(facts[name]);
        if (valueKey === undefined) return undefined;
        valueKeys?.set(name, valueKey);
      }
      key += `${valueKey}\u0000`;
    }
    return key;
  }

  /** The outcome already known for this key, if the engine has run it. */
  known(check: ScorecardCheck, key: string | undefined): CheckOutcome | undefined {
    if (key === undefined) return 'unknown';
    const passed = this.memo.get(check)?.get(key);
    return passed === undefined ? undefined : passed ? 'pass' : 'fail';
  }

  /** Runs every (check, facts) pair whose outcome is not remembered yet, giving the event loop turns between runs. */
  async learn(pending: Iterable<{ check: ScorecardCheck; key: string; facts: Facts }>): Promise<void> {
    let sliceStart = performance.now();
    for (const { check, key, facts } of pending) {
      if (this.memo.get(check)?.has(key)) continue;
      const passed = await this.run(check, facts);
      let remembered = this.memo.get(check);
      if (!remembered || remembered.size >= MEMO_LIMIT) {
        remembered = new Map();
        this.memo.set(check, remembered);
      }
      remembered.set(key, passed);
      if (performance.now() - sliceStart >= SLICE_MS) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
  }

  /** One check against one entity's facts, straight through the engine. */
  async outcome(check: ScorecardCheck, facts: Facts): Promise<CheckOutcome> {
    const key = this.keyOf(check, facts);
    const known = this.known(check, key);
    if (known) return known;
    await this.learn([{ check, key: key!, facts }]);
    return this.known(check, key)!;
  }

  private async run(check: ScorecardCheck, facts: Facts): Promise<boolean> {
    let engine = this.engines.get(check);
    if (!engine) {
      engine = new Engine([{ conditions: check.conditions, event: { type: 'pass' } }], { allowUndefinedFacts: true });
      this.engines.set(check, engine);
    }
    const only: Facts = {};
    for (const name of check.facts) only[name] = facts[name];
    const result = await engine.run(only);
    return result.events.length > 0;
  }
}
