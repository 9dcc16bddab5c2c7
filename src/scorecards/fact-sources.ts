// Facts from outside the catalog (GitHub, on-call) reach the scorer through FactSources: before a
// run scores a set of entities, each source is asked once, for all of them, what it knows. A
// source answers from what it has stored or cached and never waits on a remote service: a fact it
// does not know is left out, and its checks stay unknown until it does.
import type { CatalogFactInput } from './catalog-facts.js';
import type { Facts } from './facts.js';
import type { ExtraFacts } from './score-entities.js';

export interface FactSource {
  /** For logs: `github`, `oncall`. */
  readonly name: string;
  /** What it knows of `inputs`, by entity ref; an entity or fact left out is unknown. */
  factsFor(inputs: readonly CatalogFactInput[]): Promise<ReadonlyMap<string, Facts>>;
}

/** The sources' answers for one run, as the scorer reads them (later sources win a clash). */
export async function gatherExtraFacts(
  sources: readonly FactSource[],
  inputs: readonly CatalogFactInput[],
): Promise<ExtraFacts | undefined> {
  if (!sources.length || !inputs.length) return undefined;
  const answers = await Promise.all(sources.map((source) => source.factsFor(inputs)));
  return (ref) => {
    let facts: Facts | undefined;
    for (const answer of answers) {
      const known = answer.get(ref);
      if (known) facts = facts ? { ...facts, ...known } : known;
    }
    return facts;
  };
}
