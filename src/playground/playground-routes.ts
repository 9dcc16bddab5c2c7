// The local playground: with no Slack workspace configured, a page on the HTTP port where a
// person types `/service payments` and sees what Slack would show, rendered as Slack renders it,
// buttons, selects and /create's modals included. It answers only requests from this machine,
// since it bypasses Slack's request signing. Each route makes the request Slack would make (via
// LocalAsker), then renders what changed: new or replaced messages, the open modal, App Home.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { readJsonBody } from '../http-body.js';
import type { LocalAnswer, SlackApp } from '../slack/index.js';
import { PLAYGROUND_PAGE } from './page.js';
import type { PlaygroundWebApi } from './playground-web-api.js';
import { homeHtml, messageHtml, modalHtml, userMessageHtml } from './surface-html.js';

const MAX_BODY_BYTES = 256 * 1024;
const HTML = 'text/html; charset=utf-8';
const ASK_USAGE = 'send {"text": "/service payments"} or a DM such as {"text": "who owns payments?"}';
const SHORTCUT_USAGE = 'send {"message_id": "…", "callback_id": "…"}';
/** Messages the person sent that a shortcut may still be used on; the oldest are forgotten. */
const KEPT_MESSAGES = 200;
const ACT_USAGE = 'send {"action": {"type": "button", "action_id": "…"}}';
const OPTIONS_USAGE = 'send {"action_id": "…", "block_id": "…", "value": "…"}';

/** What the page is told after each request. */
interface PlaygroundUpdate {
  /** Messages to add, or to put in place of the one pressed (replace_original) or to remove (delete_original). */
  replies: Array<{ html?: string; replace_original?: boolean; delete_original?: boolean }>;
  /** The modal on top now (null: none open); `hash` tells the page whether it changed. */
  modal: { id: string; hash: string; html: string } | null;
  /** Errors under a modal's fields, by block_id. */
  errors?: Record<string, string>;
  /** The answer as plain text, for `callboard ask` against a running server. */
  text: string;
  home?: string;
}

type Body = Record<string, unknown>;

