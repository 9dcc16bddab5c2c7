// A labelled query set: what people type, each with the one entity they mean. Drawn from a
// catalog by fixed rules (the same catalog always gives the same queries), and only where the
// label is certain: a query is kept when no other entity has the same claim to it (the name is
// unique, the prefix starts one name only, the tag belongs to one entity).
import { normalizeText } from '../src/search/normalize.js';
import type { SearchDoc } from '../src/search/index.js';

export interface LabelledQuery {
  /** exact, typo-transposed, typo-missing, typo-extra, typo-short, prefix, phrase, title, owner or tag. */
  group: string;
  query: string;
  /** The ref of the entity meant. */
  intended: string;
}

/** Every `count`-th item, spread over the list, the same on every run. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length <= count) return items;
  const step = items.length / count;
  return Array.from({ length: count }, (_, i) => items[Math.floor(i * step + step / 2)]);
}

/** Swaps two neighbouring letters in the middle of a word. */
function transpose(word: string): string {
  const at = Math.max(1, Math.floor(word.length / 2) - 1);
  return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
}

function dropLetter(word: string): string {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at) + word.slice(at + 1);
}

function doubleLetter(word: string): string {
  const at = Math.floor(word.length / 2);
  return word.slice(0, at + 1) + word[at] + word.slice(at + 1);
}

/** Changes the longest word of a name with `typo`, keeping its separators. */
function typoInLongestWord(name: string, typo: (word: string) => string): string {
  const words = name.split('-');
  const longest = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  words[longest] = typo(words[longest]);
  return words.join('-');
}

export function labelledQueries(allDocs: SearchDoc[], perGroup: number): LabelledQuery[] {
  // Nobody asks for a Location by name, and search leaves them out (catalog-search-index.ts).
  const docs = allDocs.filter((doc) => doc.kind !== 'Location');
  // How many entities claim each normalized name or title: only names claimed once are labelled.
  const claims = new Map<string, number>();
  const claim = (key: string) => claims.set(key, (claims.get(key) ?? 0) + 1);
  for (const doc of docs) {
    const name = normalizeText(doc.name);
    claim(name);
    const title = doc.title ? normalizeText(doc.title) : undefined;
    if (title && title !== name) claim(title);
  }
  const unique = docs.filter((d) => claims.get(normalizeText(d.name)) === 1 && /^[a-z0-9-]+$/.test(d.name));
  const sortedKeys = [...claims.keys()].sort();
  const startsOnlyOne = (prefix: string) => {
    let low = 0;
    let high = sortedKeys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (sortedKeys[mid] < prefix) low = mid + 1;
      else high = mid;
    }
    return (
      Boolean(sortedKeys[low]?.startsWith(prefix)) &&
      !sortedKeys[low + 1]?.startsWith(prefix) &&
      claims.get(sortedKeys[low]) === 1
    );
  };
  const tagOwners = new Map<string, SearchDoc[]>();
  for (const doc of docs) {
    for (const tag of doc.tags) {
      const owners = tagOwners.get(tag);
      if (owners) owners.push(doc);
      else tagOwners.set(tag, [doc]);
    }
  }
  const byName = new Set(docs.map((d) => normalizeText(d.name)));

  const out: LabelledQuery[] = [];
  const add = (group: string, items: SearchDoc[], query: (doc: SearchDoc) => string | undefined) => {
    const chosen: LabelledQuery[] = [];
    for (const doc of spread(items, perGroup * 3)) {
      const text = query(doc);
      // A typo that happens to spell another entity's name is not a typo of this one.
      if (!text || (group.startsWith('typo') && byName.has(normalizeText(text)))) continue;
      chosen.push({ group, query: text, intended: doc.ref });
    }
    out.push(...spread(chosen, perGroup));
  };

  add('exact', unique, (d) => d.name);
  add(
    'typo-transposed',
    unique.filter((d) => d.name.length >= 6),
    (d) => typoInLongestWord(d.name, transpose),
  );
  add(
    'typo-missing',
    unique.filter((d) => d.name.length >= 6),
    (d) => typoInLongestWord(d.name, dropLetter),
  );
  add(
    'typo-extra',
    unique.filter((d) => d.name.length >= 6),
    (d) => typoInLongestWord(d.name, doubleLetter),
  );
  // A short word (3 or 4 letters) misspelt beside longer ones: `aip` for `api`, `croe` for `core`.
  add(
    'typo-short',
    unique.filter((d) => d.name.split('-').some((w) => /^[a-z]{3,4}$/.test(w))),
    (d) => {
      const words = d.name.split('-');
      const at = words.findIndex((w) => /^[a-z]{3,4}$/.test(w));
      words[at] = words[at].length === 3 ? words[at][0] + words[at][2] + words[at][1] : transpose(words[at]);
      return words.join('-');
    },
  );
  add(
    'prefix',
    unique.filter((d) => d.name.length >= 8),
    (d) => {
      const name = normalizeText(d.name);
      for (let length = 5; length < name.length - 1; length++) {
        const prefix = name.slice(0, length);
        if (!prefix.endsWith(' ') && startsOnlyOne(prefix)) return prefix;
      }
      return undefined;
    },
  );
  // Three leading words as typed, the second misspelt: the name in the user's order comes first,
  // before the same words reordered (`audit cuopon` means audit-coupon-…, not coupon-audit-…).
  add(
    'phrase',
    unique.filter((d) => d.name.split('-').length >= 3),
    (d) => {
      const [first, second, third] = d.name.split('-');
      if (second.length < 4 || !startsOnlyOne(`${first} ${second} ${third}`)) return undefined;
      return `${first} ${transpose(second)} ${third}`;
    },
  );
  const ownTitle = (d: SearchDoc) =>
    Boolean(d.title) && claims.get(normalizeText(d.title!)) === 1 && normalizeText(d.title!) !== normalizeText(d.name);
  add('title', docs.filter(ownTitle), (d) => d.title);
  add(
    'owner',
    unique.filter((d) => d.kind === 'Group' || d.kind === 'User'),
    (d) => d.name.split('-').join(' '),
  );
  add(
    'tag',
    docs.filter((d) => d.tags.some((t) => tagOwners.get(t)?.length === 1 && !byName.has(normalizeText(t)))),
    (d) => d.tags.find((t) => tagOwners.get(t)?.length === 1 && !byName.has(normalizeText(t))),
  );
  return out;
}
