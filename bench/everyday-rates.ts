// What a person gets for each everyday query (bench/everyday-queries.ts), decided by the same
// code the Slack commands use (src/search/answer-choice.ts), and the rates over the set: right
// answer (or an honest "nothing matches"), right first, right in the top 5, wrong card opened.
import { type AnswerChoice, chooseMatch } from '../src/search/answer-choice.js';
import { CatalogSearchIndex, type SearchDoc, type SearchHit } from '../src/search/index.js';
import { EVERYDAY_QUERIES, type EverydayQuery } from './everyday-queries.js';

/** As many alternatives as the Slack commands offer (commands/shared/entity-choice.ts). */
const ALTERNATIVES = 5;

export interface EverydayOutcome {
  query: EverydayQuery;
  choice: AnswerChoice<SearchHit>;
  /** The refs shown, in order: the card opened (if any), then the list. */
  shown: string[];
  /** The answer the label asks for: the card opened, the right one first in a which-list, or "nothing matches". */
  right: boolean;
  rightFirst: boolean;
  rightInTop5: boolean;
  /** A card opened outright that is not the one meant (or anything opened for a name the catalog lacks). */
  wrongOpened: boolean;
}

export interface EverydayRates {
  total: number;
  right: number;
  rightFirst: number;
  rightInTop5: number;
  wrongOpened: number;
  outcomes: EverydayOutcome[];
}

function acceptable(query: EverydayQuery): string[] {
  if ('open' in query) return [query.open];
  if ('ask' in query) return query.ask;
  if ('offer' in query) return [query.offer];
  return [];
}

function judge(query: EverydayQuery, choice: AnswerChoice<SearchHit>): EverydayOutcome {
  const shown =
    choice.kind === 'chosen'
      ? [choice.chosen.ref, ...choice.others.map((h) => h.ref)]
      : (choice.kind === 'ambiguous' ? choice.candidates : choice.closest).map((h) => h.ref);
  const meant = acceptable(query);
  if ('none' in query) {
    const honest = choice.kind === 'none';
    return {
      query,
      choice,
      shown,
      right: honest,
      rightFirst: honest,
      rightInTop5: honest,
      wrongOpened: choice.kind === 'chosen',
    };
  }
  const rightFirst = meant.includes(shown[0]);
  const right =
    'open' in query
      ? choice.kind === 'chosen' && rightFirst
      : 'ask' in query
        ? choice.kind === 'ambiguous' && rightFirst
        : rightFirst;
  return {
    query,
    choice,
    shown,
    right,
    rightFirst,
    rightInTop5: shown.slice(0, 5).some((ref) => meant.includes(ref)),
    wrongOpened: choice.kind === 'chosen' && !meant.includes(choice.chosen.ref),
  };
}

/** Every everyday query answered against `docs` (the demo catalog), with the rates. */
export async function everydayRates(docs: SearchDoc[]): Promise<EverydayRates> {
  const index = CatalogSearchIndex.build(docs);
  const find = (query: string, limit: number) => index.search(query, { limit });
  const outcomes: EverydayOutcome[] = [];
  for (const query of EVERYDAY_QUERIES) {
    outcomes.push(judge(query, await chooseMatch(query.query, find, (hit) => hit, ALTERNATIVES)));
  }
  const count = (test: (o: EverydayOutcome) => boolean) => outcomes.filter(test).length;
  return {
    total: outcomes.length,
    right: count((o) => o.right),
    rightFirst: count((o) => o.rightFirst),
    rightInTop5: count((o) => o.rightInTop5),
    wrongOpened: count((o) => o.wrongOpened),
    outcomes,
  };
}

/** One line per wrong outcome: the query, what the person got, and what they meant. */
export function describeMisses(rates: EverydayRates): string[] {
  return rates.outcomes
    .filter((o) => !o.right)
    .map((o) => {
      const got = o.choice.kind === 'chosen' ? 'opened' : o.choice.kind === 'ambiguous' ? 'asked' : 'nothing matches';
      const meant = 'none' in o.query ? 'nothing matches' : acceptable(o.query).join(' or ');
      return `${o.query.group} "${o.query.query}": ${got} [${o.shown.slice(0, 3).join(', ')}], meant ${meant}`;
    });
}
