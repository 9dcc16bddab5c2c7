// The fake organisation seen through GitHub's GraphQL types. graphql-js's default resolver calls a
// value's methods with (args), so each GitHub type is a small class over the in-memory model.
import { GraphQLError } from 'graphql';
import {
  gitBlobOid,
  sha1,
  type FakeBranch,
  type FakeOrganisation,
  type FakeRepository,
  type FakeTeam,
  type FakeUser,
} from './organisation.js';
import { codeOwnersErrors, rulesFor } from './repository-health.js';

export interface GraphQLContext {
  org: FakeOrganisation;
  /** Browser base, e.g. https://github.com */
  htmlBase: string;
  rateLimit: { cost: number; limit: number; remaining: number; used: number; resetAt: string; nodeCount: number };
}

/** GitHub truncates Blob.text beyond this size. */
export const BLOB_TEXT_LIMIT = 512 * 1024;

export class NotFoundError extends GraphQLError {
  readonly type = 'NOT_FOUND';
}

/** What GitHub answers for a field the token's permissions do not reach. */
export class ForbiddenError extends GraphQLError {
  readonly type = 'FORBIDDEN';
  constructor() {
    super('Resource not accessible by integration');
  }
}

function refuseIf(repo: FakeRepository, field: string): void {
  if (repo.health.refused.has(field)) throw new ForbiddenError();
}

const encodeId = (kind: string, ...parts: (string | number)[]) =>
  Buffer.from(`${kind}:${parts.join(':')}`).toString('base64');
