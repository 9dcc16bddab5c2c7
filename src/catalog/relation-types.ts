// Backstage's well-known relation types. Each is one half of a pair: when an entity states
// one direction, the catalog records the other direction too.

export const RELATION_OWNED_BY = 'ownedBy' as const;
export const RELATION_OWNER_OF = 'ownerOf' as const;
export const RELATION_CONSUMES_API = 'consumesApi' as const;
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy' as const;
export const RELATION_PROVIDES_API = 'providesApi' as const;
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy' as const;
export const RELATION_DEPENDS_ON = 'dependsOn' as const;
export const RELATION_DEPENDENCY_OF = 'dependencyOf' as const;
export const RELATION_PARENT_OF = 'parentOf' as const;
export const RELATION_CHILD_OF = 'childOf' as const;
export const RELATION_MEMBER_OF = 'memberOf' as const;
export const RELATION_HAS_MEMBER = 'hasMember' as const;
export const RELATION_PART_OF = 'partOf' as const;
export const RELATION_HAS_PART = 'hasPart' as const;

/** Every relation pair as [forward, reverse]. Adding a pair here makes it reversible. */
const RELATION_PAIRS = [
  [RELATION_OWNED_BY, RELATION_OWNER_OF],
  [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
  [RELATION_PARENT_OF, RELATION_CHILD_OF],
  [RELATION_MEMBER_OF, RELATION_HAS_MEMBER],
  [RELATION_PART_OF, RELATION_HAS_PART],
] as const;

/** One of the relation types the catalog records: the only ones stored, asked for or compared. */
export type RelationType = (typeof RELATION_PAIRS)[number][number];

const reverses = new Map<string, RelationType>(
  RELATION_PAIRS.flatMap(
    ([forward, reverse]) =>
      [
        [forward, reverse],
        [reverse, forward],
      ] as const,
  ),
);

/** The other half of a relation pair, e.g. `ownerOf` for `ownedBy`. */
export function reverseRelation(type: string): RelationType {
  const reverse = reverses.get(type);
  if (!reverse) throw new Error(`"${type}" is not one of the catalog's relation types`);
  return reverse;
}
