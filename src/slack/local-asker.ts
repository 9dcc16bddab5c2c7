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

/** An open view as the app last published it (the playground's stand-in keeps it). */
export interface LocalView {
  id: string;
  hash?: string;
  type?: string;
  [key: string]: unknown;
}

/** Where an element was: a view, with the state of its inputs (view.state.values) at the time. */
interface InView {
  view?: LocalView;
  values?: unknown;
}

export interface LocalUser {
  userId?: string;
  channelId?: string;
}

const LOCAL = { team: 'T0LOCAL', app: 'A0LOCAL', user: 'U0LOCAL', channel: 'C0LOCAL' };

export class LocalAsker {
  private readonly catcher = new ResponseCatcher();
  private requests = 0;

  constructor(
    private readonly app: App,
    private readonly registry: Registry,
  ) {}

  /** Runs a slash command line such as `/owner payments` (the slash may be left out). */
  async ask(commandLine: string, who: LocalUser = {}): Promise<LocalAnswer> {
    const match = /^\s*\/?(\S+)\s*([\s\S]*)$/.exec(commandLine);
    if (!match) return noAnswer(`Type a command, for example: ${this.registry.commands[0] ?? '/service'} payments`);
    const command = `/${match[1].toLowerCase()}`;
    if (!this.registry.commands.includes(command)) {
      return noAnswer(`${command} is not a Callboard command. Try one of: ${this.registry.commands.join(', ')}`);
    }
    return this.dispatch((responseUrl) => ({
      token: 'local',
      team_id: LOCAL.team,
      team_domain: 'local',
      api_app_id: LOCAL.app,
      is_enterprise_install: 'false',
      channel_id: who.channelId ?? LOCAL.channel,
      channel_name: 'local',
      user_id: who.userId ?? LOCAL.user,
      user_name: 'local',
      command,
      text: match[2].trim(),
      response_url: responseUrl,
      trigger_id: this.triggerId(),
    }));
  }

  /** Presses a button (or picks a select option) of an earlier answer, as its asker would. */
  async press(
    element: { action_id: string; value?: string },
    who: LocalUser & { inSharedMessage?: boolean } = {},
  ): Promise<LocalAnswer> {
    return this.act(
      {
        type: 'button',
        action_id: element.action_id,
        block_id: 'local',
        value: element.value ?? '',
        text: { type: 'plain_text', text: element.action_id },
      },
      who,
    );
  }

  /**
   * Any interactive element of a message, modal or App Home: a button, a select's chosen option, an
   * overflow item. `action` is the element's part of Slack's block_actions payload (type,
   * action_id, block_id, and value or selected_option). With `view`, the element was in that view.
   */
  async act(
    action: Record<string, unknown>,
    who: LocalUser & InView & { inSharedMessage?: boolean } = {},
  ): Promise<LocalAnswer> {
    const channelId = who.channelId ?? LOCAL.channel;
    return this.dispatch((responseUrl) => ({
      ...interaction('block_actions', who),
      ...(who.view
        ? inView(who.view, who.values)
        : {
            container: {
              type: 'message',
              message_ts: '0.0',
              channel_id: channelId,
              is_ephemeral: !who.inSharedMessage,
            },
            channel: { id: channelId, name: 'local' },
            response_url: responseUrl,
          }),
      trigger_id: this.triggerId(),
      actions: [{ ...action, action_ts: String(Date.now() / 1000) }],
    }));
  }

  /**
   * Submits a modal with its inputs' state (Slack's view.state.values); the acknowledgement says
   * what happens next. `onAck` sees the acknowledgement when it is sent, as Slack applies it: a
   * listener that acknowledges with "Paging…" and then calls views.update with the outcome must
   * end on the outcome, not on the acknowledgement applied afterwards.
   */
  async submit(
    view: LocalView,
    values: Record<string, unknown>,
    who: LocalUser = {},
    onAck?: (ack: Record<string, unknown> | undefined) => void,
  ): Promise<LocalAnswer> {
    return this.dispatch(
      () => ({
        ...interaction('view_submission', who),
        trigger_id: this.triggerId(),
        view: withState(view, values),
        response_urls: [],
      }),
      onAck,
    );
  }

  /** The options an external select offers for what has been typed so far (block_suggestion). */
  async suggest(
    element: { action_id: string; block_id: string; value: string },
    who: LocalUser & InView = {},
  ): Promise<LocalAnswer> {
    return this.dispatch(() => ({
      ...interaction('block_suggestion', who),
      action_id: element.action_id,
      block_id: element.block_id,
      value: element.value,
      ...(who.view ? inView(who.view, who.values) : {}),
    }));
  }

