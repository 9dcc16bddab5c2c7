// Which notices are true now, worked out from the catalog alone (pure: the facts are read by the
// store, the result is reconciled into it). Each notice names the entity, the owner to tell, why,
// and what to do. Its key is derived from what it is about, so the same trouble found again is
// the same notice and is never sent twice.
import { createHash } from 'node:crypto';
import { noticeChoice, type NoticeKind } from '../catalog/notice-annotation.js';
import type { Entity } from '../catalog/types.js';
import type { EntityFact, NoticeFacts, ProblemFact } from '../store/notice-facts.js';
import type { NoticeDraft } from '../store/notice-store.js';
import { runToEnd, type Steps } from '../slices.js';

export interface NoticeInputs extends NoticeFacts {
  /** Repositories (`org/repo`, lower-cased) GitHub reports as archived. */
  archivedRepositories?: ReadonlySet<string>;
  /** User refs whose email Slack knows no account for. */
  usersWithoutSlack?: ReadonlySet<string>;
  /** Notices other features raise (scorecards: a level dropped, a check newly failing). */
  extra?: NoticeDraft[];
}

/** Items looked at between two points where the work may pause. */
const STEP = 250;

export function findNotices(inputs: NoticeInputs): NoticeDraft[] {
  return runToEnd(findNoticeSteps(inputs));
}

/** findNotices as steps, so a 20k-entity catalog can be looked through in slices (runInSlices). */
export function* findNoticeSteps(inputs: NoticeInputs): Steps<NoticeDraft[]> {
  const byRef = new Map<string, EntityFact>();
  const byFile = new Map<string, EntityFact[]>();
  const byLocation = new Map<string, EntityFact[]>();
  let seen = 0;
  // Yields every STEP items counted through it: the loops below call it once per item.
  const pause = () => ++seen % STEP === 0;
  for (const entity of inputs.entities) {
    byRef.set(entity.ref, entity);
    push(byFile, `${entity.locationKey}\u0000${entity.file}`, entity);
    push(byLocation, entity.locationKey, entity);
    if (pause()) yield;
  }
  const drafts = new Map<string, NoticeDraft>();
  const add = (draft: NoticeDraft) => {
    if (wanted(draft, byRef)) drafts.set(draft.key, draft);
  };

  for (const problem of inputs.problems) {
    if (pause()) yield;
    // An owner the catalog does not hold is an orphan notice below, not a problem to its owner.
    if (problem.category === 'reference' && problem.field === 'spec.owner') continue;
    for (const { ownerRef, entityRef } of problemOwners(problem, byRef, byFile, byLocation)) {
      const where = `${problem.file}${problem.field ? ` (${problem.field})` : ''}`;
      add({
        key: noticeKey(
          'catalog-problem',
          problem.locationKey,
          problem.file,
          problem.document,
          problem.field,
          problem.message,
          ownerRef,
        ),
        kind: 'catalog-problem',
        entityRef,
        ownerRef,
        title: `${entityRef} has a catalog problem`,
        why: `${where}: ${problem.message}`,
        action: `Fix ${problem.file}; Callboard reads it again on the next push or sync.`,
        file: problem.file,
      });
    }
  }

  for (const location of inputs.failedLocations) {
    for (const [ownerRef, held] of groupByOwner(byLocation.get(location.key) ?? [], byRef)) {
      add({
        key: noticeKey('catalog-problem', 'unreadable', location.key, ownerRef),
        kind: 'catalog-problem',
        entityRef: held[0].ref,
        ownerRef,
        title: `${location.target} could not be read`,
        why: `${location.error ?? 'the last read failed'}; ${held.length} entit${held.length === 1 ? 'y keeps' : 'ies keep'} what was last read.`,
        action: 'Check that Callboard can still read the repository or folder (access, path, branch).',
        file: location.target,
      });
    }
  }

  const owners = new Set<string>();
  for (const entity of inputs.entities) {
    if (pause()) yield;
    if (!entity.owner) continue;
    owners.add(entity.owner);
    if (!byRef.has(entity.owner)) {
      add({
        key: noticeKey('orphan', 'owner-missing', entity.ref, entity.owner),
        kind: 'orphan',
        entityRef: entity.ref,
        ownerRef: null,
        title: `${entity.ref} is owned by ${entity.owner}, which is not in the catalog`,
        why: `spec.owner names ${entity.owner}, and no such entity exists (renamed or removed?).`,
        action: `Set spec.owner in ${entity.file} to a team that exists, or add ${entity.owner} to the catalog.`,
        file: entity.file,
      });
    }
  }

  for (const ref of owners) {
    if (pause()) yield;
    const group = byRef.get(ref);
    if (group?.kind !== 'group') continue;
    const members = inputs.members.get(ref) ?? [];
    const present = members.filter((member) => byRef.has(member));
    const reachable = present.filter((member) => !inputs.usersWithoutSlack?.has(member));
    if (!members.length) {
      add(orphanGroup(group, 'no-members', `${ref} owns entities but has no members.`));
    } else if (!present.length) {
      add(orphanGroup(group, 'members-gone', `Every member of ${ref} has left the catalog (${members.join(', ')}).`));
    } else if (!reachable.length && inputs.usersWithoutSlack) {
      const who = present.map((member) => {
        const email = byRef.get(member)?.email;
        return email ? `${member} (${email})` : member;
      });
      add(
        orphanGroup(
          group,
          'no-slack-account',
          `No Slack account found for any member of ${ref}: Slack has no active user with the email of ${who.join(', ')}.`,
          `Add members who are in Slack to ${ref}, correct their spec.profile.email, or move its entities to another owner.`,
        ),
      );
    }
  }

  if (inputs.archivedRepositories?.size) {
    for (const entity of inputs.entities) {
      if (pause()) yield;
      if (entity.lifecycle !== 'production') continue;
      const archived = entity.repositories.find((repo) => inputs.archivedRepositories?.has(repo));
      if (!archived) continue;
      add({
        key: noticeKey('archived', entity.ref, archived),
        kind: 'archived',
        entityRef: entity.ref,
        ownerRef: ownerOf(entity),
        title: `${entity.ref} says production, but ${archived} is archived`,
        why: `GitHub reports ${archived} as archived while spec.lifecycle is production.`,
        action: `Set spec.lifecycle to deprecated in ${entity.file}, or unarchive the repository.`,
        file: entity.file,
      });
    }
  }

  for (const draft of inputs.extra ?? []) {
    if (pause()) yield;
    add(draft);
  }
  return [...drafts.values()];
}

