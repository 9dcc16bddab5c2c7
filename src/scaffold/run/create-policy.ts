// Who may use /create: everyone (the default), or members of listed catalog groups, or members
// of listed Slack user groups (either list admits). Someone refused is told why and whom to ask.
import type { CatalogMembership } from './catalog-membership.js';

export interface CreatePolicy {
  /** Catalog group refs whose members may create (`group:default/platform`). */
  groups: string[];
  /** Slack user group ids (`S0123ABC`) whose members may create. */
  slackUserGroups: string[];
}

/** What the policy needs to know about the Slack side of a person. */
export interface SlackPeople {
  /** The email Slack has for the user (users.info), when it shares one. */
  emailOf(userId: string): Promise<string | undefined>;
  /** The user ids in a Slack user group (usergroups.users.list). */
  userGroupMembers(userGroupId: string): Promise<string[]>;
}

export interface Requester {
  slackUserId: string;
  email?: string;
  /** The requester's catalog User ref, when their email finds one. */
  userRef?: string;
}

export type CreatePermission =
  | { allowed: true; requester: Requester }
  | { allowed: false; requester: Requester; reason: string; askGroups: string[]; askSlackUserGroups: string[] };

export const EVERYONE: CreatePolicy = { groups: [], slackUserGroups: [] };

export async function identify(
  slackUserId: string,
  people: SlackPeople,
  membership: CatalogMembership,
): Promise<Requester> {
  const email = await people.emailOf(slackUserId).catch(() => undefined);
  return { slackUserId, email, userRef: await membership.userRefByEmail(email) };
}

export async function mayCreate(
  requester: Requester,
  policy: CreatePolicy,
  people: SlackPeople,
  membership: CatalogMembership,
): Promise<CreatePermission> {
  if (!policy.groups.length && !policy.slackUserGroups.length) return { allowed: true, requester };
  if (requester.userRef && policy.groups.length) {
    const groups = await membership.groupsOf(requester.userRef);
    if (policy.groups.some((g) => groups.has(g.toLowerCase()))) return { allowed: true, requester };
  }
  for (const id of policy.slackUserGroups) {
    const members = await people.userGroupMembers(id).catch((): string[] => []);
    if (members.includes(requester.slackUserId)) return { allowed: true, requester };
  }
  const unknown =
    policy.groups.length && !requester.userRef
      ? ' Callboard could not find you in the catalog by your Slack email, so your catalog groups are unknown.'
      : '';
  return {
    allowed: false,
    requester,
    reason: `Creating repositories is open to members of the listed groups only.${unknown}`,
    askGroups: policy.groups,
    askSlackUserGroups: policy.slackUserGroups,
  };
}
