// The query API every surface uses: find an entity from loose words, show its card,
// resolve its owner to a team and people, collect its doc links.
import { appendAll } from '../append.js';
import type { NoticeActions } from '../notices/notice-actions.js';
import type { DeliveryIssueSummary } from './types.js';
import type { CardRows, CatalogStore, EntitySummaryRow } from '../store/index.js';
import { repositoryName } from '../catalog/repository-name.js';
import type { RelationType } from '../catalog/relation-types.js';
import type { Relation } from '../catalog/types.js';
import { docLinks, repositoryUrl } from './doc-links.js';
import { ownershipChain } from './ownership-chain.js';
import { personCard, personOf } from './person-card.js';
import { summarize, summarizeMissing, teamContact } from './summaries.js';
import type {
  AnnotatedEntity,
  CatalogStatus,
  DocLink,
  EntityCard,
  EntitySummary,
  FoundEntity,
  MatchKind,
  OwnerView,
  Person,
  PersonCard,
  TeamContact,
} from './types.js';

export interface SearchHitLike {
  ref: string;
  match: MatchKind;
  score: number;
}

/** Finds refs from loose words (the search layer, handed in so the portal stays below it). */
export type EntitySearch = (
  query: string,
  options: { kinds?: string[]; limit?: number },
) => Promise<SearchHitLike[]> | SearchHitLike[];

export interface PortalOptions {
  docsBaseUrl?: string;
  /** Channels notices could not reach lately (the notices' delivery records them). */
  deliveryIssues?: () => Promise<DeliveryIssueSummary[]>;
  /** App Home's "Needs your attention": open notices, Snooze a week, Not ours. */
  notices?: NoticeActions;
}

/** Problems /callboard status can show; the rest are counted. */
const STATUS_PROBLEMS = 50;

/** How far up the group tree escalation goes: deep enough for any real org, safe from cycles. */
const MAX_ESCALATION_DEPTH = 10;

export class Portal {
  constructor(
    private readonly store: CatalogStore,
    private readonly searchEntities: EntitySearch,
    private readonly options: PortalOptions = {},
  ) {}

  async find(words: string, options: { kinds?: string[]; limit?: number } = {}): Promise<FoundEntity[]> {
    const hits = await this.searchHits(words, options);
    return withSummaries(hits, await this.store.entitySummaries(hits.map((h) => h.ref)));
  }

  /** What find finds, before the database: refs from the search index, best first, without summaries. */
  async searchHits(words: string, options: { kinds?: string[]; limit?: number } = {}): Promise<SearchHitLike[]> {
    const query = words.trim();
    return query ? this.searchEntities(query, options) : [];
  }

  /** Whether `words` may be a repository's address (findByRepository looks it up before any search). */
  namesRepository(words: string): boolean {
    const query = words.trim();
    return Boolean(repositoryName(query) ?? repositoryName(query, { allowSlug: true }));
  }

  /**
   * The entities whose annotations name the repository `words` is the address of (any form people
   * paste: a URL, `git@host:org/repo.git`, `org/repo`), or undefined when `words` is none. A bare
   * `org/repo` may as well be a `namespace/name`, so it counts only when it finds something.
   */
  async findByRepository(words: string): Promise<{ repository: string; found: FoundEntity[] } | undefined> {
    const query = words.trim();
    const address = repositoryName(query);
    const repository = address ?? repositoryName(query, { allowSlug: true });
    if (!repository) return undefined;
    const rows = await this.store.entitiesByRepository(repository);
    if (!rows.length && !address) return undefined;
    return { repository, found: rows.map((summary) => ({ summary, match: 'exact', score: 0 })) };
  }

  async summary(ref: string): Promise<EntitySummary | undefined> {
    const stored = await this.store.getEntity(ref);
    return stored && summarize(stored);
  }

  async card(ref: string): Promise<EntityCard | undefined> {
    // One query: the card is what a person waits for, and each round trip was a share of the wait.
    const rows = await this.store.cardRows(ref);
    return rows && this.cardFrom(rows);
  }

