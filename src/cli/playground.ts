// The local playground: with no Slack workspace configured, a page on the HTTP port where a
// person types `/service payments` and sees what Slack would show, buttons included. It answers
// only requests from this machine, since it bypasses Slack's request signing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { SlackApp } from '../slack/index.js';

const MAX_BODY_BYTES = 64 * 1024;

export function playgroundRoutes(slackApp: () => SlackApp): CustomRoute[] {
  return [
    { path: '/', method: 'GET', handler: (req, res) => localOnly(req, res, async () => send(res, 200, PAGE, 'text/html; charset=utf-8')) },
    {
      path: '/playground/ask', method: 'POST', handler: (req, res) => localOnly(req, res, async () => {
        const { text } = await readJson(req) as { text?: unknown };
        if (typeof text !== 'string' || !text.trim()) return sendJson(res, 400, { error: 'send {"text": "/service payments"}' });
        sendJson(res, 200, await slackApp().ask(text));
      }),
    },
    {
      path: '/playground/press', method: 'POST', handler: (req, res) => localOnly(req, res, async () => {
        const { action_id: actionId, value } = await readJson(req) as { action_id?: unknown; value?: unknown };
        if (typeof actionId !== 'string') return sendJson(res, 400, { error: 'send {"action_id": "...", "value": "..."}' });
        sendJson(res, 200, await slackApp().press({ action_id: actionId, value: typeof value === 'string' ? value : undefined }));
      }),
    },
  ];
}

async function localOnly(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  const address = req.socket.remoteAddress ?? '';
  if (!/^(127\.|::1$|::ffff:127\.)/.test(address)) return send(res, 403, 'The playground answers only on this machine.\n', 'text/plain');
  try {
    await handle();
  } catch (error) {
    sendJson(res, 400, { error: error instanceof Error ? error.message : 'bad request' });
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new Error('the body is not JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, JSON.stringify(body), 'application/json');
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Callboard playground</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#1d1c1d}
form{display:flex;gap:.5rem}input{flex:1;font:inherit;padding:.5rem;border:1px solid #bbb;border-radius:6px}
button{font:inherit;padding:.4rem .8rem;border:1px solid #bbb;border-radius:6px;background:#fff;cursor:pointer;margin:.2rem .3rem .2rem 0}
pre{white-space:pre-wrap;background:#f8f8f8;border:1px solid #e2e2e2;border-radius:8px;padding:1rem}
</style></head><body>
<h1>Callboard</h1>
<p>Type what you would type in Slack: <code>/service payments</code>, <code>/owner payments</code>, <code>/docs payments</code>, <code>/callboard help</code>.</p>
<form id="ask"><input id="text" value="/service payments" autofocus aria-label="command"><button>Ask</button></form>
<pre id="answer" aria-live="polite"></pre><div id="buttons"></div>
<script>
const answer = document.getElementById('answer'), buttons = document.getElementById('buttons');
function collectButtons(blocks, out) {
  for (const block of blocks || []) {
    if (block.accessory && block.accessory.type === 'button') out.push(block.accessory);
    for (const el of block.elements || []) if (el.type === 'button') out.push(el);
  }
  return out;
}
async function post(path, body) {
  answer.textContent = '…'; buttons.replaceChildren();
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const reply = await res.json();
  answer.textContent = reply.error || reply.text || '(no answer)';
  for (const b of collectButtons(reply.message && reply.message.blocks, [])) {
    const el = document.createElement('button');
    el.textContent = b.text.text;
    el.onclick = () => post('/playground/press', { action_id: b.action_id, value: b.value });
    buttons.append(el);
  }
}
document.getElementById('ask').onsubmit = (e) => { e.preventDefault(); post('/playground/ask', { text: document.getElementById('text').value }); };
</script></body></html>
`;
