// Who someone is in the catalog, and which groups they belong to: a Slack user's email finds
// their catalog User; their groups are the ones they are a member of and every parent of those
// (a member of payments-team belongs to engineering too).
import type { CatalogStore } from '../../store/index.js';

export class CatalogMembership {
  constructor(private readonly store: Pick<CatalogStore, 'usersByEmail' | 'relationsFrom'>) {}

  async userRefByEmail(email: string | undefined): Promise<string | undefined> {
    if (!email) return undefined;
    const [user] = await this.store.usersByEmail(email);
    return user?.ref;
  }

  /** The canonical refs of every group `userRef` belongs to, directly or through a parent group. */
  async groupsOf(userRef: string): Promise<Set<string>> {
    const groups = new Set<string>();
    let frontier = (await this.store.relationsFrom(userRef, ['memberOf'])).map((r) => r.target);
    while (frontier.length) {
      const next: string[] = [];
      for (const group of frontier) {
        if (groups.has(group)) continue;
        groups.add(group);
        next.push(...(await this.store.relationsFrom(group, ['childOf'])).map((r) => r.target));
      }
      frontier = next;
    }
    return groups;
  }

  async isMember(userRef: string | undefined, groupRef: string): Promise<boolean> {
    if (!userRef) return false;
    return (await this.groupsOf(userRef)).has(groupRef.toLowerCase());
  }
}