  /**
   * The card of `ref` and `hits` as find gives them (an entity no longer in the catalog left out),
   * read at once rather than one after the other; undefined when `ref` is not in the catalog.
   */
  async cardWithHits(
    ref: string,
    hits: SearchHitLike[],
  ): Promise<{ card: EntityCard; found: FoundEntity[] } | undefined> {
    // Both reads at once: on Postgres they run side by side on two connections.
    const [rows, summaries] = await Promise.all([
      this.store.cardRows(ref),
      this.store.entitySummaries(hits.map((h) => h.ref)),
    ]);
    return rows && { card: this.cardFrom(rows), found: withSummaries(hits, summaries) };
  }

  private cardFrom(rows: CardRows): EntityCard {
    const { entity: stored, related: relations } = rows;
    const ownerRef = relations.find((r) => r.type === 'ownedBy')?.target;
    const owner = rows.ownerEntity && { entity: rows.ownerEntity };
    const systemDomain = rows.systemDomain && (rows.systemDomain.summary ?? summarizeMissing(rows.systemDomain.target));
    const targets = (type: RelationType, kind?: string) =>
      relations
        .filter((r) => r.type === type && (!kind || r.target.startsWith(`${kind}:`)))
        .map((r) => r.summary ?? summarizeMissing(r.target));

    return {
      summary: summarize(stored),
      entity: stored.entity,
      tags: stored.entity.metadata.tags ?? [],
      owner: owner ? { ...summarize(owner), ...teamContact(owner) } : undefined,
      unresolvedOwner: ownerRef && !owner ? ownerRef : undefined,
      system: targets('partOf', 'system')[0],
      domain: targets('partOf', 'domain')[0] ?? systemDomain,
      providesApis: targets('providesApi'),
      consumesApis: targets('consumesApi'),
      dependsOn: targets('dependsOn'),
      dependencyOf: targets('dependencyOf'),
      hasPart: [...targets('hasPart'), ...targets('apiProvidedBy'), ...targets('hasMember')],
      repoUrl: repositoryUrl(stored.entity),
      docs: docLinks(stored.entity, this.options),
      sourceFile: stored.fileUrl ?? stored.file,
    };
  }

  /** Entities related to `ref` by one relation type, e.g. dependsOn, dependencyOf, hasMember. */
  async related(ref: string, type: RelationType): Promise<EntitySummary[]> {
    const relations = await this.store.relationsFrom(ref, [type]);
    const related = await this.loadTargets(relations);
    return relations.map((r) => related.get(r.target) ?? summarizeMissing(r.target));
  }

  async docs(ref: string): Promise<{ summary: EntitySummary; links: DocLink[] } | undefined> {
    const stored = await this.store.getEntity(ref);
    return stored && { summary: summarize(stored), links: docLinks(stored.entity, this.options) };
  }

  /** Who owns `ref`: the team (or `ref` itself when it is a group), its people and escalation path. */
  async owner(ref: string): Promise<OwnerView | undefined> {
    const subject = await this.store.getEntity(ref);
    if (!subject) return undefined;
    const kind = subject.entity.kind.toLowerCase();
    const ownerRef = kind === 'group' ? subject.ref : (await this.store.relationsFrom(ref, ['ownedBy']))[0]?.target;
    const view: OwnerView = { subject: summarize(subject), members: [], escalation: [], owns: [] };
    if (kind === 'user') {
      view.members = [personOf(subject)];
      return view;
    }
    if (!ownerRef) return view;
    const owner = ownerRef === subject.ref ? subject : await this.store.getEntity(ownerRef);
    if (!owner) {
      view.unresolvedOwner = ownerRef;
      return view;
    }
    if (owner.entity.kind.toLowerCase() === 'user') {
      view.members = [personOf(owner)];
      view.owns = await this.related(owner.ref, 'ownerOf');
      return view;
    }
    view.team = { ...summarize(owner), ...teamContact(owner) };
    const memberRefs = (await this.store.relationsFrom(owner.ref, ['hasMember'])).map((r) => r.target);
    view.members = (await this.store.getEntities(memberRefs)).map(personOf);
    view.escalation = await this.escalationPath(owner.ref);
    view.owns = (await this.related(owner.ref, 'ownerOf')).filter((e) => e.ref !== subject.ref);
    return view;
  }

