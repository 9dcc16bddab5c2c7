// Asks the Bolt app what Slack would ask it, without Slack: `callboard ask "/owner payments"` and
// the local playground build the same request bodies Slack sends and hand them to
// app.processEvent, so the very same middleware and listeners answer. Replies come back through
// the acknowledgement and a loopback response_url, just as they would from Slack.
import type { App, ReceiverEvent } from '@slack/bolt';
import type { Block } from './command.js';
import type { Registry } from './registry.js';
import { renderText } from './render-text.js';
import { ResponseCatcher } from './response-catcher.js';

export interface LocalAnswer {
  /** What Slack would show at the end: the last reply with content. */
  message?: { text?: string; blocks?: Block[]; response_type?: string };
  /** That message as readable text. */
  text: string;
  /** Every reply in order: the acknowledgement's body (when it had one), then each response_url post. */
  replies: Array<Record<string, unknown>>;
}

export interface LocalUser {
  userId?: string;
  channelId?: string;
}

const LOCAL = { team: 'T0LOCAL', app: 'A0LOCAL', user: 'U0LOCAL', channel: 'C0LOCAL' };

export class LocalAsker {
  private readonly catcher = new ResponseCatcher();
  private requests = 0;

  constructor(private readonly app: App, private readonly registry: Registry) {}

  /** Runs a slash command line such as `/owner payments` (the slash may be left out). */
  async ask(commandLine: string, who: LocalUser = {}): Promise<LocalAnswer> {
    const match = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(commandLine);
    if (!match) return noAnswer(`Type a command, for example: ${this.registry.commands[0] ?? '/service'} payments`);
    const command = `/${match[1].toLowerCase()}`;
    if (!this.registry.commands.includes(command)) {
      return noAnswer(`${command} is not a Callboard command. Try one of: ${this.registry.commands.join(', ')}`);
    }
    return this.dispatch((responseUrl) => ({
      token: 'local', team_id: LOCAL.team, team_domain: 'local', api_app_id: LOCAL.app, is_enterprise_install: 'false',
      channel_id: who.channelId ?? LOCAL.channel, channel_name: 'local', user_id: who.userId ?? LOCAL.user, user_name: 'local',
      command, text: match[2].trim(), response_url: responseUrl, trigger_id: this.triggerId(),
    }));
  }

  /** Presses a button (or picks a select option) of an earlier answer, as its asker would. */
  async press(element: { action_id: string; value?: string }, who: LocalUser & { inSharedMessage?: boolean } = {}): Promise<LocalAnswer> {
    const userId = who.userId ?? LOCAL.user;
    const channelId = who.channelId ?? LOCAL.channel;
    return this.dispatch((responseUrl) => ({
      type: 'block_actions', token: 'local', api_app_id: LOCAL.app, is_enterprise_install: false,
      team: { id: LOCAL.team, domain: 'local' },
      user: { id: userId, username: 'local', name: 'local', team_id: LOCAL.team },
      container: { type: 'message', message_ts: '0.0', channel_id: channelId, is_ephemeral: !who.inSharedMessage },
      channel: { id: channelId, name: 'local' },
      trigger_id: this.triggerId(),
      response_url: responseUrl,
      actions: [{
        type: 'button', action_id: element.action_id, block_id: 'local', value: element.value ?? '',
        action_ts: String(Date.now() / 1000), text: { type: 'plain_text', text: element.action_id },
      }],
    }));
  }

  close(): Promise<void> {
    return this.catcher.close();
  }

  private async dispatch(build: (responseUrl: string) => Record<string, unknown>): Promise<LocalAnswer> {
    const inbox = await this.catcher.open();
    const replies: Array<Record<string, unknown>> = [];
    const event: ReceiverEvent = {
      body: build(inbox.url),
      ack: async (response?: unknown) => {
        if (response && typeof response === 'object') replies.push(response as Record<string, unknown>);
        else if (typeof response === 'string' && response) replies.push({ text: response });
      },
      retryNum: undefined,
      retryReason: undefined,
      customProperties: {},
    };
    try {
      // processEvent resolves once the listener has finished, its respond() posts included.
      await this.app.processEvent(event);
    } finally {
      inbox.done();
    }
    replies.push(...(inbox.posts as Array<Record<string, unknown>>));
    const message = [...replies].reverse().find((r) => r.blocks !== undefined || typeof r.text === 'string') as LocalAnswer['message'];
    return { message, text: message ? renderText(message) : '', replies };
  }

  private triggerId(): string {
    return `local.${++this.requests}`;
  }
}

function noAnswer(text: string): LocalAnswer {
  return { message: { text }, text, replies: [] };
}
