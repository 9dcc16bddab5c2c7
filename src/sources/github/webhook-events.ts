// What a GitHub webhook delivery asks of the catalog: which repositories to read again, which
// are gone, whether the teams and people changed. Pure: the payload in, a plan out.
import picomatch from 'picomatch';

export interface WebhookPlan {
  /** Repositories to read again now. */
  read: string[];
  /** Repositories (by name in the organisation) whose location is gone. */
  gone: string[];
  /** Read the teams and members again. */
  organisation: boolean;
  /** Pushes to other branches, other organisations, or files no catalog reads. */
  ignoredBecause?: string;
}

export interface PushContext {
  org: string;
  catalogPath: string;
  /** The configured branch; undefined: each repository's default branch. */
  branch?: string;
  /** Files the store holds for a repository (paths in its location), to see pushes to Location targets. */
  knownPaths: (repo: string) => Promise<ReadonlySet<string>>;
  /** Repositories whose Location entities read these files (any file, without paths) of a branch. */
  dependents: (owner: string, repo: string, branch: string, paths?: string[]) => string[];
}

interface RepositoryPayload {
  name: string;
  full_name?: string;
  owner?: { login?: string };
  default_branch?: string;
}

interface PushPayload {
  ref?: string;
  deleted?: boolean;
  repository?: RepositoryPayload;
  commits?: { added?: string[]; modified?: string[]; removed?: string[] }[];
  head_commit?: { added?: string[]; modified?: string[]; removed?: string[] } | null;
}

const nothing = (reason: string): WebhookPlan => ({ read: [], gone: [], organisation: false, ignoredBecause: reason });
const ORG_EVENTS = new Set(['team', 'membership', 'organization', 'member', 'team_add']);

function sameOrg(org: string, repo?: RepositoryPayload): boolean {
  const owner = repo?.owner?.login ?? repo?.full_name?.split('/')[0];
  return !!owner && owner.toLowerCase() === org.toLowerCase();
}

export async function planForEvent(event: string, payload: Record<string, unknown>, context: PushContext): Promise<WebhookPlan> {
  if (event === 'push') return planForPush(payload as PushPayload, context);
  if (event === 'repository') return planForRepository(payload, context);
  if (ORG_EVENTS.has(event)) {
    const login = (payload.organization as { login?: string } | undefined)?.login;
    if (login && login.toLowerCase() !== context.org.toLowerCase()) return nothing(`an event of another organisation (${login})`);
    return { read: [], gone: [], organisation: true };
  }
  return nothing(`${event} events do not change the catalog`);
}

async function planForPush(push: PushPayload, context: PushContext): Promise<WebhookPlan> {
  const repo = push.repository;
  if (!repo || !sameOrg(context.org, repo)) return nothing('a push to another organisation');
  const branch = context.branch ?? repo.default_branch;
  const pushedBranch = push.ref?.replace(/^refs\/heads\//, '');
  const owner = repo.owner?.login ?? context.org;
  const commits = push.commits?.length ? push.commits : push.head_commit ? [push.head_commit] : [];
  const touched = new Set(commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? []), ...(c.removed ?? [])]));
  // GitHub lists at most 20 commits (and no files for a branch deletion): when unsure, read.
  const unsure = push.deleted || (push.commits?.length ?? 0) >= 20 || !commits.length;
  const dependents = pushedBranch ? context.dependents(owner, repo.name, pushedBranch, unsure ? undefined : [...touched]) : [];
  const onCatalogBranch = pushedBranch === branch;
  if (!onCatalogBranch && !dependents.length) return nothing(`a push to ${pushedBranch ?? push.ref}, not the catalog branch`);
  const read = new Set<string>();
  if (onCatalogBranch) {
    const isCatalogPath = picomatch(context.catalogPath, { dot: true });
    const known = await context.knownPaths(repo.name);
    if (unsure || [...touched].some((p) => isCatalogPath(p) || known.has(p))) read.add(repo.name);
  }
  // Repositories (this one too) whose Location entities read a file this push touched.
  for (const dependent of dependents) read.add(dependent);
  if (!read.size) return nothing('the push touched no catalog file');
  return { read: [...read], gone: [], organisation: false };
}

function planForRepository(payload: Record<string, unknown>, context: PushContext): WebhookPlan {
  const action = String(payload.action ?? '');
  const repo = payload.repository as RepositoryPayload | undefined;
  if (!repo) return nothing('a repository event without a repository');
  const changes = payload.changes as { repository?: { name?: { from?: string } }; owner?: { from?: { organization?: { login?: string }; user?: { login?: string } } } } | undefined;
  const ours = sameOrg(context.org, repo);
  switch (action) {
    case 'deleted':
      return ours ? { read: [], gone: [repo.name], organisation: false } : nothing('a repository of another organisation');
    case 'renamed': {
      const from = changes?.repository?.name?.from;
      return ours ? { read: [repo.name], gone: from ? [from] : [], organisation: false } : nothing('a repository of another organisation');
    }
    case 'transferred': {
      if (ours) return { read: [repo.name], gone: [], organisation: false };
      const previous = changes?.owner?.from?.organization?.login ?? changes?.owner?.from?.user?.login;
      // Moved out of the organisation: its location here is gone.
      return previous?.toLowerCase() === context.org.toLowerCase() ? { read: [], gone: [repo.name], organisation: false } : nothing('a repository of another organisation');
    }
    default:
      // created, archived, unarchived, publicized, privatized, edited: the filters decide on reading.
      return ours ? { read: [repo.name], gone: [], organisation: false } : nothing('a repository of another organisation');
  }
}
