// What a GitHub webhook delivery asks of the catalog: which repositories to read again, which
// are gone, whether the teams and people changed. Pure: the payload in, a plan out.
import picomatch from 'picomatch';
import { CODE_OWNERS_PATHS } from '../../sources/github/repository-query.js';

export interface WebhookPlan {
  /** Repositories to read again now. */
  read: string[];
  /** Repositories (by name in the organisation) whose location is gone. */
  gone: string[];
  /** Read the teams and members again. */
  organisation: boolean;
  /** Repositories whose CODEOWNERS file and file list to read again (a push changed one or the other). */
  codeOwners?: string[];
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
  /** Present when CODEOWNERS files are kept: whether one is stored for the repository. */
  codeOwners?: { has: (repo: string) => Promise<boolean> };
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
/** Events that may change the organisation's teams and people (its Group and User entities). */
const ORG_EVENTS = new Set(['team', 'membership', 'organization']);

/** Every event that can change the catalog: what a hook or a GitHub App subscribes to (docs/github.md). */
export const CATALOG_EVENTS = ['push', 'repository', ...ORG_EVENTS, 'installation_repositories'] as const;
/**
 * What the catalog does not hold: repository collaborators (`member`), a team's access to a
 * repository (`team_add`, team `added_to_repository`/`removed_from_repository`), invitations
 * not yet accepted. Reading the teams again for them would cost points and change nothing.
 */
const NOT_IN_CATALOG: Record<string, string> = {
  member: 'repository collaborators are not in the catalog',
  team_add: "a team's access to repositories is not in the catalog",
  'team.added_to_repository': "a team's access to repositories is not in the catalog",
  'team.removed_from_repository': "a team's access to repositories is not in the catalog",
  'organization.member_invited': 'an invitation changes no membership until it is accepted',
};

function ownerOf(repo?: RepositoryPayload): string | undefined {
  return repo?.owner?.login ?? repo?.full_name?.split('/')[0];
}

function sameOrg(org: string, repo?: RepositoryPayload): boolean {
  const owner = ownerOf(repo);
  return !!owner && owner.toLowerCase() === org.toLowerCase();
}

export async function planForEvent(
  event: string,
  payload: Record<string, unknown>,
  context: PushContext,
): Promise<WebhookPlan> {
  if (event === 'push') return planForPush(payload as PushPayload, context);
  if (event === 'repository') return planForRepository(payload, context);
  if (event === 'installation_repositories') return planForInstallationRepositories(payload, context);
  const notInCatalog = NOT_IN_CATALOG[event] ?? NOT_IN_CATALOG[`${event}.${String(payload.action)}`];
  if (notInCatalog) return nothing(notInCatalog);
  if (ORG_EVENTS.has(event)) {
    // GitHub sends these with an `organization`; without one, the repository's owner says whose
    // it is, and with neither the delivery reached this organisation's hook, so it is ours.
    const login =
      (payload.organization as { login?: string } | undefined)?.login ??
      ownerOf(payload.repository as RepositoryPayload | undefined);
    if (login && login.toLowerCase() !== context.org.toLowerCase())
      return nothing(`an event of another organisation (${login})`);
    return { read: [], gone: [], organisation: true };
  }
  return nothing(`${event} events do not change the catalog`);
}

/**
 * Repositories given to or taken from the GitHub App's installation: the app can read the
 * added ones now, and the removed ones no longer (their entities leave, as a full sync would).
 */
function planForInstallationRepositories(payload: Record<string, unknown>, context: PushContext): WebhookPlan {
  const account = (payload.installation as { account?: { login?: string } } | undefined)?.account?.login;
  if (account?.toLowerCase() !== context.org.toLowerCase()) return nothing('an installation of another account');
  const names = (list: unknown) =>
    (Array.isArray(list) ? list : [])
      .map((r: { name?: unknown }) => r?.name)
      .filter((n): n is string => typeof n === 'string');
  return { read: names(payload.repositories_added), gone: names(payload.repositories_removed), organisation: false };
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
  const dependents = pushedBranch
    ? context.dependents(owner, repo.name, pushedBranch, unsure ? undefined : [...touched])
    : [];
  const onCatalogBranch = pushedBranch === branch;
  if (!onCatalogBranch && !dependents.length)
    return nothing(`a push to ${pushedBranch ?? push.ref}, not the catalog branch`);
  const read = new Set<string>();
  if (onCatalogBranch) {
    const isCatalogPath = picomatch(context.catalogPath, { dot: true });
    const known = await context.knownPaths(repo.name);
    if (unsure || [...touched].some((p) => isCatalogPath(p) || known.has(p))) read.add(repo.name);
  }
  // Repositories (this one too) whose Location entities read a file this push touched.
  for (const dependent of dependents) read.add(dependent);
  const codeOwners = onCatalogBranch && (await codeOwnersChanged(push, touched, unsure, context)) ? [repo.name] : [];
  if (!read.size && !codeOwners.length) return nothing('the push touched no catalog file');
  return { read: [...read], gone: [], organisation: false, ...(codeOwners.length ? { codeOwners } : {}) };
}

/**
 * Whether a push to the catalog branch changed what answers "who owns this file?": a CODEOWNERS
 * file in one of GitHub's three places, or (for a repository with one stored) the list of files,
 * by adding or removing some. A push too long to list its files counts when one is stored.
 */
async function codeOwnersChanged(
  push: PushPayload,
  touched: ReadonlySet<string>,
  unsure: boolean | undefined,
  context: PushContext,
): Promise<boolean> {
  const repo = push.repository!;
  if (!context.codeOwners) return false;
  if ([...touched].some((p) => (CODE_OWNERS_PATHS as readonly string[]).includes(p))) return true;
  const commits = push.commits?.length ? push.commits : push.head_commit ? [push.head_commit] : [];
  const addedOrRemoved = commits.some((c) => (c.added?.length ?? 0) + (c.removed?.length ?? 0) > 0);
  return (unsure || addedOrRemoved) && context.codeOwners.has(repo.name);
}

function planForRepository(payload: Record<string, unknown>, context: PushContext): WebhookPlan {
  const action = String(payload.action ?? '');
  const repo = payload.repository as RepositoryPayload | undefined;
  if (!repo) return nothing('a repository event without a repository');
  const changes = payload.changes as
    | {
        repository?: { name?: { from?: string } };
        owner?: { from?: { organization?: { login?: string }; user?: { login?: string } } };
      }
    | undefined;
  const ours = sameOrg(context.org, repo);
  switch (action) {
    case 'deleted':
      return ours
        ? { read: [], gone: [repo.name], organisation: false }
        : nothing('a repository of another organisation');
    case 'renamed': {
      // GitHub's own example names the current name as `from`. Then there is nothing to remove:
      // removing and reading the same location in one delivery would lose its entities until the
      // next full sync. (A change of case is a move: location keys keep the name's case.)
      const from = changes?.repository?.name?.from;
      const moved = from && from !== repo.name ? [from] : [];
      if (!ours) return nothing('a repository of another organisation');
      return { read: [repo.name], gone: moved, organisation: false };
    }
    case 'transferred': {
      if (ours) return { read: [repo.name], gone: [], organisation: false };
      const previous = changes?.owner?.from?.organization?.login ?? changes?.owner?.from?.user?.login;
      // Moved out of the organisation: its location here is gone.
      return previous?.toLowerCase() === context.org.toLowerCase()
        ? { read: [], gone: [repo.name], organisation: false }
        : nothing('a repository of another organisation');
    }
    default:
      // created, archived, unarchived, publicized, privatized, edited: the filters decide on reading.
      return ours
        ? { read: [repo.name], gone: [], organisation: false }
        : nothing('a repository of another organisation');
  }
}
