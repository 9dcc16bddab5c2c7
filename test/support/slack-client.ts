// Sends a Bolt HTTP app what Slack sends it: slash commands (form-encoded), interactions
// (form-encoded `payload=` JSON) and Events API callbacks (JSON), each signed as Slack signs them:
// `v0=` + HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`), with the timestamp header.
// Options break the signature, drop or age the timestamp, mark a delivery as a retry, or hold
// back the body.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';

export interface Delivery {
  /** 'bad': a signature made with another secret; 'missing': no signature header. */
  signature?: 'bad' | 'missing';
  /** Seconds since the epoch, or 'missing' for no timestamp header (default: now). */
  timestamp?: number | 'missing';
  /** X-Slack-Retry-Num (and X-Slack-Retry-Reason). */
  retryNum?: number;
  retryReason?: string;
  /**
   * Send the headers at once and the body this many ms later, as a slow network (or a queue in
   * front of the app) would: the request arrives well before a listener can start on it.
   */
  bodyDelayMs?: number;
}

export interface SlackReply {
  status: number;
  /** The response body as text ('' when empty). */
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json?: Record<string, unknown>;
}

export interface Asker {
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
}

export const TEAM_ID = 'T0FAKE';

export class SlackClient {
  private triggers = 0;

  /** `eventsUrl`: the app's /slack/events; `responseUrl` makes a fresh response_url (the fake Slack's). */
  constructor(
    readonly eventsUrl: string,
    private readonly signingSecret: string,
    private readonly responseUrl: () => string,
  ) {}

  /** A slash command; resolves with Slack's view of the acknowledgement, and the response_url used. */
  async command(
    command: string,
    text: string,
    who: Asker = {},
    delivery: Delivery = {},
  ): Promise<SlackReply & { responseUrl: string }> {
    const responseUrl = this.responseUrl();
    const body = new URLSearchParams({
      token: 'deprecated-verification-token',
      team_id: TEAM_ID,
      team_domain: 'fake-workspace',
      channel_id: who.channelId ?? 'C0GENERAL',
      channel_name: who.channelName ?? 'general',
      user_id: who.userId ?? 'U0ASKER',
      user_name: who.userName ?? 'asker',
      command,
      text,
      api_app_id: 'A0CALLBOARD',
      is_enterprise_install: 'false',
      response_url: responseUrl,
      trigger_id: this.triggerId(),
    }).toString();
    return { ...(await this.send(body, 'application/x-www-form-urlencoded', delivery)), responseUrl };
  }

