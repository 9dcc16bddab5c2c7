// The Web API methods the fake Slack answers, each as Slack documents it: the scope it needs,
// the errors it gives, the shape of its answer. Messages and views are checked against Slack's
// Block Kit limits and refused (invalid_blocks, invalid_arguments) as Slack would refuse them.
import { blockProblems, viewProblems } from './slack-block-rules.js';

export type Args = Record<string, unknown>;
export type Answer = Args | { error: string; detail?: string[] };

export interface FakeSlackUser {
  id: string;
  name: string;
  realName?: string;
  email?: string;
  /** Deactivated: still listed by users.list, with `deleted: true`. */
  deleted?: boolean;
  isBot?: boolean;
}

/** What the methods read from and write to: the fake's users, channels, views and scopes. */
export interface FakeWorkspace {
  readonly scopes: Set<string>;
  /** Slack user groups: id -> member user ids. */
  readonly userGroups: Record<string, string[]>;
  userById(id: unknown): FakeSlackUser | undefined;
  userByEmail(email: unknown): FakeSlackUser | undefined;
  /** Every user, deactivated ones too, in a stable order (users.list pages through it). */
  readonly users: readonly FakeSlackUser[];
  channel(id: unknown): { id: string; name: string; isPrivate?: boolean } | undefined;
  storeView(view: Args, id?: string): Args;
  viewHash(id: string): string | undefined;
  ts(): string;
  socketUrl(): string;
  /** The id of the DM (one user) or group DM (several) with these users, the same each time. */
  directMessage(users: string[]): string;
  /** A channel deleted (or the app removed from it): posts to it answer channel_not_found. */
  isGone(channel: string): boolean;
}

export interface MethodSpec {
  /** The scope Slack requires for the method; none for methods any token may call. */
  scope?: string;
  /** Methods called with the app-level token (Socket Mode) rather than the bot token. */
  appToken?: boolean;
  answer(args: Args, fake: FakeWorkspace): Answer;
}

export const TEAM = { id: 'T0FAKE', domain: 'fake-workspace' };
const BOT = { userId: 'U0BOT', botId: 'B0BOT' };

function slackUser(user: FakeSlackUser, withEmail: boolean): Args {
  return {
    id: user.id,
    team_id: TEAM.id,
    name: user.name,
    real_name: user.realName ?? user.name,
    deleted: Boolean(user.deleted),
    is_bot: Boolean(user.isBot),
    profile: {
      real_name: user.realName ?? user.name,
      display_name: user.name,
      ...(withEmail && user.email ? { email: user.email } : {}),
    },
  };
}

function messageAnswer(args: Args, fake: FakeWorkspace, needsUser = false): Answer {
  if (typeof args.channel !== 'string' || !args.channel) return { error: 'channel_not_found' };
  if (fake.isGone(args.channel)) return { error: 'channel_not_found' };
  if (needsUser && !fake.userById(args.user)) return { error: 'user_not_in_channel' };
  if (args.text === undefined && args.blocks === undefined) return { error: 'no_text' };
  const problems = blockProblems(args.blocks, 'message');
  if (problems.length) return { error: 'invalid_blocks', detail: problems };
  return { channel: args.channel, ts: fake.ts() };
}

function viewAnswer(view: unknown, fake: FakeWorkspace, id?: string): Answer {
  const problems = viewProblems(view);
  if (problems.length) return { error: 'invalid_arguments', detail: problems };
  return { view: fake.storeView(view as Args, id) };
}

