// GitHub's REST representations of the fake's repositories, teams and people.
import type { FakeOrganisation, FakeRepository, FakeTeam, FakeUser } from './organisation.js';

export interface Bases {
  /** Where the API is served, e.g. http://127.0.0.1:1234 (or .../api/v3 for GHES). */
  api: string;
  /** Browser base, e.g. https://github.com */
  html: string;
}

export function ownerJson(bases: Bases, login: string, id: number, type: 'Organization' | 'User') {
  return {
    login,
    id,
    node_id: Buffer.from(`${type}:${id}`).toString('base64'),
    type,
    url: `${bases.api}/${type === 'User' ? 'users' : 'orgs'}/${login}`,
    html_url: `${bases.html}/${login}`,
    avatar_url: `https://avatars.example.test/u/${id}`,
    site_admin: false,
  };
}

export function repositoryJson(bases: Bases, org: FakeOrganisation, repo: FakeRepository) {
  const fullName = `${repo.owner}/${repo.name}`;
  const ownerIsOrg = repo.owner.toLowerCase() === org.login.toLowerCase();
  return {
    id: repo.id,
    node_id: Buffer.from(`Repository:${repo.id}`).toString('base64'),
    name: repo.name,
    full_name: fullName,
    private: repo.visibility !== 'public',
    visibility: repo.visibility,
    owner: ownerJson(
      bases,
      repo.owner,
      ownerIsOrg ? org.id : repo.id + 1_000_000,
      ownerIsOrg ? 'Organization' : 'User',
    ),
    html_url: `${bases.html}/${fullName}`,
    description: repo.description,
    fork: repo.fork,
    url: `${bases.api}/repos/${fullName}`,
    created_at: repo.createdAt.toISOString(),
    updated_at: repo.pushedAt.toISOString(),
    pushed_at: repo.pushedAt.toISOString(),
    default_branch: repo.defaultBranch,
    topics: [...repo.topics],
    archived: repo.archived,
    disabled: false,
  };
}

export function userJson(bases: Bases, user: FakeUser, full = false) {
  const base = ownerJson(bases, user.login, user.id, 'User');
  return full ? { ...base, name: user.name, email: user.email } : base;
}

export function teamJson(
  bases: Bases,
  org: FakeOrganisation,
  team: FakeTeam,
  withParent = true,
): Record<string, unknown> {
  const parent = withParent && team.parentSlug ? org.team(team.parentSlug) : undefined;
  return {
    id: team.id,
    node_id: Buffer.from(`Team:${team.id}`).toString('base64'),
    slug: team.slug,
    name: team.name,
    description: team.description,
    privacy: team.privacy,
    permission: 'pull',
    url: `${bases.api}/organizations/${org.id}/team/${team.id}`,
    html_url: `${bases.html}/orgs/${org.login}/teams/${team.slug}`,
    members_url: `${bases.api}/organizations/${org.id}/team/${team.id}/members{/member}`,
    parent: parent ? teamJson(bases, org, parent, false) : null,
  };
}

/** Base64 in 60-column lines, as GitHub sends file contents. */
export function githubBase64(content: string): string {
  return `${(
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,60}/g) ?? []
  ).join('\n')}\n`;
}
