// Reads the organisation's teams and members over GraphQL (a hundred teams with their members
// per point) and turns them into one location of generated Group and User documents. A listing
// whose length disagrees with GitHub's own totalCount was cut short: the whole read counts as
// failed, so no team or person it missed is taken for gone.
import { createHash } from 'node:crypto';
import type { LocationSnapshot, SourceFile } from '../types.js';
import type { GitHubConnection } from './connection.js';
import { organisationLocationKey } from './location-keys.js';
import { groupDocument, userDocument, type OrgPerson, type OrgTeam } from './organisation-entities.js';
import { describeError } from './repository-listing.js';

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A listing that ended with fewer (or more) items than GitHub counts. */
function checkComplete(what: string, listed: number, totalCount: number): void {
  if (listed !== totalCount)
    throw new Error(
      `GitHub listed ${listed} of ${totalCount} ${what}; the listing was cut short, so nothing is taken for gone`,
    );
}

const TEAMS_QUERY = `query CatalogTeams($org: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    url
    teams(first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes {
        slug name description url avatarUrl
        parentTeam { slug }
        members(first: 100, membership: IMMEDIATE) { totalCount pageInfo { hasNextPage endCursor } nodes { login } }
      }
    }
  }
}`;

const TEAM_MEMBERS_QUERY = `query CatalogTeamMembers($org: String!, $slug: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    team(slug: $slug) { members(first: 100, after: $after, membership: IMMEDIATE) { totalCount pageInfo { hasNextPage endCursor } nodes { login } } }
  }
}`;

const MEMBERS_QUERY = `query CatalogMembers($org: String!, $after: String) {
  rateLimit { cost remaining resetAt }
  organization(login: $org) {
    membersWithRole(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { login name email avatarUrl url } }
  }
}`;

interface TeamsAnswer {
  organization: {
    url: string;
    teams: {
      totalCount: number;
      pageInfo: PageInfo;
      nodes: {
        slug: string;
        name: string;
        description: string | null;
        url: string;
        avatarUrl: string | null;
        parentTeam: { slug: string } | null;
        members: { totalCount: number; pageInfo: PageInfo; nodes: { login: string }[] };
      }[];
    };
  } | null;
}

interface TeamMembersAnswer {
  organization: {
    team: { members: { totalCount: number; pageInfo: PageInfo; nodes: { login: string }[] } } | null;
  } | null;
}

interface MembersAnswer {
  organization: { membersWithRole: { totalCount: number; pageInfo: PageInfo; nodes: OrgPerson[] } } | null;
}

/** Git's blob id of a generated document: the same kind of sha repository files carry. */
function documentSha(text: string): string {
  const bytes = Buffer.from(text, 'utf8');
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

async function readTeams(connection: GitHubConnection, org: string): Promise<{ teams: OrgTeam[]; orgUrl: string }> {
  const teams: OrgTeam[] = [];
  let orgUrl = '';
  let after: string | null = null;
  for (;;) {
    const data: TeamsAnswer = (await connection.graphql<TeamsAnswer>(TEAMS_QUERY, { org, after })).data;
    if (!data.organization) throw new Error(`the GitHub organisation "${org}" was not found`);
    orgUrl = data.organization.url;
    for (const node of data.organization.teams.nodes) {
      const members = node.members.nodes.map((m) => m.login);
      let cursor: string | null = node.members.pageInfo.hasNextPage ? node.members.pageInfo.endCursor : null;
      while (cursor) {
        const more: TeamMembersAnswer = (
          await connection.graphql<TeamMembersAnswer>(TEAM_MEMBERS_QUERY, { org, slug: node.slug, after: cursor })
        ).data;
        const page = more.organization?.team?.members;
        if (!page) throw new Error(`the members of team ${node.slug} could not be read`);
        members.push(...page.nodes.map((m) => m.login));
        cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      }
      checkComplete(`members of team ${node.slug}`, members.length, node.members.totalCount);
      teams.push({
        slug: node.slug,
        name: node.name,
        description: node.description,
        url: node.url,
        avatarUrl: node.avatarUrl,
        parentSlug: node.parentTeam?.slug,
        members,
      });
    }
    const { hasNextPage, endCursor } = data.organization.teams.pageInfo;
    if (!hasNextPage) {
      checkComplete('teams', teams.length, data.organization.teams.totalCount);
      break;
    }
    after = endCursor;
  }
  return { teams, orgUrl };
}

async function readMembers(connection: GitHubConnection, org: string): Promise<OrgPerson[]> {
  const people: OrgPerson[] = [];
  let after: string | null = null;
  for (;;) {
    const data: MembersAnswer = (await connection.graphql<MembersAnswer>(MEMBERS_QUERY, { org, after })).data;
    if (!data.organization) throw new Error(`the GitHub organisation "${org}" was not found`);
    people.push(...data.organization.membersWithRole.nodes);
    const { hasNextPage, endCursor } = data.organization.membersWithRole.pageInfo;
    if (!hasNextPage) {
      checkComplete('members of the organisation', people.length, data.organization.membersWithRole.totalCount);
      break;
    }
    after = endCursor;
  }
  return people;
}

/**
 * The organisation's Group and User documents as one location. Unchanged documents are marked
 * so; `undefined` when nothing changed at all. A failed read keeps what the store has.
 */
export async function readOrganisation(
  connection: GitHubConnection,
  org: string,
  known: ReadonlyMap<string, string> | undefined,
): Promise<LocationSnapshot | undefined> {
  const key = organisationLocationKey(org);
  let teams: OrgTeam[];
  let people: OrgPerson[];
  let orgUrl: string;
  try {
    [{ teams, orgUrl }, people] = await Promise.all([readTeams(connection, org), readMembers(connection, org)]);
  } catch (error) {
    return {
      key,
      type: 'github-org',
      target: org,
      status: 'failed',
      error: `could not read teams and members: ${describeError(error)}`,
      files: [],
    };
  }
  const children = new Map<string, string[]>();
  const teamsOf = new Map<string, string[]>();
  for (const team of teams) {
    if (team.parentSlug) children.set(team.parentSlug, [...(children.get(team.parentSlug) ?? []), team.slug]);
    for (const login of team.members) teamsOf.set(login, [...(teamsOf.get(login) ?? []), team.slug]);
  }
  const documents: { path: string; url: string; text: string }[] = [
    ...teams.map((t) => ({
      path: `teams/${t.slug}.yaml`,
      url: t.url,
      text: groupDocument(org, t, children.get(t.slug) ?? []),
    })),
    ...people.map((p) => ({
      path: `users/${p.login}.yaml`,
      url: p.url,
      text: userDocument(p, teamsOf.get(p.login) ?? []),
    })),
  ];
  const files: SourceFile[] = documents.map((d) => {
    const sha = documentSha(d.text);
    return known?.get(d.path) === sha
      ? { path: d.path, url: d.url, sha, status: 'unchanged' }
      : { path: d.path, url: d.url, sha, status: 'read', text: d.text };
  });
  const sameNames = known !== undefined && known.size === files.length && files.every((f) => known.has(f.path));
  if (sameNames && files.every((f) => f.status === 'unchanged')) return undefined;
  return { key, type: 'github-org', target: orgUrl, status: 'ok', files };
}
