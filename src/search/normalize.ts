// How text is compared: case- and accent-insensitive, with punctuation (the `-`, `_` and `.`
// in names) treated as word breaks, so `Payments Gateway` and `payments-gateway` meet.

// biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII, control characters included
const ASCII_ONLY = /^[\x00-\x7f]*$/;
const ASCII_WORD = /[a-z0-9]+/g;
const WORD = /[\p{L}\p{N}]+/gu;
const COMBINING_MARKS = /\p{M}/gu;

/** The lower-cased words of a text, accents removed. */
export function wordsOf(text: string): string[] {
  const lower = text.toLowerCase();
  if (ASCII_ONLY.test(lower)) return lower.match(ASCII_WORD) ?? [];
  return lower.normalize('NFKD').replace(COMBINING_MARKS, '').match(WORD) ?? [];
}

/**
 * Slack shortcodes (`:credit_card:`, `:wave::skin-tone-2:`) as typed or pasted: a picture, not
 * words, so `:credit_card:` must not find a cache of "per-card" features. A ref such as
 * `component:payments` has one colon and is left alone.
 */
const EMOJI_SHORTCODES = /(^|\s)(?::[a-z0-9_+'-]+:)+(?=\s|$)/gi;

/** The query with its emoji shortcodes taken out. */
export function withoutEmoji(text: string): string {
  return text.replace(EMOJI_SHORTCODES, '$1').trim();
}

/** Lower-cased words separated by single spaces. */
export function normalizeText(text: string): string {
  return wordsOf(text).join(' ');
}

// Words that say nothing about which entity is meant.
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'for',
  'from',
  'has',
  'in',
  'into',
  'is',
  'it',
  'its',
  'of',
  'on',
  'or',
  'that',
  'the',
  'their',
  'this',
  'to',
  'was',
  'which',
  'with',
  'who',
  'what',
  'where',
]);

/** The words of a normalized text that say which entity is meant: stop words dropped, unless that leaves none. */
export function meaningfulWords(normalized: string): string[] {
  const words = normalized.split(' ');
  const kept = words.filter((word) => !STOP_WORDS.has(word));
  return kept.length ? kept : words;
}

/** Folds a plain English plural so `payment` finds `payments` and back. */
function foldPlural(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** The searchable words of a text: normalized, stop words and single letters dropped, plurals folded. */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of wordsOf(text)) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    terms.push(foldPlural(word));
  }
  return terms;
}

/** The name part of a ref such as `group:default/payments-team`. */
export function refName(ref: string): string {
  return ref.slice(Math.max(ref.lastIndexOf(':'), ref.lastIndexOf('/')) + 1);
}

// The kinds people usually ask about come first when matches are otherwise equal.
const PREFERRED_KINDS: Record<string, number> = { component: 0, api: 1, system: 2 };
const OTHER_KINDS_RANK = 3;

export function kindRank(kind: string): number {
  return PREFERRED_KINDS[kind.toLowerCase()] ?? OTHER_KINDS_RANK;
}
