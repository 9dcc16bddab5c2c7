// A person as the catalog knows them: their teams (with how to reach each), what those teams own,
// and where to look for their on-call (each team's chain, and owned entities with their own
// on-call annotations).
import type { CatalogStore, StoredEntity } from '../store/index.js';
import { annotated, ownershipChain } from './ownership-chain.js';
import { summarize, teamContact } from './summaries.js';
import type { AnnotatedEntity, EntitySummary, Person, PersonCard } from './types.js';

const ON_CALL_ANNOTATIONS = /^(pagerduty\.com|opsgenie\.com)\//;

export async function personCard(store: CatalogStore, ref: string): Promise<PersonCard | undefined> {
  const user = await store.getEntity(ref);
  if (user?.entity.kind.toLowerCase() !== 'user') return undefined;
  const teamRefs = (await store.relationsFrom(ref, ['memberOf'])).map((r) => r.target);
  const teams = await store.getEntities(teamRefs);
  const ownedRefs = [
    ...new Set(
      (await Promise.all([ref, ...teamRefs].map((r) => store.relationsFrom(r, ['ownerOf']))))
        .flat()
        .map((r) => r.target),
    ),
  ];
  const owned = await store.getEntities(ownedRefs);
  const onCallChains: AnnotatedEntity[][] = [
    ...(await Promise.all(teams.map((team) => ownershipChain(store, team.ref)))),
    ...owned.filter(hasOwnOnCall).map((entity) => [annotated(entity)]),
  ];
  return {
    person: personOf(user),
    summary: summarize(user),
    teams: teams.map((team) => ({ ...summarize(team), ...teamContact(team) })),
    owned: owned.map(summarize).sort(byName),
    onCallChains,
  };
}

export function personOf(stored: StoredEntity): Person {
  const profile = (stored.entity.spec?.profile ?? {}) as { displayName?: unknown; email?: unknown };
  return {
    ref: stored.ref,
    name: stored.name,
    displayName: typeof profile.displayName === 'string' ? profile.displayName : stored.entity.metadata.title,
    email: typeof profile.email === 'string' ? profile.email : undefined,
  };
}

function hasOwnOnCall(stored: StoredEntity): boolean {
  return Object.keys(stored.entity.metadata.annotations ?? {}).some((key) => ON_CALL_ANNOTATIONS.test(key));
}

function byName(a: EntitySummary, b: EntitySummary): number {
  return (a.title ?? a.name).localeCompare(b.title ?? b.name);
}