const encodeCursor = (n: number) => Buffer.from(`cursor:v2:${n}`).toString('base64');
function decodeCursor(cursor: string | null | undefined): number | undefined {
  if (!cursor) return undefined;
  const match = /^cursor:v2:(-?\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new GraphQLError(`\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A connection over items in a stable order, each with a numeric key that cursors encode. */
function connection<T, N>(items: T[], keyOf: (item: T) => number, args: PageArgs, toNode: (item: T) => N) {
  let list = items;
  const after = decodeCursor(args.after);
  const before = decodeCursor(args.before);
  if (after !== undefined) list = list.filter((i) => keyOf(i) > after);
  if (before !== undefined) list = list.filter((i) => keyOf(i) < before);
  const total = list.length;
  let page = list;
  if (args.first != null) page = list.slice(0, args.first);
  else if (args.last != null) page = list.slice(Math.max(0, list.length - args.last));
  const first = page[0];
  const last = page[page.length - 1];
  return {
    totalCount: items.length,
    nodes: page.map(toNode),
    edges: page.map((item) => ({ cursor: encodeCursor(keyOf(item)), node: toNode(item) })),
    pageInfo: {
      startCursor: first ? encodeCursor(keyOf(first)) : null,
      endCursor: last ? encodeCursor(keyOf(last)) : null,
      hasNextPage: args.first != null ? total > page.length : false,
      hasPreviousPage: args.last != null ? total > page.length : false,
    },
  };
}

export class RootQuery {
  constructor(private readonly ctx: GraphQLContext) {}

  organization({ login }: { login: string }) {
    if (login.toLowerCase() !== this.ctx.org.login.toLowerCase()) {
      throw new NotFoundError(`Could not resolve to an Organization with the login of '${login}'.`);
    }
    return new OrganizationNode(this.ctx);
  }

  repository({ owner, name, followRenames }: { owner: string; name: string; followRenames: boolean }) {
    const found = findRepository(this.ctx.org, owner, name, followRenames);
    if (!found) throw new NotFoundError(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
    return new RepositoryNode(this.ctx, found);
  }

  user({ login }: { login: string }) {
    const user = this.ctx.org.user(login);
    if (!user) throw new NotFoundError(`Could not resolve to a User with the login of '${login}'.`);
    return new UserNode(this.ctx, user);
  }

  rateLimit() {
    return this.ctx.rateLimit;
  }
}

function findRepository(
  org: FakeOrganisation,
  owner: string,
  name: string,
  followRenames = true,
): FakeRepository | undefined {
  if (owner.toLowerCase() === org.login.toLowerCase()) {
    const direct = org.repository(name);
    if (direct) return direct;
  }
  if (!followRenames) return undefined;
  const id = org.redirects.get(`${owner}/${name}`.toLowerCase());
  return id === undefined ? undefined : org.repositoryById(id);
}

export class OrganizationNode {
  readonly __typename = 'Organization';
  constructor(private readonly ctx: GraphQLContext) {}
  get id() {
    return encodeId('Organization', this.ctx.org.id);
  }
  get databaseId() {
    return this.ctx.org.id;
  }
  get login() {
    return this.ctx.org.login;
  }
  get name() {
    return this.ctx.org.login;
  }
  get url() {
    return `${this.ctx.htmlBase}/${this.ctx.org.login}`;
  }

  repositories(
    args: PageArgs & {
      privacy?: string;
      isFork?: boolean;
      isArchived?: boolean;
      orderBy?: { field: string; direction: string };
    },
  ) {
    let repos = this.ctx.org.repositoryList();
    if (args.privacy) repos = repos.filter((r) => (r.visibility === 'public') === (args.privacy === 'PUBLIC'));
    if (args.isFork != null) repos = repos.filter((r) => r.fork === args.isFork);
    if (args.isArchived != null) repos = repos.filter((r) => r.archived === args.isArchived);
    if (args.orderBy?.direction === 'DESC') repos = repos.reverse();
    // Cursors carry the repository id; in DESC order they count down, so key by position sign.
    const desc = args.orderBy?.direction === 'DESC';
    return connection(
      repos,
      (r) => (desc ? -r.id : r.id),
      args,
      (r) => new RepositoryNode(this.ctx, r),
    );
  }

  repository({ name, followRenames }: { name: string; followRenames: boolean }) {
    const found = findRepository(this.ctx.org, this.ctx.org.login, name, followRenames);
    if (!found)
      throw new NotFoundError(`Could not resolve to a Repository with the name '${this.ctx.org.login}/${name}'.`);
    return new RepositoryNode(this.ctx, found);
  }

  teams(args: PageArgs & { rootTeamsOnly?: boolean }) {
    let teams = this.ctx.org.teamList();
    if (args.rootTeamsOnly) teams = teams.filter((t) => !t.parentSlug);
    return connection(
      teams,
      (t) => t.id,
      args,
      (t) => new TeamNode(this.ctx, t),
    );
  }

  team({ slug }: { slug: string }) {
    const team = this.ctx.org.team(slug);
    return team ? new TeamNode(this.ctx, team) : null;
  }

  membersWithRole(args: PageArgs) {
    return connection(
      this.ctx.org.memberList(),
      (u) => u.id,
      args,
      (u) => new UserNode(this.ctx, u),
    );
  }
}

export class RepositoryNode {
  readonly __typename = 'Repository';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly repo: FakeRepository,
  ) {}
  get id() {
    return encodeId('Repository', this.repo.id);
  }
  get databaseId() {
    return this.repo.id;
  }
  get name() {
    return this.repo.name;
  }
  get nameWithOwner() {
    return `${this.repo.owner}/${this.repo.name}`;
  }
  get owner() {
    return new OrganizationNode(this.ctx);
  }
  get description() {
    return this.repo.description;
  }
  get url() {
    return `${this.ctx.htmlBase}/${this.repo.owner}/${this.repo.name}`;
  }
  get isArchived() {
    return this.repo.archived;
  }
  get isFork() {
    return this.repo.fork;
  }
  get isPrivate() {
    return this.repo.visibility !== 'public';
  }
  get visibility() {
    return this.repo.visibility.toUpperCase();
  }
  get createdAt() {
    return this.repo.createdAt.toISOString();
  }
  get pushedAt() {
    return this.repo.pushedAt.toISOString();
  }
  get updatedAt() {
    return this.repo.pushedAt.toISOString();
  }

  get defaultBranchRef() {
    const branch = this.ctx.org.branch(this.repo);
    return branch ? new RefNode(this.ctx, this.repo, branch) : null;
  }

  get licenseInfo() {
    const spdx = this.repo.health.licence;
    if (!spdx) return null;
    return {
      __typename: 'License',
      id: encodeId('License', spdx),
      key: spdx.toLowerCase(),
      name: spdx,
      nickname: null,
      spdxId: spdx,
      url: `https://spdx.org/licenses/${spdx}.html`,
    };
  }

  /** GitHub's reading of the CODEOWNERS file on `refName` (default branch): null without one. */
  codeowners({ refName }: { refName?: string | null }) {
    const branch = this.ctx.org.branch(this.repo, refName ?? undefined);
    if (!branch) return null;
    for (const path of ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']) {
      const text = branch.files.get(path);
      if (text !== undefined) return { errors: codeOwnersErrors(this.ctx.org, text, path) };
    }
    return null;
  }

  vulnerabilityAlerts(args: PageArgs & { states?: string[] | null }) {
    refuseIf(this.repo, 'vulnerabilityAlerts');
    const alerts = this.repo.health.alerts.filter((a) => !args.states?.length || args.states.includes(a.state));
    return connection(
      alerts,
      (a) => a.number,
      args,
      (a) => ({
        __typename: 'RepositoryVulnerabilityAlert',
        id: encodeId('RepositoryVulnerabilityAlert', this.repo.id, a.number),
        number: a.number,
        state: a.state,
        securityVulnerability: { __typename: 'SecurityVulnerability', severity: a.severity },
      }),
    );
  }

  ref({ qualifiedName }: { qualifiedName: string }) {
    const branch = this.repo.branches.get(qualifiedName.replace(/^refs\/heads\//, ''));
    return branch ? new RefNode(this.ctx, this.repo, branch) : null;
  }

  repositoryTopics(args: PageArgs) {
    const topics = this.repo.topics.map((name, index) => ({ name, index }));
    return connection(
      topics,
      (t) => t.index,
      args,
      (t) => ({
        __typename: 'RepositoryTopic',
        id: encodeId('RepositoryTopic', this.repo.id, t.name),
        url: `${this.ctx.htmlBase}/topics/${t.name}`,
        topic: { __typename: 'Topic', id: encodeId('Topic', t.name), name: t.name },
      }),
    );
  }

  /** `<rev>:<path>` (a blob or tree), `<rev>` (a commit), or an object id. */
  object({ expression, oid }: { expression?: string; oid?: string }) {
    if (oid) return findByOid(this.ctx, this.repo, oid);
    if (!expression) return null;
    const colon = expression.indexOf(':');
    const rev = colon < 0 ? expression : expression.slice(0, colon);
    const branch = this.ctx.org.branch(this.repo, rev);
    if (!branch) return null;
    if (colon < 0) return new CommitNode(this.ctx, this.repo, branch);
    return objectAt(this.ctx, this.repo, branch, expression.slice(colon + 1).replace(/^\/+|\/+$/g, ''));
  }
}

function findByOid(ctx: GraphQLContext, repo: FakeRepository, oid: string) {
  for (const branch of repo.branches.values()) {
    if (branch.commit === oid) return new CommitNode(ctx, repo, branch);
    for (const [path, content] of branch.files) {
      if (gitBlobOid(content) === oid) return new BlobNode(ctx, repo, path, content);
    }
  }
  return null;
}

function objectAt(ctx: GraphQLContext, repo: FakeRepository, branch: FakeBranch, path: string) {
  if (path === '') return new TreeNode(ctx, repo, branch, '');
  const content = branch.files.get(path);
  if (content !== undefined) return new BlobNode(ctx, repo, path, content);
  const prefix = `${path}/`;
  for (const file of branch.files.keys()) if (file.startsWith(prefix)) return new TreeNode(ctx, repo, branch, path);
  return null;
}

export class RefNode {
  readonly __typename = 'Ref';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly repo: FakeRepository,
    private readonly branch: FakeBranch,
  ) {}
  get id() {
    return encodeId('Ref', this.repo.id, this.branch.name);
  }
  get name() {
    return this.branch.name;
  }
  get prefix() {
    return 'refs/heads/';
  }
  get target() {
    return new CommitNode(this.ctx, this.repo, this.branch);
  }
  get branchProtectionRule() {
    refuseIf(this.repo, 'branchProtectionRule');
    const rule = this.repo.health.protection.get(this.branch.name);
    if (!rule) return null;
    return {
      __typename: 'BranchProtectionRule',
      id: encodeId('BranchProtectionRule', this.repo.id, this.branch.name),
      pattern: this.branch.name,
      requiresApprovingReviews: rule.requiresApprovingReviews,
      requiredApprovingReviewCount: rule.requiredApprovingReviewCount,
      requiresCodeOwnerReviews: false,
      requiresStatusChecks: false,
    };
  }
  /** The ruleset rules that apply to this branch. */
  rules(args: PageArgs) {
    refuseIf(this.repo, 'rules');
    const rules = rulesFor(this.repo, this.branch.name).map((rule, index) => ({ ...rule, index }));
    return connection(
      rules,
      (r) => r.index,
      args,
      (r) => ({
        __typename: 'RepositoryRule',
        id: encodeId('RepositoryRule', r.id),
        type: r.type,
        parameters: r.parameters,
      }),
    );
  }
}

export class CommitNode {
  readonly __typename = 'Commit';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly repo: FakeRepository,
    private readonly branch: FakeBranch,
  ) {}
  get id() {
    return encodeId('Commit', this.repo.id, this.branch.commit);
  }
  get oid() {
    return this.branch.commit;
  }
  get abbreviatedOid() {
    return this.branch.commit.slice(0, 7);
  }
  get repository() {
    return new RepositoryNode(this.ctx, this.repo);
  }
  get committedDate() {
    return this.repo.pushedAt.toISOString();
  }
  get pushedDate() {
    return this.repo.pushedAt.toISOString();
  }
  get tree() {
    return new TreeNode(this.ctx, this.repo, this.branch, '');
  }
  /** The combined status of the commit's checks and statuses; null when it has none. */
  get statusCheckRollup() {
    const state = this.repo.health.checks.get(this.branch.commit);
    return state
      ? { __typename: 'StatusCheckRollup', id: encodeId('StatusCheckRollup', this.branch.commit), state }
      : null;
  }
}

