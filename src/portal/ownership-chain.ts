// Where an entity's on-call lives: on the entity itself, else on its owner group, else on that
// group's parents, nearest first (as Backstage's PagerDuty and Opsgenie plugins look it up).
import type { CatalogStore, StoredEntity } from '../store/index.js';
import type { AnnotatedEntity } from './types.js';

/** Deep enough for any real organisation, safe from cycles. */
const MAX_DEPTH = 10;

export async function ownershipChain(store: CatalogStore, ref: string): Promise<AnnotatedEntity[]> {
  const subject = await store.getEntity(ref);
  if (!subject) return [];
  const chain = [subject];
  let group: StoredEntity | undefined = isGroup(subject) ? subject : undefined;
  if (!group) {
    const ownerRef = (await store.relationsFrom(ref, ['ownedBy']))[0]?.target;
    const owner = ownerRef ? await store.getEntity(ownerRef) : undefined;
    if (owner) chain.push(owner);
    if (owner && isGroup(owner)) group = owner;
  }
  const seen = new Set(chain.map((e) => e.ref));
  for (let depth = 0; group && depth < MAX_DEPTH; depth++) {
    const parentRef: string | undefined = (await store.relationsFrom(group.ref, ['childOf']))[0]?.target;
    if (!parentRef || seen.has(parentRef)) break;
    seen.add(parentRef);
    group = await store.getEntity(parentRef);
    if (group) chain.push(group);
  }
  return chain.map(annotated);
}

export function annotated(stored: StoredEntity): AnnotatedEntity {
  return {
    ref: stored.ref,
    name: stored.entity.metadata.title ?? stored.name,
    annotations: stored.entity.metadata.annotations ?? {},
  };
}

function isGroup(stored: StoredEntity): boolean {
  return stored.entity.kind.toLowerCase() === 'group';
}
