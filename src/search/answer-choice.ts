// When search may answer for the person, and when it must ask. A card opens outright only when
// its match is clearly better than the next; a prefix several names start with asks which, best
// first; matches found only in the words around an entity (its description, tags, owner) or a
// faint likeness of its name are offered as suggestions under "nothing matches", never as the
// answer. Shared by the Slack commands (commands/shared/entity-choice.ts) and the labelled-query bench,
// so the figures measure what people get.
import { kindRank, refName, withoutEmoji } from './normalize.js';
import type { SearchMatch } from './types.js';

/** The score bands of catalog-search-index.ts: exact < 0.1 <= prefix < 0.2 <= name likeness < 0.5 <= words. */
const WEAK_SCORE = 0.5;
/**
 * How much better (lower) a misspelt or shortened name's score must be than the next name's to
 * open it: one extra word in the other name is about this much (`ledgr`: ledger, not ledger-api;
 * `merchant dashbaord`: merchant-dashboard, not merchant-dashboard-graphql); two names equally
 * near the typed words are not. Scores are rounded to hundredths, so this is two of them.
 */
const CLEAR_MARGIN = 0.02;

interface ScoredMatch {
  ref: string;
  match: SearchMatch;
  score: number;
}

export type AnswerChoice<T> =
  | { kind: 'chosen'; chosen: T; others: T[] }
  | { kind: 'ambiguous'; candidates: T[] }
  | { kind: 'none'; closest: T[] };

const kindOf = (ref: string) => ref.slice(0, ref.indexOf(':'));

/**
 * Whether `other` is the same name in a kind people ask about less (the payments Component
 * before the payments Domain): the same word answers for the preferred one.
 */
function sameNameLesserKind(best: ScoredMatch, other: ScoredMatch): boolean {
  return (
    refName(best.ref) === refName(other.ref) &&
    kindOf(best.ref) !== kindOf(other.ref) &&
    kindRank(kindOf(best.ref)) <= kindRank(kindOf(other.ref))
  );
}

/**
 * Chooses among `hits` (best first, as search ranks them): the best opens when it stands out,
 * several close ones are asked about, and weak ones are only offered. `alternatives` caps the
 * lists.
 */
export function chooseAnswer<T>(hits: T[], scored: (hit: T) => ScoredMatch, alternatives: number): AnswerChoice<T> {
  const strong = hits.filter((hit) => scored(hit).score < WEAK_SCORE);
  if (!strong.length) return { kind: 'none', closest: hits.slice(0, alternatives) };
  const best = scored(strong[0]);
  // The first hit that is not merely the best's name in another kind decides whether it stands out.
  const rival = strong.slice(1).find((hit) => !sameNameLesserKind(best, scored(hit)));
  const others = hits.slice(1, alternatives + 1);
  if (!rival) return { kind: 'chosen', chosen: strong[0], others };
  const next = scored(rival);
  if (clearlyBetter(best, next)) return { kind: 'chosen', chosen: strong[0], others };
  return { kind: 'ambiguous', candidates: strong.slice(0, alternatives) };
}

function clearlyBetter(best: ScoredMatch, next: ScoredMatch): boolean {
  // The name as typed (or a whole title) beats anything that only starts with it or resembles it.
  if (best.match === 'exact') return next.score > best.score;
  // Several names start with what was typed: which one is meant is the person's call.
  if (next.match !== 'fuzzy') return false;
  // Rounded scores: a hair below the margin is the margin.
  return next.score - best.score >= CLEAR_MARGIN - 1e-9;
}

/** Finds up to `limit` hits for `query`, best first. */
type FindMatches<T> = (query: string, limit: number) => Promise<T[]> | T[];

/**
 * The choice for `words` (see chooseAnswer); when nothing matches at all, the closest names
 * from looser guesses, offered as suggestions.
 */
export async function chooseMatch<T>(
  words: string,
  find: FindMatches<T>,
  scored: (hit: T) => ScoredMatch,
  alternatives: number,
): Promise<AnswerChoice<T>> {
  const choice = chooseAnswer(await find(words, alternatives + 1), scored, alternatives);
  if (choice.kind !== 'none' || choice.closest.length) return choice;
  return { kind: 'none', closest: await closestGuesses(words, find, scored, alternatives) };
}

/**
 * Looser guesses for words that matched nothing as a whole: each word alone, then each word's
 * first three letters (a misspelling usually starts right).
 */
export async function closestGuesses<T>(
  words: string,
  find: FindMatches<T>,
  scored: (hit: T) => ScoredMatch,
  alternatives: number,
): Promise<T[]> {
  // A shortcode is a picture, not words to guess from.
  const parts = withoutEmoji(words)
    .split(/\s+/)
    .filter((w) => w.length >= 3);
  const attempts = [...new Set([...(parts.length > 1 ? parts : []), ...parts.map((w) => w.slice(0, 3))])];
  const found = new Map<string, T>();
  for (const attempt of attempts) {
    for (const hit of await find(attempt, alternatives)) {
      const { ref } = scored(hit);
      if (found.size < alternatives && !found.has(ref)) found.set(ref, hit);
    }
    if (found.size >= alternatives) break;
  }
  return [...found.values()];
}