/** A directory's direct entries: its files and the first segment of deeper paths. */
export function treeEntries(
  branch: FakeBranch,
  dir: string,
): { name: string; path: string; type: 'blob' | 'tree'; content?: string }[] {
  const prefix = dir ? `${dir}/` : '';
  const entries = new Map<string, { name: string; path: string; type: 'blob' | 'tree'; content?: string }>();
  for (const [path, content] of branch.files) {
    if (!path.startsWith(prefix)) continue;
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash < 0) entries.set(rest, { name: rest, path, type: 'blob', content });
    else {
      const name = rest.slice(0, slash);
      if (!entries.has(name)) entries.set(name, { name, path: `${prefix}${name}`, type: 'tree' });
    }
  }
  return [...entries.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** A tree's oid: a hash of everything beneath it (not git's exact bytes, but it moves as git's does). */
export function treeOid(branch: FakeBranch, dir: string): string {
  const prefix = dir ? `${dir}/` : '';
  const listing = [...branch.files.entries()]
    .filter(([p]) => p.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([p, c]) => `${p.slice(prefix.length)}:${gitBlobOid(c)}`);
  return sha1(`tree\n${listing.join('\n')}`);
}

export class TreeNode {
  readonly __typename = 'Tree';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly repo: FakeRepository,
    private readonly branch: FakeBranch,
    private readonly path: string,
  ) {}
  get oid() {
    return treeOid(this.branch, this.path);
  }
  get id() {
    return encodeId('Tree', this.repo.id, this.oid);
  }
  get abbreviatedOid() {
    return this.oid.slice(0, 7);
  }
  get repository() {
    return new RepositoryNode(this.ctx, this.repo);
  }
  get entries() {
    return treeEntries(this.branch, this.path).map((entry) => {
      const oid = entry.type === 'blob' ? gitBlobOid(entry.content ?? '') : treeOid(this.branch, entry.path);
      const dot = entry.name.lastIndexOf('.');
      return {
        name: entry.name,
        path: entry.path,
        type: entry.type,
        mode: entry.type === 'blob' ? 0o100644 : 0o040000,
        oid,
        size: entry.type === 'blob' ? Buffer.byteLength(entry.content ?? '') : 0,
        extension: entry.type === 'blob' && dot > 0 ? entry.name.slice(dot) : null,
        object: () =>
          entry.type === 'blob'
            ? new BlobNode(this.ctx, this.repo, entry.path, entry.content ?? '')
            : new TreeNode(this.ctx, this.repo, this.branch, entry.path),
      };
    });
  }
}