export const METHODS: Record<string, MethodSpec> = {
  'apps.connections.open': { appToken: true, answer: (_args, fake) => ({ url: fake.socketUrl() }) },
  'auth.test': {
    answer: () => ({
      url: `https://${TEAM.domain}.slack.com/`,
      team: 'Fake Workspace',
      user: 'callboard',
      team_id: TEAM.id,
      user_id: BOT.userId,
      bot_id: BOT.botId,
    }),
  },
  'users.lookupByEmail': {
    scope: 'users:read.email',
    answer: (args, fake) => {
      const user = fake.userByEmail(args.email);
      return user ? { user: slackUser(user, true) } : { error: 'users_not_found' };
    },
  },
  // https://api.slack.com/methods/users.list (Tier 2): every user, deactivated ones included
  // (`deleted: true`), `limit` at a time (under 1000; none: all at once) from `cursor`, the next
  // page's cursor in `response_metadata.next_cursor` ('' after the last). Emails need
  // users:read.email, as with users.info.
  'users.list': {
    scope: 'users:read',
    answer: (args, fake) => {
      const limit = args.limit === undefined ? 0 : Number(args.limit);
      if (!Number.isInteger(limit) || limit < 0) return { error: 'invalid_arguments' };
      let start = 0;
      if (typeof args.cursor === 'string' && args.cursor) {
        const after = /^user:(.+)$/.exec(Buffer.from(args.cursor, 'base64').toString('utf8'))?.[1];
        start = fake.users.findIndex((user) => user.id === after) + 1;
        if (!after || start === 0) return { error: 'invalid_cursor' };
      }
      const size = limit === 0 ? fake.users.length : Math.min(limit, 1000);
      const page = fake.users.slice(start, start + size);
      const more = start + page.length < fake.users.length;
      return {
        members: page.map((user) => slackUser(user, fake.scopes.has('users:read.email'))),
        cache_ts: Math.floor(Date.now() / 1000),
        response_metadata: {
          next_cursor: more ? Buffer.from(`user:${page[page.length - 1].id}`).toString('base64') : '',
        },
      };
    },
  },
  'users.info': {
    scope: 'users:read',
    answer: (args, fake) => {
      const user = fake.userById(args.user);
      return user ? { user: slackUser(user, fake.scopes.has('users:read.email')) } : { error: 'user_not_found' };
    },
  },
  'conversations.info': {
    scope: 'channels:read',
    answer: (args, fake) => {
      const channel = fake.channel(args.channel);
      return channel
        ? { channel: { id: channel.id, name: channel.name, is_channel: true, is_private: Boolean(channel.isPrivate) } }
        : { error: 'channel_not_found' };
    },
  },
  'usergroups.users.list': {
    scope: 'usergroups:read',
    answer: (args, fake) => {
      const members = typeof args.usergroup === 'string' ? fake.userGroups[args.usergroup] : undefined;
      return members ? { users: members } : { error: 'no_such_subteam' };
    },
  },
  'chat.postMessage': { scope: 'chat:write', answer: (args, fake) => messageAnswer(args, fake) },
  // https://api.slack.com/methods/conversations.open: `users` is a comma-separated list of 1 to 8
  // user ids (one: a DM, several: a group DM); the answer's channel is the conversation to post in.
  'conversations.open': {
    scope: 'im:write',
    answer: (args, fake) => {
      if (typeof args.users !== 'string' || !args.users) return { error: 'users_list_not_supplied' };
      const users = args.users.split(',');
      if (users.length > 8) return { error: 'too_many_users' };
      if (users.some((user) => !fake.userById(user))) return { error: 'user_not_found' };
      return { channel: { id: fake.directMessage(users) } };
    },
  },
  // https://api.slack.com/methods/chat.unfurl: `channel` and `ts`, or `unfurl_id` and `source`
  // (`composer` or `conversations_history`); `unfurls` a JSON map of URL to attachment, whose
  // blocks Slack checks as a message's.
  'chat.unfurl': {
    scope: 'links:write',
    answer: (args) => {
      const byMessage = args.channel !== undefined || args.ts !== undefined;
      if (byMessage) {
        if (typeof args.channel !== 'string' || !args.channel) return { error: 'missing_channel' };
        if (typeof args.ts !== 'string' || !args.ts) return { error: 'missing_ts' };
      } else if (
        typeof args.unfurl_id !== 'string' ||
        !args.unfurl_id ||
        (args.source !== 'composer' && args.source !== 'conversations_history')
      )
        return { error: 'invalid_arguments' };
      if (args.unfurls === undefined) return { error: 'missing_unfurls' };
      const unfurls = args.unfurls;
      if (!unfurls || typeof unfurls !== 'object' || Array.isArray(unfurls)) return { error: 'invalid_unfurls_format' };
      for (const [url, attachment] of Object.entries(unfurls as Args)) {
        if (!URL.canParse(url) || !attachment || typeof attachment !== 'object')
          return { error: 'invalid_unfurls_format' };
        const problems = blockProblems((attachment as Args).blocks, 'message');
        if (problems.length) return { error: 'invalid_blocks', detail: problems };
      }
      return {};
    },
  },
  'chat.postEphemeral': {
    scope: 'chat:write',
    answer: (args, fake) => {
      const answer = messageAnswer(args, fake, true);
      return 'error' in answer ? answer : { message_ts: answer.ts };
    },
  },
  'chat.update': {
    scope: 'chat:write',
    answer: (args, fake) => (typeof args.ts === 'string' ? messageAnswer(args, fake) : { error: 'message_not_found' }),
  },
  'views.publish': {
    answer: (args, fake) => {
      if (!fake.userById(args.user_id)) return { error: 'user_not_found' };
      return viewAnswer(args.view, fake);
    },
  },
  'views.open': {
    answer: (args, fake) =>
      typeof args.trigger_id === 'string' && args.trigger_id
        ? viewAnswer(args.view, fake)
        : { error: 'invalid_trigger_id' },
  },
  'views.push': {
    answer: (args, fake) =>
      typeof args.trigger_id === 'string' && args.trigger_id
        ? viewAnswer(args.view, fake)
        : { error: 'invalid_trigger_id' },
  },
  'views.update': {
    answer: (args, fake) => {
      const id = typeof args.view_id === 'string' ? args.view_id : undefined;
      const current = id ? fake.viewHash(id) : undefined;
      if (!id || current === undefined) return { error: 'not_found' };
      if (typeof args.hash === 'string' && args.hash !== current) return { error: 'hash_conflict' };
      return viewAnswer(args.view, fake, id);
    },
  },
};

/** Every Web API method the fake answers, with the scope it needs. */
export const FAKE_SLACK_METHOD_SCOPES: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(METHODS).map(([method, spec]) => [method, spec.scope]),
);