export function playgroundRoutes(slackApp: () => SlackApp, webApi: PlaygroundWebApi): CustomRoute[] {
  let messages = 0;
  const asker = () => slackApp().local;
  const sent = new Map<string, { text: string; ts: string }>();

  const update = (answer: LocalAnswer | undefined, extra: Partial<PlaygroundUpdate> = {}): PlaygroundUpdate => {
    const replies: PlaygroundUpdate['replies'] = [];
    for (const reply of answer?.replies ?? []) {
      if (reply.delete_original) replies.push({ delete_original: true });
      else if (reply.blocks !== undefined || typeof reply.text === 'string') {
        const ephemeral = reply.response_type !== 'in_channel';
        const text = reply.text as string | undefined;
        const html = messageHtml({ id: `m${++messages}`, text, blocks: reply.blocks, ephemeral });
        replies.push({ html, replace_original: reply.replace_original === true });
      }
    }
    for (const posted of webApi.takePosted()) {
      replies.push({ html: messageHtml({ ...posted, id: `m${++messages}` }) });
    }
    const top = webApi.stack.at(-1);
    return {
      replies,
      modal: top ? { id: top.id, hash: top.hash, html: modalHtml(top, webApi.stack.length) } : null,
      text: answer?.text ?? '',
      ...extra,
    };
  };

  const viewOf = (body: Body) => {
    const view = typeof body.view_id === 'string' ? webApi.view(body.view_id) : undefined;
    if (body.view_id !== undefined && !view) throw new Error('that view is no longer open');
    return view;
  };

  /** Each request says which page tab sent it: a modal from another tab is closed first. */
  const route = (path: string, handle: (body: Body, req: IncomingMessage) => Promise<[number, unknown]>) =>
    postRoute(path, (body, req) => {
      webApi.requestFrom(typeof body.tab === 'string' ? body.tab : undefined);
      return handle(body, req);
    });

  return [
    {
      path: '/',
      method: 'GET',
      handler: (req, res) => localOnly(req, res, async () => send(res, 200, PLAYGROUND_PAGE, HTML)),
    },
    route('/playground/ask', async (body, req) => {
      if (typeof body.text !== 'string' || !body.text.trim()) return [400, { error: ASK_USAGE }];
      // Anything but a slash command is a DM to the app, shown as the person's own message.
      if (!body.text.trim().startsWith('/')) {
        const id = `m${++messages}`;
        sent.set(id, { text: body.text, ts: (Date.now() / 1000).toFixed(6) });
        if (sent.size > KEPT_MESSAGES) sent.delete(sent.keys().next().value!);
        const own = userMessageHtml({ id, text: body.text }, slackApp().registered.messageShortcuts);
        const result = update(await asker().message(body.text));
        return [200, { ...result, replies: [{ html: own }, ...result.replies] }];
      }
      const answer = await asker().ask(body.text);
      const result = update(answer);
      // `callboard ask` against a running playground shows no modal: say where it opened.
      const page = `http://${req.headers.host ?? 'localhost'}/`;
      if (!result.text && result.modal) result.text = `It opened a form: fill it in on the playground page, ${page}`;
      return [200, result];
    }),
    route('/playground/shortcut', async (body) => {
      const message = typeof body.message_id === 'string' ? sent.get(body.message_id) : undefined;
      const known = slackApp().registered.messageShortcuts.some((sc) => sc.callbackId === body.callback_id);
      if (!message || !known || typeof body.callback_id !== 'string') return [400, { error: SHORTCUT_USAGE }];
      return [200, update(await asker().messageShortcut(body.callback_id, message))];
    }),
    route('/playground/act', async (body) => {
      const action = body.action as Body | undefined;
      if (!action || typeof action.action_id !== 'string') return [400, { error: ACT_USAGE }];
      const view = viewOf(body);
      const inSharedMessage = body.ephemeral === false;
      const answer = await asker().act(action, { view, values: body.values, inSharedMessage });
      return [200, update(answer)];
    }),
    route('/playground/submit', async (body) => {
      const view = viewOf(body);
      if (!view) return [400, { error: 'send {"view_id": "…", "values": {…}}' }];
      // The acknowledgement is applied when it is sent, as Slack does: views.update calls the
      // listener makes after it (the paging outcome after "Paging…") land on top of it.
      let errors: Record<string, string> | undefined;
      const answer = await asker().submit(view, (body.values ?? {}) as Body, {}, (ack) => {
        errors = webApi.applySubmission(view.id, ack && 'response_action' in ack ? ack : undefined);
      });
      return [200, update(answer, errors ? { errors } : {})];
    }),
    route('/playground/close', async (body) => {
      const view = viewOf(body);
      if (view) webApi.closeView(view.id);
      return [200, update(undefined)];
    }),
    route('/playground/options', async (body) => {
      const { action_id: actionId, block_id: blockId } = body;
      if (typeof actionId !== 'string' || typeof blockId !== 'string') return [400, { error: OPTIONS_USAGE }];
      const answer = await asker().suggest(
        { action_id: actionId, block_id: blockId, value: typeof body.value === 'string' ? body.value : '' },
        { view: viewOf(body), values: body.values },
      );
      const reply = answer.replies[0] ?? {};
      return [200, { options: reply.options ?? [], option_groups: reply.option_groups }];
    }),
    route('/playground/home', async () => {
      const answer = await asker().openHome();
      return [200, update(answer, { home: homeHtml(webApi.home) })];
    }),
  ];
}

function postRoute(
  path: string,
  handle: (body: Body, req: IncomingMessage) => Promise<[number, unknown]>,
): CustomRoute {
  return {
    path,
    method: 'POST',
    handler: (req, res) =>
      localOnly(req, res, async () => {
        const body = await readJsonBody(req, MAX_BODY_BYTES);
        if (!body || typeof body !== 'object' || Array.isArray(body)) {
          sendJson(res, 400, { error: 'send a JSON object' });
          return;
        }
        const [status, answer] = await handle(body as Body, req);
        sendJson(res, status, answer);
      }),
  };
}

async function localOnly(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  const address = req.socket.remoteAddress ?? '';
  if (!/^(127\.|::1$|::ffff:127\.)/.test(address)) {
    send(res, 403, 'The playground answers only on this machine.\n', 'text/plain');
    return;
  }
  try {
    await handle();
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : 'bad request' });
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}
