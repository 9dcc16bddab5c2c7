// The fake GitHub's world: one organisation's repositories (branches of files with real git blob
// oids), teams and people. Tests build it, mutate it between syncs, and the HTTP layers read it.
import { createHash } from 'node:crypto';
import { emptyHealth, type FakeRepositoryHealth } from './repository-health.js';

export type Visibility = 'public' | 'private' | 'internal';

export interface FakeBranch {
  name: string;
  /** path -> file content */
  files: Map<string, string>;
  /** The head commit's oid: changes whenever a file of the branch changes. */
  commit: string;
}

export interface FakeRepository {
  id: number;
  name: string;
  owner: string;
  description: string | null;
  defaultBranch: string;
  branches: Map<string, FakeBranch>;
  topics: string[];
  archived: boolean;
  fork: boolean;
  visibility: Visibility;
  createdAt: Date;
  pushedAt: Date;
  /** Licence, protection, rulesets, checks and Dependabot alerts (scorecards' GitHub facts). */
  health: FakeRepositoryHealth;
}

export interface FakeTeam {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  privacy: 'closed' | 'secret';
  parentSlug?: string;
  /** Logins of the team's direct members. */
  members: string[];
}

export interface FakeUser {
  id: number;
  login: string;
  name: string | null;
  /** The public profile email; null when the user keeps it private. */
  email: string | null;
}

export interface RepositorySpec {
  name: string;
  /** Files of the default branch. */
  files?: Record<string, string>;
  defaultBranch?: string;
  /** Other branches and their files. */
  branches?: Record<string, Record<string, string>>;
  description?: string;
  topics?: string[];
  archived?: boolean;
  fork?: boolean;
  visibility?: Visibility;
}

export interface TeamSpec {
  slug: string;
  name?: string;
  description?: string;
  parent?: string;
  members?: string[];
  privacy?: 'closed' | 'secret';
}

export interface UserSpec {
  login: string;
  name?: string;
  email?: string | null;
}

