// GitHub teams and people as Backstage Group and User documents, the way Backstage's GitHub org
// provider names them: a team's slug, a person's login, with the annotations that tie them back.
import { dump } from 'js-yaml';

export interface OrgTeam {
  slug: string;
  name: string;
  description: string | null;
  url: string;
  avatarUrl: string | null;
  parentSlug?: string;
  /** Direct members' logins. */
  members: string[];
}

export interface OrgPerson {
  login: string;
  name: string | null;
  /** Empty when the person keeps it private (or the credentials may not read it). */
  email: string;
  avatarUrl: string | null;
  url: string;
}

export function groupDocument(org: string, team: OrgTeam, children: string[]): string {
  const profile: Record<string, string> = { displayName: team.name };
  if (team.avatarUrl) profile.picture = team.avatarUrl;
  return dump(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name: team.slug,
        ...(team.description ? { description: team.description } : {}),
        annotations: { 'github.com/team-slug': `${org}/${team.slug}` },
        links: [{ url: team.url, title: 'GitHub team' }],
      },
      spec: {
        type: 'team',
        profile,
        ...(team.parentSlug ? { parent: team.parentSlug } : {}),
        children: [...children].sort(),
        members: [...team.members].sort(),
      },
    },
    { lineWidth: -1, noRefs: true },
  );
}

export function userDocument(person: OrgPerson, teams: string[]): string {
  const profile: Record<string, string> = { displayName: person.name || person.login };
  if (person.email) profile.email = person.email;
  if (person.avatarUrl) profile.picture = person.avatarUrl;
  return dump(
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: {
        name: person.login,
        annotations: { 'github.com/user-login': person.login },
        links: [{ url: person.url, title: 'GitHub profile' }],
      },
      spec: { profile, memberOf: [...teams].sort() },
    },
    { lineWidth: -1, noRefs: true },
  );
}
