// "Who owns this?" for whatever a message names (src/ownership/things-named.ts finds it): a file
// or stack frame is owned through its repository's CODEOWNERS (the last matching line; `@org/team`
// is the Group with that GitHub team, `@user` and emails are Users), falling back to the entity
// that owns the repository; a repository, pull request or Actions run through the entities that
// name the repository; an entity by its owner; a PagerDuty service by the entity that names it.
// Frames of one repository with one owner are answered together. Every entity a message's
// CODEOWNERS lines and entity refs name is read from the store in one query before answering:
// each read is a round trip that costs tens of milliseconds on a busy database.
import { parseEntityRef, stringifyEntityRef } from '../catalog/refs.js';
import type { CatalogStore } from '../store/catalog-store.js';
import type { CodeOwner } from '../ownership/code-owners.js';
import type { RepositoryFilesIndex } from '../ownership/repository-files.js';
import type { ThingNamed, ThingsNamed } from '../ownership/things-named.js';

export interface OwnedThing {
  /** What the message named, as short labels (a repository's frames share one answer). */
  labels: string[];
  /** The catalog entity the thing is (a component for a repository), when one is. */
  entityRef?: string;
  /** The owner: a Group or User ref in the catalog. */
  ownerRef?: string;
  /** An owner CODEOWNERS names that the catalog does not know (`@acme/ghost`). */
  unknownOwners: string[];
  /** How the owner was decided: `CODEOWNERS line 4 (/src/refunds/ @acme/refunds)`, `owner of component:default/payments`. */
  via: string;
}

export interface OwnerFromAnywhere {
  owned: OwnedThing[];
  /** Things named that nothing in the catalog answers (a file of a repository not synced, an unknown repository). */
  unknown: string[];
}

/** The store queries this needs. */
type OwnershipStore = Pick<CatalogStore, 'entitiesByRepository' | 'getEntity' | 'getEntities' | 'usersByEmail'>;

/** The store as one message's answer sees it: reads remembered, and refs read ahead in one query. */
interface RememberingStore extends OwnershipStore {
  readAhead(refs: Iterable<string>): Promise<void>;
}

interface OwnershipDeps {
  store: OwnershipStore;
  files: RepositoryFilesIndex;
  /** Exact-name lookup of entities (the search index), for bare words. */
  exactNames: (word: string) => Promise<string[]>;
  /** Entities whose `pagerduty.com/service-id` annotation is `id`. */
  pagerDutyService: (id: string) => Promise<string[]>;
}

/** Words looked up by name at most: each is a search in memory. */
const MAX_WORD_LOOKUPS = 40;

export async function ownerFromAnywhere(found: ThingsNamed, given: OwnershipDeps): Promise<OwnerFromAnywhere> {
  // A trace names the same repositories and teams frame after frame: each is read from the store once.
  const deps = { ...given, store: rememberingStore(given.store) };
  const groups = new Map<string, OwnedThing>();
  const unknown: string[] = [];
  const add = (label: string, owned: Omit<OwnedThing, 'labels'>) => {
    const key = `${owned.entityRef ?? ''}|${owned.ownerRef ?? ''}|${owned.unknownOwners.join(',')}|${owned.via}`;
    const existing = groups.get(key);
    if (existing) {
      if (!existing.labels.includes(label)) existing.labels.push(label);
    } else groups.set(key, { labels: [label], ...owned });
  };
  const strong = found.things.filter((t) => t.kind !== 'word');
  await deps.store.readAhead(strong.flatMap((thing) => refsNamed(thing, deps.files)));
  for (const thing of strong) await answerThing(thing, deps, add, unknown);
  // Bare words only when nothing stronger was named: in a stack trace every identifier is a word.
  if (!strong.length) {
    const words: Array<{ text: string; refs: string[] }> = [];
    for (const thing of found.things) {
      if (thing.kind !== 'word') continue;
      if (words.length >= MAX_WORD_LOOKUPS) break;
      words.push({ text: thing.text, refs: await deps.exactNames(thing.word) });
    }
    await deps.store.readAhead(words.flatMap((w) => w.refs));
    for (const { text, refs } of words) for (const ref of refs) await answerEntity(ref, text, deps, add);
  }
  return { owned: [...groups.values()], unknown };
}

