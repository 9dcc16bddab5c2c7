// How well a typed query matches a name, word by word: each query word is paired with the name
// word nearest to it (a transposition, a missing or an extra letter is one edit), numbers must
// match exactly, words in the user's order beat the same words reordered, and a name with words
// the query does not have ranks after one without. Scoring whole strings instead lets a short
// misspelt word lose to a longer name that merely shares the rest (`usre-50-6` meant user-50-6,
// not component-50-6; `legder` meant ledger, not ledger-db).

/** Edits allowed in a word of this length before it no longer counts as the same word. */
function allowedEdits(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : length <= 9 ? 2 : 3;
}

const DIGITS = /^[0-9]+$/;
/**
 * Two neighbouring letters swapped is the commonest slip of the fingers: it costs half an edit,
 * so `aip` is nearer to `api` than to `app`.
 */
const TRANSPOSITION_COST = 0.5;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions, which cost
 * TRANSPOSITION_COST), or `limit + 1` as soon as the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let before = new Array<number>(width);
  let previous = new Array<number>(width);
  let current = new Array<number>(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      const swapped =
        i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1);
      if (swapped) {
        value = Math.min(value, before[j - 2] + TRANSPOSITION_COST);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/**
 * A short form people type for a longer word: its first letter, then some of the rest in order
 * (`ops` for operations, `frd` for fraud, `ldg` for ledger, `mgmt` for management). Counts a
 * little less than a start of the word.
 */
const ABBREVIATION_SIMILARITY = 0.8;
const MAX_ABBREVIATION_LENGTH = 5;

/** Whether `typed` reads as a short form of `word` (see ABBREVIATION_SIMILARITY). */
export function isAbbreviation(typed: string, word: string): boolean {
  if (typed.length < 2 || typed.length > MAX_ABBREVIATION_LENGTH || word.length < typed.length + 2) return false;
  if (typed.charCodeAt(0) !== word.charCodeAt(0)) return false;
  let at = 1;
  for (let i = 1; i < word.length && at < typed.length; i++) {
    if (word.charCodeAt(i) === typed.charCodeAt(at)) at++;
  }
  return at === typed.length;
}

/** How alike two words are, 0 (not the same word) to 1 (the same). */
function wordSimilarity(typed: string, word: string, isLast: boolean): number {
  if (typed === word) return 1;
  if (DIGITS.test(typed) || DIGITS.test(word)) return 0;
  // The last word may still be being typed: a start of a word counts nearly in full.
  if (isLast && typed.length >= 3 && word.startsWith(typed)) return 0.9;
  const abbreviation = isAbbreviation(typed, word) ? ABBREVIATION_SIMILARITY : 0;
  const limit = allowedEdits(Math.max(typed.length, word.length));
  if (limit === 0) return abbreviation;
  const distance = editDistance(typed, word, limit);
  if (distance > limit) return abbreviation;
  return Math.max(abbreviation, 1 - (0.5 * distance) / limit);
}

/** Weights of what a match is made of: the query's words found, the name's words used, the order kept. */
const QUERY_WEIGHT = 0.7;
const NAME_WEIGHT = 0.2;
const ORDER_WEIGHT = 0.1;

interface TokenMatch {
  /** 0 (nothing alike) to 1 (the same words in the same order). */
  quality: number;
  /** Query words that found no name word at all. */
  missing: number;
}

const NO_MATCH: TokenMatch = { quality: 0, missing: Number.POSITIVE_INFINITY };

/** How well `typed` (the query's words) matches `words` (a name's or title's words). */
export function tokenMatch(typed: readonly string[], words: readonly string[]): TokenMatch {
  if (!typed.length || !words.length) return NO_MATCH;
  const used = new Array<boolean>(words.length).fill(false);
  let found = 0;
  let usedCount = 0;
  let inOrder = 0;
  let lastPosition = -1;
  for (let i = 0; i < typed.length; i++) {
    let best = 0;
    let bestAt = -1;
    for (let j = 0; j < words.length; j++) {
      if (used[j]) continue;
      const similarity = wordSimilarity(typed[i], words[j], i === typed.length - 1);
      // Of equally good words, the next one in order.
      if (similarity > best || (similarity === best && similarity > 0 && bestAt < lastPosition && j > lastPosition)) {
        best = similarity;
        bestAt = j;
      }
    }
    if (bestAt < 0) continue;
    used[bestAt] = true;
    usedCount++;
    found += best;
    if (bestAt > lastPosition) inOrder++;
    lastPosition = bestAt;
  }
  return {
    quality:
      QUERY_WEIGHT * (found / typed.length) +
      NAME_WEIGHT * (usedCount / words.length) +
      ORDER_WEIGHT * (inOrder / typed.length),
    missing: typed.length - usedCount,
  };
}
