// The Slack Web API as the playground's stand-in for a workspace: a loopback server the Bolt app's
// client is pointed at when no workspace is configured. It speaks Slack's wire format (form or
// JSON bodies in, `{ ok, … }` out) and keeps what Slack would show: the stack of open modals
// (views.open / push / update), the App Home view (views.publish), and messages the app posts.
// There is one person at the keyboard, so there is one modal stack and one App Home.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-body.js';

interface StoredView {
  id: string;
  hash: string;
  type: string;
  [key: string]: unknown;
}

export interface PostedMessage {
  channel?: string;
  text?: string;
  blocks?: unknown;
  ephemeral: boolean;
}

/** Slack's limit on stacked modals. */
const MAX_STACK = 3;
const MAX_BODY_BYTES = 1024 * 1024;

type MethodResult = Record<string, unknown>;
class SlackApiError extends Error {}

export class PlaygroundWebApi {
  /** Open modals, the one on top last. */
  readonly stack: StoredView[] = [];
  home?: StoredView;
  private posted: PostedMessage[] = [];
  /** The page tab whose requests opened the modals on the stack (see requestFrom). */
  private modalTab?: string;
  private server?: Server;
  private nextId = 0;

  constructor(private readonly userId: string) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void this.handle(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  view(id: string): StoredView | undefined {
    return this.stack.find((v) => v.id === id) ?? (this.home?.id === id ? this.home : undefined);
  }

  /** Messages posted (chat.postMessage, chat.postEphemeral, chat.update) since the last call. */
  takePosted(): PostedMessage[] {
    const posted = this.posted;
    this.posted = [];
    return posted;
  }

  /** What Slack does with a view_submission's acknowledgement. Returns the errors to show, if any. */
  applySubmission(viewId: string, ack: Record<string, unknown> | undefined): Record<string, string> | undefined {
    const action = ack?.response_action;
    if (action === 'errors') return (ack!.errors ?? {}) as Record<string, string>;
    if (action === 'update') this.replace(viewId, ack!.view as Record<string, unknown>);
    else if (action === 'push') this.push(ack!.view as Record<string, unknown>);
    else if (action === 'clear') this.stack.length = 0;
    else this.closeView(viewId);
    return undefined;
  }

  /**
   * A request from page tab `tab` (undefined: `callboard ask`, which has no tab). Modals opened
   * by another tab are closed first: that tab may be gone, and its form must not reappear over
   * this one's answers. A modal opened without a tab is for whichever tab comes next.
   */
  requestFrom(tab: string | undefined): void {
    if (tab !== undefined && this.modalTab !== undefined && this.modalTab !== tab) this.stack.length = 0;
    this.modalTab = tab;
  }

  /** Closes a modal and those pushed above it, as Slack's close button does. */
  closeView(viewId: string): void {
    const at = this.stack.findIndex((v) => v.id === viewId);
    if (at >= 0) this.stack.length = at;
  }

  private async handle(req: IncomingMessage): Promise<MethodResult> {
    const method = /^\/api\/([\w.]+)$/.exec(new URL(req.url ?? '/', 'http://localhost').pathname)?.[1];
    let args: Record<string, unknown>;
    try {
      args = await readArgs(req);
    } catch {
      return { ok: false, error: 'invalid_form_data' };
    }
    try {
      return { ok: true, ...this.call(method ?? '', args) };
    } catch (error) {
      if (error instanceof SlackApiError) return { ok: false, error: error.message };
      return { ok: false, error: 'internal_error' };
    }
  }

  private call(method: string, args: Record<string, unknown>): MethodResult {
    switch (method) {
      case 'auth.test':
        return { url: 'http://localhost/', team: 'Playground', team_id: 'T0LOCAL', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'views.open':
        if (!args.trigger_id) throw new SlackApiError('invalid_arguments');
        this.stack.length = 0;
        return { view: this.push(viewArg(args)) };
      case 'views.push':
        if (!this.stack.length) throw new SlackApiError('not_found');
        return { view: this.push(viewArg(args)) };
      case 'views.update': {
        const id = String(args.view_id ?? '');
        const current = this.view(id);
        if (!current) throw new SlackApiError('not_found');
        if (args.hash !== undefined && args.hash !== current.hash) throw new SlackApiError('hash_conflict');
        return { view: this.replace(id, viewArg(args)) };
      }
      case 'views.publish':
        this.home = this.stored(viewArg(args), this.home?.id);
        return { view: this.home };
      case 'chat.postMessage':
      case 'chat.postEphemeral':
      case 'chat.update': {
        const blocks = typeof args.blocks === 'string' ? (JSON.parse(args.blocks) as unknown) : args.blocks;
        const ephemeral = method === 'chat.postEphemeral';
        const text = args.text as string | undefined;
        this.posted.push({ channel: args.channel as string | undefined, text, blocks, ephemeral });
        return { channel: args.channel, ts: `${Date.now() / 1000}`, message_ts: `${Date.now() / 1000}` };
      }
      case 'users.info':
        // The person at the keyboard has no email here, so App Home shows the catalog, not "your teams".
        return { user: { id: args.user ?? this.userId, name: 'you', real_name: 'You', profile: { real_name: 'You' } } };
      case 'users.lookupByEmail':
        throw new SlackApiError('users_not_found');
      case 'usergroups.users.list':
        return { users: [] };
      case 'conversations.open':
        return { channel: { id: 'D0LOCAL' } };
      default:
        throw new SlackApiError('unknown_method');
    }
  }

  private push(view: Record<string, unknown>): StoredView {
    if (this.stack.length >= MAX_STACK) throw new SlackApiError('push_limit_reached');
    const stored = this.stored(view);
    this.stack.push(stored);
    return stored;
  }

  private replace(id: string, view: Record<string, unknown>): StoredView {
    const stored = this.stored(view, id);
    const at = this.stack.findIndex((v) => v.id === id);
    if (at >= 0) this.stack[at] = stored;
    else if (this.home?.id === id) this.home = stored;
    return stored;
  }

  private stored(view: Record<string, unknown>, id?: string): StoredView {
    const n = ++this.nextId;
    return {
      ...view,
      type: String(view.type ?? 'modal'),
      id: id ?? `V0LOCAL${n}`,
      hash: `${n}.local`,
      state: { values: {} },
    };
  }
}

function viewArg(args: Record<string, unknown>): Record<string, unknown> {
  const view = typeof args.view === 'string' ? (JSON.parse(args.view) as unknown) : args.view;
  if (!view || typeof view !== 'object') throw new SlackApiError('invalid_arguments');
  return view as Record<string, unknown>;
}

/** The Web API's two body formats: form fields (objects JSON-encoded) or a JSON object. */
async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readBody(req, MAX_BODY_BYTES);
  if (!body) return {};
  const json = (req.headers['content-type'] ?? '').includes('application/json');
  if (json) return JSON.parse(body) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}
