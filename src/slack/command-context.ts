// Builds what a command is handed for one request: the portal, who asked, and Slack mentions.
import type { webApi } from '@slack/bolt';
import type { OnCallDirectory } from '../oncall/index.js';
import type { Portal } from '../portal/index.js';
import type { ScorecardViews } from '../scorecards/scorecard-views.js';
import type { CommandContext, CommandInfo } from './command.js';
import type { SlackUserIdLookup } from './slack-user-ids.js';

export interface ContextSource {
  portal: Portal;
  commands: readonly CommandInfo[];
  lookupSlackUserIds: SlackUserIdLookup;
  onCall?: OnCallDirectory;
  scorecards?: ScorecardViews;
  scaffoldProblems?: readonly string[];
}

/** `client` is absent when no bot token is configured: people then show as names. */
export function commandContext(
  source: ContextSource,
  userId: string,
  client: webApi.WebClient | undefined,
): CommandContext {
  return {
    portal: source.portal,
    userId,
    commands: source.commands,
    slackUserIds: (emails) => source.lookupSlackUserIds(client, emails),
    onCall: source.onCall,
    scorecards: source.scorecards,
    scaffoldProblems: source.scaffoldProblems,
    slackEmail: async (id) => {
      if (!client) return undefined;
      const info = await client.users.info({ user: id });
      return info.user?.profile?.email || undefined;
    },
  };
}