  /** A DM to the app (the message.im event): its answers are posted with chat.postMessage. */
  async message(text: string, who: LocalUser = {}): Promise<LocalAnswer> {
    const ts = (Date.now() / 1000).toFixed(6);
    return this.dispatch(() => ({
      ...eventCallback(`Ev0LOCAL${Date.now().toString(36)}${++this.requests}`),
      event: {
        type: 'message',
        channel: 'D0LOCAL',
        user: who.userId ?? LOCAL.user,
        text,
        ts,
        event_ts: ts,
        channel_type: 'im',
      },
    }));
  }

  /** A message shortcut (message_action) used on `message`: the answer comes through its response_url. */
  async messageShortcut(
    callbackId: string,
    message: { text: string; ts: string },
    who: LocalUser = {},
  ): Promise<LocalAnswer> {
    const channelId = who.channelId ?? 'D0LOCAL';
    return this.dispatch((responseUrl) => ({
      type: 'message_action',
      token: 'local',
      action_ts: String(Date.now() / 1000),
      team: { id: LOCAL.team, domain: 'local' },
      user: { id: who.userId ?? LOCAL.user, name: 'local', username: 'local', team_id: LOCAL.team },
      channel: { id: channelId, name: 'local' },
      is_enterprise_install: false,
      callback_id: callbackId,
      trigger_id: this.triggerId(),
      response_url: responseUrl,
      message_ts: message.ts,
      message: {
        type: 'message',
        user: who.userId ?? LOCAL.user,
        team: LOCAL.team,
        ts: message.ts,
        text: message.text,
      },
    }));
  }

  /** Opens the App Home tab (the app_home_opened event). */
  async openHome(who: LocalUser = {}): Promise<LocalAnswer> {
    const id = `Ev0LOCAL${Date.now().toString(36)}${++this.requests}`;
    return this.dispatch(() => ({
      ...eventCallback(id),
      event: {
        type: 'app_home_opened',
        user: who.userId ?? LOCAL.user,
        channel: 'D0LOCAL',
        tab: 'home',
        event_ts: String(Date.now() / 1000),
      },
    }));
  }

  close(): Promise<void> {
    return this.catcher.close();
  }

  private async dispatch(
    build: (responseUrl: string) => Record<string, unknown>,
    onAck?: (ack: Record<string, unknown> | undefined) => void,
  ): Promise<LocalAnswer> {
    const inbox = await this.catcher.open();
    const replies: Array<Record<string, unknown>> = [];
    const event: ReceiverEvent = {
      body: build(inbox.url),
      ack: async (response?: unknown) => {
        const body = response && typeof response === 'object' ? (response as Record<string, unknown>) : undefined;
        if (body) replies.push(body);
        else if (typeof response === 'string' && response) replies.push({ text: response });
        onAck?.(body);
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
    const message = [...replies]
      .reverse()
      .find((r) => r.blocks !== undefined || typeof r.text === 'string') as LocalAnswer['message'];
    return { message, text: message ? renderText(message) : '', replies };
  }

  private triggerId(): string {
    return `local.${++this.requests}`;
  }
}

/** How every interactive payload (block_actions, view_submission, block_suggestion) begins: app, team, who acted. */
function interaction(type: string, who: LocalUser): Record<string, unknown> {
  return {
    type,
    token: 'local',
    api_app_id: LOCAL.app,
    is_enterprise_install: false,
    team: { id: LOCAL.team, domain: 'local' },
    user: { id: who.userId ?? LOCAL.user, username: 'local', name: 'local', team_id: LOCAL.team },
  };
}

/** How an Events API delivery begins: app, team, a unique event id. */
function eventCallback(eventId: string): Record<string, unknown> {
  return {
    type: 'event_callback',
    token: 'local',
    team_id: LOCAL.team,
    api_app_id: LOCAL.app,
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** Where an element in a view was: the view as its container, and the view with the state of its inputs. */
function inView(view: LocalView, values: unknown): Record<string, unknown> {
  return { container: { type: 'view', view_id: view.id }, view: withState(view, values) };
}

/** A view as Slack includes it in a payload: its id and hash, and the state of its inputs. */
function withState(view: LocalView, values: unknown): Record<string, unknown> {
  return { team_id: LOCAL.team, app_id: LOCAL.app, bot_id: 'B0BOT', ...view, state: { values: values ?? {} } };
}

function noAnswer(text: string): LocalAnswer {
  return { message: { text }, text, replies: [] };
}
