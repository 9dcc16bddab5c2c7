// The Slack side of a person, for the create policy and approvals: their email (users.info) and
// the members of a Slack user group (usergroups.users.list).
import type { webApi } from '@slack/bolt';
import type { SlackPeople } from '../../src/scaffold/run/create-policy.js';

export function slackPeople(client: webApi.WebClient): SlackPeople {
  return {
    async emailOf(userId) {
      const answer = await client.users.info({ user: userId });
      const email = answer.user?.profile?.email;
      return typeof email === 'string' && email ? email : undefined;
    },
    async userGroupMembers(userGroupId) {
      const answer = await client.usergroups.users.list({ usergroup: userGroupId });
      return answer.users ?? [];
    },
  };
}