/** Who is told about an entity: its owner; a group or user is its own. */
export function ownerOf(entity: Pick<EntityFact, 'ref' | 'kind' | 'owner'>): string | null {
  if (entity.owner) return entity.owner;
  return entity.kind === 'group' || entity.kind === 'user' ? entity.ref : null;
}

function orphanGroup(group: EntityFact, detail: string, why: string, action?: string): NoticeDraft {
  return {
    key: noticeKey('orphan', detail, group.ref),
    kind: 'orphan',
    entityRef: group.ref,
    // The group's channel may still hear it; with nobody to reach, routing falls to the platform channel.
    ownerRef: group.ref,
    title: `${group.ref} owns entities but nobody is left to act`,
    why,
    action: action ?? `Add members to ${group.ref} (or its GitHub team), or move its entities to another owner.`,
    file: group.file,
  };
}

/** The owners a problem concerns, each with the entity it is reported against. */
function problemOwners(
  problem: ProblemFact,
  byRef: Map<string, EntityFact>,
  byFile: Map<string, EntityFact[]>,
  byLocation: Map<string, EntityFact[]>,
): Array<{ ownerRef: string | null; entityRef: string }> {
  const entity = problem.entityRef ? byRef.get(problem.entityRef) : undefined;
  if (entity) return [{ ownerRef: ownerOf(entity), entityRef: entity.ref }];
  // The document no longer yields an entity: tell whoever owns what the file (or else the
  // repository) still holds.
  let groups = groupByOwner(byFile.get(`${problem.locationKey}\u0000${problem.file}`) ?? [], byRef);
  if (!groups.size) {
    // A repository whose entities one team owns: that team. A folder of many teams': nobody guessed.
    const owned = (byLocation.get(problem.locationKey) ?? []).filter((entity) => entity.owner);
    const inLocation = groupByOwner(owned, byRef);
    if (inLocation.size === 1) groups = inLocation;
  }
  const subject =
    problem.entityRef ??
    `${problem.file}${problem.document !== undefined ? ` (document ${problem.document + 1})` : ''}`;
  if (!groups.size) return [{ ownerRef: null, entityRef: subject }];
  return [...groups].map(([ownerRef, held]) => ({ ownerRef, entityRef: problem.entityRef ?? held[0].ref }));
}

function groupByOwner(held: EntityFact[], byRef: Map<string, EntityFact>): Map<string | null, EntityFact[]> {
  const groups = new Map<string | null, EntityFact[]>();
  for (const entity of held) {
    const owner = ownerOf(entity);
    // An owner missing from the catalog cannot be reached: the platform channel hears it.
    push(groups, owner && byRef.has(owner) ? owner : null, entity);
  }
  return groups;
}

/** False when the owner's callboard.dev/notices annotation leaves this kind out. */
function wanted(draft: NoticeDraft, byRef: Map<string, EntityFact>): boolean {
  if (!draft.ownerRef) return true;
  const owner = byRef.get(draft.ownerRef);
  if (!owner?.noticesAnnotation) return true;
  const entity = {
    metadata: { annotations: { 'callboard.dev/notices': owner.noticesAnnotation } },
  } as unknown as Entity;
  return noticeChoice(entity).kinds.has(draft.kind as NoticeKind);
}

export function noticeKey(...parts: Array<string | number | null | undefined>): string {
  const [kind, ...rest] = parts;
  const digest = createHash('sha256')
    .update(JSON.stringify(rest.map((part) => part ?? null)))
    .digest('hex')
    .slice(0, 24);
  return `${kind}:${digest}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