  /** A block_actions interaction: a button pressed (or option chosen) on a message or view. */
  async blockAction(
    element: { action_id: string; value?: string; selected?: string; blockId?: string },
    where: {
      message?: { ephemeral: boolean; channelId?: string };
      view?: { id: string; hash?: string; type: 'home' | 'modal' };
    },
    who: Asker = {},
    delivery: Delivery = {},
  ): Promise<SlackReply & { responseUrl?: string }> {
    const userId = who.userId ?? 'U0ASKER';
    const responseUrl = where.message ? this.responseUrl() : undefined;
    const action =
      element.selected !== undefined
        ? {
            type: 'static_select',
            action_id: element.action_id,
            block_id: element.blockId ?? 'b',
            selected_option: { text: { type: 'plain_text', text: element.selected }, value: element.selected },
            action_ts: nowTs(),
          }
        : {
            type: 'button',
            action_id: element.action_id,
            block_id: element.blockId ?? 'b',
            value: element.value,
            text: { type: 'plain_text', text: element.action_id },
            action_ts: nowTs(),
          };
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      token: 'deprecated-verification-token',
      api_app_id: 'A0CALLBOARD',
      is_enterprise_install: false,
      team: { id: TEAM_ID, domain: 'fake-workspace' },
      user: { id: userId, username: who.userName ?? 'asker', name: who.userName ?? 'asker', team_id: TEAM_ID },
      trigger_id: this.triggerId(),
      actions: [action],
    };
    if (where.message) {
      const channelId = where.message.channelId ?? who.channelId ?? 'C0GENERAL';
      payload.container = {
        type: 'message',
        message_ts: nowTs(),
        channel_id: channelId,
        is_ephemeral: where.message.ephemeral,
      };
      payload.channel = { id: channelId, name: who.channelName ?? 'general' };
      payload.response_url = responseUrl;
      if (!where.message.ephemeral) payload.message = { type: 'message', ts: nowTs(), text: '', blocks: [] };
    }
    if (where.view) {
      payload.container = { type: 'view', view_id: where.view.id };
      payload.view = {
        id: where.view.id,
        hash: where.view.hash ?? '',
        type: where.view.type,
        team_id: TEAM_ID,
        blocks: [],
        callback_id: '',
        private_metadata: '',
      };
    }
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return { ...(await this.send(body, 'application/x-www-form-urlencoded', delivery)), responseUrl };
  }

  /**
   * A message shortcut (`message_action`), shaped as Slack's published example of the payload:
   * the message it was used on (text, blocks, attachments), the channel, a response_url.
   */
  async messageShortcut(
    callbackId: string,
    message: Record<string, unknown>,
    who: Asker = {},
    delivery: Delivery = {},
  ): Promise<SlackReply & { responseUrl: string }> {
    const responseUrl = this.responseUrl();
    const ts = (message.ts as string | undefined) ?? nowTs();
    const payload = {
      type: 'message_action',
      token: 'deprecated-verification-token',
      action_ts: nowTs(),
      team: { id: TEAM_ID, domain: 'fake-workspace' },
      user: {
        id: who.userId ?? 'U0ASKER',
        name: who.userName ?? 'asker',
        username: who.userName ?? 'asker',
        team_id: TEAM_ID,
      },
      channel: { id: who.channelId ?? 'C0GENERAL', name: who.channelName ?? 'general' },
      is_enterprise_install: false,
      enterprise: null,
      callback_id: callbackId,
      trigger_id: this.triggerId(),
      response_url: responseUrl,
      message_ts: ts,
      message: { type: 'message', user: 'U0POSTER', team: TEAM_ID, ts, ...message },
    };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return { ...(await this.send(body, 'application/x-www-form-urlencoded', delivery)), responseUrl };
  }

  /** An Events API callback (event_callback) with the given event and event_id. */
  event(event: Record<string, unknown>, eventId: string, delivery: Delivery = {}): Promise<SlackReply> {
    const body = JSON.stringify({
      token: 'deprecated-verification-token',
      team_id: TEAM_ID,
      api_app_id: 'A0CALLBOARD',
      type: 'event_callback',
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      event,
      authorizations: [{ team_id: TEAM_ID, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    });
    return this.send(body, 'application/json', delivery);
  }

  /** Any raw body, signed (or mis-signed) as `delivery` says. */
  async send(body: string, contentType: string, delivery: Delivery = {}): Promise<SlackReply> {
    const timestamp = delivery.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'Content-Type': contentType };
    if (timestamp !== 'missing') headers['X-Slack-Request-Timestamp'] = String(timestamp);
    if (delivery.signature !== 'missing') {
      const secret = delivery.signature === 'bad' ? `${this.signingSecret}-wrong` : this.signingSecret;
      headers['X-Slack-Signature'] = sign(
        secret,
        timestamp === 'missing' ? Math.floor(Date.now() / 1000) : timestamp,
        body,
      );
    }
    if (delivery.retryNum !== undefined) {
      headers['X-Slack-Retry-Num'] = String(delivery.retryNum);
      headers['X-Slack-Retry-Reason'] = delivery.retryReason ?? 'http_timeout';
    }
    const response =
      delivery.bodyDelayMs === undefined
        ? await fetch(this.eventsUrl, { method: 'POST', headers, body })
        : await postWithLateBody(this.eventsUrl, headers, body, delivery.bodyDelayMs);
    const text = await response.text();
    let json: Record<string, unknown> | undefined;
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, text, json };
  }

  private triggerId(): string {
    return `${++this.triggers}.1234567890.abcdef`;
  }
}

/** POSTs over node:http, flushing the headers first and writing the body after `delayMs`. */
function postWithLateBody(
  url: string,
  headers: Record<string, string>,
  body: string,
  delayMs: number,
): Promise<Response> {
  const length = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { ...headers, 'Content-Length': length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0 })));
      res.on('error', reject);
    });
    request.on('error', reject);
    request.flushHeaders();
    setTimeout(() => request.end(body), delayMs);
  });
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function nowTs(): string {
  return (Date.now() / 1000).toFixed(6);
}
