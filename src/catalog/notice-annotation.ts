// The annotation a Group (or User) sets to choose which notices Callboard sends it:
//   callboard.dev/notices: none                         # opt out of all of them
//   callboard.dev/notices: catalog-problem, archived    # only these kinds
// Absent, or `all`: every kind. An unknown kind is a problem on that field; the kinds that are
// known still apply, so a typo costs the team one kind, never all of them.
import type { EntityProblem } from './problem.js';
import type { Entity } from './types.js';

const NOTICES_ANNOTATION = 'callboard.dev/notices';

/** The kinds of notice, as a team names them in the annotation. */
const NOTICE_KINDS = ['catalog-problem', 'orphan', 'archived', 'scorecard'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

interface NoticeChoice {
  /** The kinds the team wants. */
  kinds: Set<NoticeKind>;
  /** Words in the annotation that name no kind. */
  unknown: string[];
}

export function noticeChoice(entity: Entity): NoticeChoice {
  const raw = entity.metadata.annotations?.[NOTICES_ANNOTATION];
  if (raw === undefined) return { kinds: new Set(NOTICE_KINDS), unknown: [] };
  const words = raw
    .split(',')
    .map((word) => word.trim().toLowerCase())
    .filter(Boolean);
  if (words.length === 1 && words[0] === 'none') return { kinds: new Set(), unknown: [] };
  if (words.length === 1 && words[0] === 'all') return { kinds: new Set(NOTICE_KINDS), unknown: [] };
  const known = new Set<string>(NOTICE_KINDS);
  return {
    kinds: new Set(words.filter((word): word is NoticeKind => known.has(word))),
    unknown: words.filter((word) => !known.has(word)),
  };
}

/** A problem for each unknown kind (the entity is kept: the problem only costs that word). */
export function noticeAnnotationProblems(entity: Entity): EntityProblem[] {
  return noticeChoice(entity).unknown.map((word) => ({
    field: `metadata.annotations.${NOTICES_ANNOTATION}`,
    message: `"${word}" is not a kind of notice; use none, all, or some of ${NOTICE_KINDS.join(', ')}`,
  }));
}