export class BlobNode {
  readonly __typename = 'Blob';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly repo: FakeRepository,
    readonly path: string,
    private readonly content: string,
  ) {}
  get oid() {
    return gitBlobOid(this.content);
  }
  get id() {
    return encodeId('Blob', this.repo.id, this.oid);
  }
  get abbreviatedOid() {
    return this.oid.slice(0, 7);
  }
  get repository() {
    return new RepositoryNode(this.ctx, this.repo);
  }
  get byteSize() {
    return Buffer.byteLength(this.content);
  }
  get isBinary() {
    return this.content.includes('\0');
  }
  get isTruncated() {
    return this.byteSize > BLOB_TEXT_LIMIT;
  }
  get text() {
    if (this.isBinary) return null;
    return this.isTruncated ? Buffer.from(this.content).subarray(0, BLOB_TEXT_LIMIT).toString('utf8') : this.content;
  }
}

export class TeamNode {
  readonly __typename = 'Team';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly team: FakeTeam,
  ) {}
  get id() {
    return encodeId('Team', this.team.id);
  }
  get databaseId() {
    return this.team.id;
  }
  get slug() {
    return this.team.slug;
  }
  get combinedSlug() {
    return `${this.ctx.org.login}/${this.team.slug}`;
  }
  get name() {
    return this.team.name;
  }
  get description() {
    return this.team.description;
  }
  get privacy() {
    return this.team.privacy === 'secret' ? 'SECRET' : 'VISIBLE';
  }
  get url() {
    return `${this.ctx.htmlBase}/orgs/${this.ctx.org.login}/teams/${this.team.slug}`;
  }
  get avatarUrl() {
    return null;
  }
  get parentTeam() {
    const parent = this.team.parentSlug ? this.ctx.org.team(this.team.parentSlug) : undefined;
    return parent ? new TeamNode(this.ctx, parent) : null;
  }
  childTeams(args: PageArgs) {
    return connection(
      this.ctx.org.childTeams(this.team.slug),
      (t) => t.id,
      args,
      (t) => new TeamNode(this.ctx, t),
    );
  }
  members(args: PageArgs & { membership?: 'IMMEDIATE' | 'CHILD_TEAM' | 'ALL' }) {
    const users = this.ctx.org.teamMembers(this.team.slug, args.membership ?? 'ALL');
    const page = connection(
      users,
      (u) => u.id,
      args,
      (u) => new UserNode(this.ctx, u),
    );
    return { ...page, edges: page.edges.map((e) => ({ ...e, role: 'MEMBER' })) };
  }
}

export class UserNode {
  readonly __typename = 'User';
  constructor(
    private readonly ctx: GraphQLContext,
    private readonly user: FakeUser,
  ) {}
  get id() {
    return encodeId('User', this.user.id);
  }
  get databaseId() {
    return this.user.id;
  }
  get login() {
    return this.user.login;
  }
  get name() {
    return this.user.name;
  }
  get email() {
    return this.user.email ?? '';
  }
  avatarUrl() {
    return `https://avatars.example.test/u/${this.user.id}`;
  }
  get url() {
    return `${this.ctx.htmlBase}/${this.user.login}`;
  }
}