/** Git's blob id: sha1 of `blob <byte length>\0<content>`. */
export function gitBlobOid(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

export class FakeOrganisation {
  /**
   * The organisation's GitHub plan (`free`, `team`, `enterprise`), shown to owners in
   * `GET /orgs/{org}` as `plan`; absent, the answer has no plan (as for a non-owner token).
   */
  plan?: 'free' | 'team' | 'enterprise';

  readonly repositories = new Map<string, FakeRepository>();
  readonly teams = new Map<string, FakeTeam>();
  readonly users = new Map<string, FakeUser>();
  /** Organisation members' logins (the org's people, whether or not in a team). */
  readonly members = new Set<string>();
  /** Old `owner/name` (lower-cased) -> repository id: GitHub redirects renamed and transferred repositories. */
  readonly redirects = new Map<string, number>();
  /** Repositories that left the organisation by transfer, by id, so redirects can still answer. */
  readonly transferred = new Map<number, FakeRepository>();
  private nextId = 1000;
  private commitCounter = 0;
  private clock: number;

  constructor(
    readonly login: string,
    readonly id = 1,
    start = Date.parse('2024-01-01T00:00:00Z'),
  ) {
    this.clock = start;
  }

  /** A strictly increasing time, so creation order and pushedAt are stable across fast tests. */
  private tick(): Date {
    this.clock += 1000;
    return new Date(this.clock);
  }

  private newCommit(repo: string, branch: string, files: Map<string, string>): string {
    this.commitCounter += 1;
    const listing = [...files.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([p, c]) => `${p}:${gitBlobOid(c)}`);
    return sha1(`commit ${this.commitCounter} ${repo} ${branch}\n${listing.join('\n')}`);
  }

  addRepository(spec: RepositorySpec): FakeRepository {
    if (this.repository(spec.name)) throw new Error(`fake GitHub: repository ${spec.name} exists`);
    const defaultBranch = spec.defaultBranch ?? 'main';
    const created = this.tick();
    const repo: FakeRepository = {
      id: this.nextId++,
      name: spec.name,
      owner: this.login,
      description: spec.description ?? null,
      defaultBranch,
      branches: new Map(),
      topics: [...(spec.topics ?? [])],
      archived: spec.archived ?? false,
      fork: spec.fork ?? false,
      visibility: spec.visibility ?? 'private',
      createdAt: created,
      pushedAt: created,
      health: emptyHealth(),
    };
    const branchFiles: Record<string, Record<string, string>> = {
      [defaultBranch]: spec.files ?? {},
      ...(spec.branches ?? {}),
    };
    for (const [name, files] of Object.entries(branchFiles)) {
      const map = new Map(Object.entries(files));
      repo.branches.set(name, { name, files: map, commit: this.newCommit(spec.name, name, map) });
    }
    this.repositories.set(spec.name.toLowerCase(), repo);
    return repo;
  }

  repository(name: string): FakeRepository | undefined {
    return this.repositories.get(name.toLowerCase());
  }

  requireRepository(name: string): FakeRepository {
    const repo = this.repository(name);
    if (!repo) throw new Error(`fake GitHub: no repository ${name}`);
    return repo;
  }

  /** Repositories in creation order (GitHub's listing order here). */
  repositoryList(): FakeRepository[] {
    return [...this.repositories.values()].sort((a, b) => a.id - b.id);
  }

  branch(repo: FakeRepository, name?: string): FakeBranch | undefined {
    if (!name || name === 'HEAD') return repo.branches.get(repo.defaultBranch);
    return (
      repo.branches.get(name.replace(/^refs\/heads\//, '')) ??
      [...repo.branches.values()].find((b) => b.commit === name)
    );
  }

  /** Writes (or, with `content` null, deletes) one file as one commit. */
  setFile(repoName: string, path: string, content: string | null, branchName?: string): FakeBranch {
    const repo = this.requireRepository(repoName);
    const name = branchName ?? repo.defaultBranch;
    let branch = repo.branches.get(name);
    if (!branch) {
      branch = { name, files: new Map(), commit: '' };
      repo.branches.set(name, branch);
    }
    if (content === null) branch.files.delete(path);
    else branch.files.set(path, content);
    branch.commit = this.newCommit(repo.name, name, branch.files);
    repo.pushedAt = this.tick();
    return branch;
  }

  deleteFile(repoName: string, path: string, branchName?: string): FakeBranch {
    return this.setFile(repoName, path, null, branchName);
  }

  deleteRepository(name: string): FakeRepository {
    const repo = this.requireRepository(name);
    this.repositories.delete(name.toLowerCase());
    for (const [key, id] of this.redirects) if (id === repo.id) this.redirects.delete(key);
    return repo;
  }

  renameRepository(name: string, newName: string): FakeRepository {
    const repo = this.requireRepository(name);
    if (this.repository(newName)) throw new Error(`fake GitHub: repository ${newName} exists`);
    this.repositories.delete(name.toLowerCase());
    this.redirects.set(`${this.login}/${name}`.toLowerCase(), repo.id);
    repo.name = newName;
    this.repositories.set(newName.toLowerCase(), repo);
    return repo;
  }

  /** Moves a repository to another owner: it leaves this organisation, its old name redirects. */
  transferRepository(name: string, newOwner: string): FakeRepository {
    const repo = this.requireRepository(name);
    this.repositories.delete(name.toLowerCase());
    this.redirects.set(`${this.login}/${name}`.toLowerCase(), repo.id);
    repo.owner = newOwner;
    this.transferred.set(repo.id, repo);
    return repo;
  }

  setArchived(name: string, archived = true): FakeRepository {
    const repo = this.requireRepository(name);
    repo.archived = archived;
    return repo;
  }

  repositoryById(id: number): FakeRepository | undefined {
    return [...this.repositories.values()].find((r) => r.id === id) ?? this.transferred.get(id);
  }

  addUser(spec: UserSpec): FakeUser {
    const user: FakeUser = { id: this.nextId++, login: spec.login, name: spec.name ?? null, email: spec.email ?? null };
    this.users.set(spec.login.toLowerCase(), user);
    this.members.add(spec.login);
    return user;
  }

  user(login: string): FakeUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  addTeam(spec: TeamSpec): FakeTeam {
    for (const login of spec.members ?? []) if (!this.user(login)) this.addUser({ login });
    const team: FakeTeam = {
      id: this.nextId++,
      slug: spec.slug,
      name: spec.name ?? spec.slug,
      description: spec.description ?? null,
      privacy: spec.privacy ?? 'closed',
      parentSlug: spec.parent,
      members: [...(spec.members ?? [])],
    };
    this.teams.set(spec.slug, team);
    return team;
  }

  team(slug: string): FakeTeam | undefined {
    return this.teams.get(slug);
  }

  deleteTeam(slug: string): void {
    this.teams.delete(slug);
    for (const team of this.teams.values()) if (team.parentSlug === slug) team.parentSlug = undefined;
  }

  addTeamMember(slug: string, login: string): void {
    const team = this.teams.get(slug);
    if (!team) throw new Error(`fake GitHub: no team ${slug}`);
    if (!this.user(login)) this.addUser({ login });
    if (!team.members.includes(login)) team.members.push(login);
  }

  removeTeamMember(slug: string, login: string): void {
    const team = this.teams.get(slug);
    if (team) team.members = team.members.filter((m) => m !== login);
  }

  teamList(): FakeTeam[] {
    return [...this.teams.values()].sort((a, b) => a.id - b.id);
  }

  childTeams(slug: string): FakeTeam[] {
    return this.teamList().filter((t) => t.parentSlug === slug);
  }

  /** Members of a team and, with `all`, of its child teams (GitHub's membership: ALL). */
  teamMembers(slug: string, membership: 'IMMEDIATE' | 'CHILD_TEAM' | 'ALL' = 'ALL'): FakeUser[] {
    const team = this.teams.get(slug);
    if (!team) return [];
    const logins = new Set<string>();
    if (membership !== 'CHILD_TEAM') for (const m of team.members) logins.add(m);
    if (membership !== 'IMMEDIATE') {
      const walk = (s: string) =>
        this.childTeams(s).forEach((child) => {
          for (const m of child.members) logins.add(m);
          walk(child.slug);
        });
      walk(slug);
    }
    return [...logins]
      .map((l) => this.user(l))
      .filter((u): u is FakeUser => !!u)
      .sort((a, b) => a.id - b.id);
  }

  memberList(): FakeUser[] {
    return [...this.members]
      .map((l) => this.user(l))
      .filter((u): u is FakeUser => !!u)
      .sort((a, b) => a.id - b.id);
  }
}