type Deps = OwnershipDeps & { store: RememberingStore };

/** The repository file a file link or stack frame names, as `owner/name` and path, when the index has it. */
function fileNamed(thing: ThingNamed, files: RepositoryFilesIndex): { slug: string; path: string } | undefined {
  if (thing.kind === 'file') return { slug: `${thing.owner}/${thing.repo}`, path: thing.path };
  if (thing.kind !== 'stack-frame') return undefined;
  const file = files.fileForFrame(thing.path);
  return file && { slug: file.repository.replace(/^[a-z]+:\/\/[^/]+\//i, ''), path: file.path };
}

/** The entity refs answering `thing` will read that are known without the store: its CODEOWNERS owners, or the ref itself. */
function refsNamed(thing: ThingNamed, files: RepositoryFilesIndex): string[] {
  if (thing.kind === 'entity-ref') return [thing.ref];
  const file = fileNamed(thing, files);
  const rule = file && files.ownership(file.slug, file.path)?.rule;
  return (rule?.owners ?? []).map(codeOwnerRef).filter((ref): ref is string => !!ref);
}

type Add = (label: string, owned: Omit<OwnedThing, 'labels'>) => void;

async function answerThing(thing: ThingNamed, deps: Deps, add: Add, unknown: string[]): Promise<void> {
  switch (thing.kind) {
    case 'file': {
      const label = `${thing.owner}/${thing.repo}: ${thing.path}${thing.line ? `:${thing.line}` : ''}`;
      if (!(await answerFile(`${thing.owner}/${thing.repo}`, thing.path, label, deps, add)))
        if (!(await answerRepository(`${thing.owner}/${thing.repo}`, label, deps, add))) unknown.push(label);
      return;
    }
    case 'stack-frame': {
      const file = fileNamed(thing, deps.files);
      const label = `${thing.path}:${thing.line}`;
      if (!file) {
        unknown.push(label);
        return;
      }
      if (!(await answerFile(file.slug, file.path, `${file.slug}: ${file.path}`, deps, add))) unknown.push(label);
      return;
    }
    case 'repository':
    case 'pull-request':
    case 'actions-run': {
      const slug = `${thing.owner}/${thing.repo}`;
      const label =
        thing.kind === 'pull-request'
          ? `${slug}#${thing.number}`
          : thing.kind === 'actions-run'
            ? `${slug} Actions run ${thing.runId}`
            : slug;
      // A bare `org/repo` may be anything with a slash: it counts only when the catalog knows it.
      if (!(await answerRepository(slug, label, deps, add)) && thing.text.startsWith('http')) unknown.push(label);
      return;
    }
    case 'entity-ref': {
      if (!(await answerEntity(thing.ref, thing.ref, deps, add))) unknown.push(thing.ref);
      return;
    }
    case 'pagerduty-service': {
      const refs = await deps.pagerDutyService(thing.serviceId);
      for (const ref of refs) await answerEntity(ref, `PagerDuty service ${thing.serviceId}`, deps, add);
      if (!refs.length) unknown.push(`PagerDuty service ${thing.serviceId}`);
      return;
    }
    case 'word':
      return;
  }
}

/** Through CODEOWNERS; false when the repository has none synced or no line matches. */
async function answerFile(slug: string, path: string, label: string, deps: Deps, add: Add): Promise<boolean> {
  const ownership = deps.files.ownership(slug, path);
  if (!ownership?.rule) return answerRepository(slug, label, deps, add);
  const rule = ownership.rule;
  const via = `${ownership.codeOwnersPath} line ${rule.line} (${rule.pattern})`;
  if (!rule.owners.length) {
    add(label, { unknownOwners: [], via: `${via}: no owner` });
    return true;
  }
  const resolved = await Promise.all(rule.owners.map((o) => ownerEntity(o, deps.store)));
  const known = resolved.filter((r): r is string => !!r);
  const unknownOwners = rule.owners.filter((_o, i) => !resolved[i]).map((o) => o.text);
  // The first owner the catalog knows answers; the others are listed in `via`.
  add(label, {
    ownerRef: known[0],
    unknownOwners,
    via: via + (known.length > 1 ? ` with ${known.slice(1).join(', ')}` : ''),
  });
  return true;
}

async function answerRepository(slug: string, label: string, deps: Deps, add: Add): Promise<boolean> {
  const rows = await deps.store.entitiesByRepository(slug.toLowerCase());
  const components = rows.filter((r) => r.kind === 'component');
  const chosen = components.length ? components : rows;
  for (const row of chosen.slice(0, 3)) await answerEntity(row.ref, label, deps, add);
  return chosen.length > 0;
}

async function answerEntity(ref: string, label: string, deps: Deps, add: Add): Promise<boolean> {
  const stored = await deps.store.getEntity(ref);
  if (!stored) return false;
  const kind = stored.entity.kind.toLowerCase();
  if (kind === 'group' || kind === 'user') {
    add(label, { entityRef: ref, ownerRef: ref, unknownOwners: [], via: `${ref} itself` });
    return true;
  }
  const spec = stored.entity.spec as { owner?: unknown } | undefined;
  let ownerRef: string | undefined;
  if (typeof spec?.owner === 'string') {
    try {
      ownerRef = stringifyEntityRef(
        parseEntityRef(spec.owner, {
          defaultKind: 'group',
          defaultNamespace: stored.entity.metadata.namespace ?? 'default',
        }),
      );
    } catch {
      ownerRef = undefined;
    }
  }
  const exists = ownerRef ? !!(await deps.store.getEntity(ownerRef)) : false;
  add(label, {
    entityRef: ref,
    ownerRef: exists ? ownerRef : undefined,
    unknownOwners: ownerRef && !exists ? [ownerRef] : [],
    via: `owner of ${ref}`,
  });
  return true;
}

/** The entity a CODEOWNERS owner names by ref: `@org/team` → the Group named by the team's slug, `@user` → the User; an email has none. */
function codeOwnerRef(owner: CodeOwner): string | undefined {
  if (owner.kind === 'team') return `group:default/${owner.slug}`;
  if (owner.kind === 'user') return `user:default/${owner.login.toLowerCase()}`;
  return undefined;
}

/** `@org/team` → the Group with that GitHub team (named by its slug), `@user` → the User, email → the User with it. */
async function ownerEntity(owner: CodeOwner, store: OwnershipStore): Promise<string | undefined> {
  const ref = codeOwnerRef(owner);
  if (!ref) return owner.kind === 'email' ? (await store.usersByEmail(owner.email))[0]?.ref : undefined;
  const found = await store.getEntity(ref);
  if (owner.kind !== 'team' || !found) return found?.ref;
  const slug = found.entity.metadata.annotations?.['github.com/team-slug'];
  return !slug || slug.toLowerCase() === `${owner.org}/${owner.slug}`.toLowerCase() ? found.ref : undefined;
}

/** The store's answers kept for one message: the same ref, repository or email is read once. */
function rememberingStore(store: OwnershipStore): RememberingStore {
  const remember = <T>(read: (key: string) => Promise<T>) => {
    const known = new Map<string, Promise<T>>();
    const get = (key: string) => {
      let answer = known.get(key);
      if (!answer) {
        answer = read(key);
        known.set(key, answer);
      }
      return answer;
    };
    return { get, known };
  };
  const entities = remember((ref) => store.getEntity(ref));
  return {
    getEntity: entities.get,
    getEntities: (refs) => store.getEntities(refs),
    entitiesByRepository: remember((slug) => store.entitiesByRepository(slug)).get,
    usersByEmail: remember((email) => store.usersByEmail(email)).get,
    async readAhead(refs) {
      const wanted = [...new Set(refs)].filter((ref) => !entities.known.has(ref));
      if (!wanted.length) return;
      const found = new Map((await store.getEntities(wanted)).map((stored) => [stored.ref, stored]));
      for (const ref of wanted) entities.known.set(ref, Promise.resolve(found.get(ref)));
    },
  };
}