  /** The entity, its owner and the owner's parents, nearest first: where on-call annotations are looked for. */
  async ownershipChain(ref: string): Promise<AnnotatedEntity[]> {
    return ownershipChain(this.store, ref);
  }

  /** A catalog User's card: teams, what they own, where their on-call may be. Undefined for other kinds. */
  async person(ref: string): Promise<PersonCard | undefined> {
    return personCard(this.store, ref);
  }

  /** Catalog Users with this email (case-insensitive). */
  async usersByEmail(email: string): Promise<Person[]> {
    return (await this.store.usersByEmail(email)).map(personOf);
  }

  /** For App Home: the catalog user with this email, their teams and what those teams own. */
  async homeFor(email: string): Promise<{ user?: EntitySummary; teams: EntitySummary[]; owned: EntitySummary[] }> {
    const [user] = await this.store.usersByEmail(email);
    if (!user) return { teams: [], owned: [] };
    const teams = await this.related(user.ref, 'memberOf');
    const owned: EntitySummary[] = [];
    for (const ref of [user.ref, ...teams.map((t) => t.ref)]) appendAll(owned, await this.related(ref, 'ownerOf'));
    return { user: summarize(user), teams, owned: uniqueByRef(owned) };
  }

  /** Notices App Home shows and acts on; undefined when notices are not wired in. */
  get notices(): NoticeActions | undefined {
    return this.options.notices;
  }

  async status(): Promise<CatalogStatus> {
    const [byKind, problems, runs, listed, deliveryIssues] = await Promise.all([
      this.store.countsByKind(),
      this.store.problemCount(),
      this.store.lastSyncRuns(),
      this.store.listProblems({ limit: STATUS_PROBLEMS }),
      this.options.deliveryIssues?.() ?? Promise.resolve([]),
    ]);
    const byLocation = new Map<string, CatalogStatus['problemsByLocation'][number]['problems']>();
    for (const problem of listed) {
      const list = byLocation.get(problem.locationKey) ?? [];
      list.push({ file: problem.file, field: problem.field, message: problem.message });
      byLocation.set(problem.locationKey, list);
    }
    return {
      entities: Object.values(byKind).reduce((a, b) => a + b, 0),
      byKind,
      problems,
      lastSync: runs[0],
      lastSyncBySource: runs,
      problemsByLocation: [...byLocation].map(([location, list]) => ({
        location: describeLocation(location),
        problems: list,
      })),
      deliveryIssues,
    };
  }

  private async escalationPath(groupRef: string): Promise<Array<EntitySummary & TeamContact>> {
    const path: Array<EntitySummary & TeamContact> = [];
    const seen = new Set([groupRef]);
    let current = groupRef;
    for (let depth = 0; depth < MAX_ESCALATION_DEPTH; depth++) {
      const parentRef = (await this.store.relationsFrom(current, ['childOf']))[0]?.target;
      if (!parentRef || seen.has(parentRef)) break;
      seen.add(parentRef);
      const parent = await this.store.getEntity(parentRef);
      if (!parent) break;
      path.push({ ...summarize(parent), ...teamContact(parent) });
      current = parentRef;
    }
    return path;
  }

  private async loadTargets(relations: Relation[]): Promise<Map<string, EntitySummary>> {
    const summaries = await this.store.entitySummaries(relations.map((r) => r.target));
    return new Map(summaries.map((e) => [e.ref, e]));
  }
}

/** `github:acme/payments` -> `acme/payments`; `dir:/srv/catalog` -> `/srv/catalog`. */
function describeLocation(key: string): string {
  return key.replace(/^(github|github-org|dir|scaffold):/, '');
}

function uniqueByRef(items: EntitySummary[]): EntitySummary[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (seen.has(item.ref)) return false;
    seen.add(item.ref);
    return true;
  });
}

/** `hits` with their summaries; an entity removed since the index was built is simply left out. */
function withSummaries(hits: SearchHitLike[], summaries: EntitySummaryRow[]): FoundEntity[] {
  const byRef = new Map(summaries.map((e) => [e.ref, e]));
  return hits.flatMap((hit) => {
    const summary = byRef.get(hit.ref);
    return summary ? [{ summary, match: hit.match, score: hit.score }] : [];
  });
}
