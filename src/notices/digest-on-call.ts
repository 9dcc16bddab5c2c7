// "Who is on call this week" for a team's digest: the on-call providers the team (or its parent
// groups) names, else those its own entities name (a few, deduplicated); the people on call now and
// those whose shifts start before the week is out. A provider that fails leaves "unknown", not a
// wrong name; the digest puts its own budget around the whole lookup (WeeklyDigest.onCallBudgetMs).
import type { OnCallAnswer, OnCallDirectory, OnCallShift } from '../oncall/index.js';
import { annotated, ownershipChain } from '../portal/ownership-chain.js';
import type { AnnotatedEntity } from '../portal/types.js';
import type { CatalogStore } from '../store/catalog-store.js';

/** Entities of a team asked when the team names no provider itself: one per distinct target, at most this many. */
const MAX_ENTITY_TARGETS = 3;
const WEEK_MS = 7 * 24 * 3600_000;

export function teamOnCall(directory: OnCallDirectory, catalog: CatalogStore) {
  return async (teamRef: string, weekOf: Date): Promise<string[] | 'unknown'> => {
    const chain = await ownershipChain(catalog, teamRef);
    let answers: OnCallAnswer[];
    if (directory.targets(chain).length) answers = await directory.lookup(chain);
    else {
      const owned = await catalog.getEntities(
        (await catalog.relationsFrom(teamRef, ['ownerOf'])).map((relation) => relation.target),
      );
      const seen = new Set<string>();
      const sources: AnnotatedEntity[] = [];
      for (const entity of owned.map(annotated).sort((a, b) => a.ref.localeCompare(b.ref))) {
        const keys = directory
          .targets([entity])
          .map(({ target }) => `${target.provider}:${target.kind}:${target.value}`);
        if (!keys.length || keys.every((key) => seen.has(key))) continue;
        for (const key of keys) seen.add(key);
        sources.push(entity);
        if (sources.length >= MAX_ENTITY_TARGETS) break;
      }
      answers = (await Promise.all(sources.map((entity) => directory.lookup([entity])))).flat();
    }
    return peopleThisWeek(answers, weekOf);
  };
}

/** Names of level-1 people on call now or starting before the week ends, with the roster they are on. */
function peopleThisWeek(answers: OnCallAnswer[], weekOf: Date): string[] | 'unknown' {
  const weekEnd = weekOf.getTime() + WEEK_MS;
  const names: string[] = [];
  let unknown = false;
  for (const answer of answers) {
    if (!answer.roster) {
      if (answer.state === 'unavailable') unknown = true;
      continue;
    }
    const shifts: OnCallShift[] = [
      ...answer.roster.now.filter((shift) => shift.level === 1),
      ...answer.roster.next.filter((shift) => shift.level === 1 && (shift.start?.getTime() ?? 0) < weekEnd),
    ];
    const people = [...new Set(shifts.map((shift) => shift.person.name))];
    if (people.length) names.push(`${people.join(', then ')} (${answer.provider.label}: ${answer.roster.name})`);
  }
  if (!names.length && unknown) return 'unknown';
  return names;
}
