// The playground page: a Slack-like pane (a conversation with the app, its App Home tab) and a
// message box where slash commands are typed. Styles and script live beside it.
import { PAGE_SCRIPT } from './page-script.js';
import { PAGE_STYLE } from './page-style.js';

export const PLAYGROUND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Callboard playground</title><link rel="icon" href="data:,"><style>${PAGE_STYLE}</style></head><body>
<nav class="sidebar" aria-label="Workspace"><div class="workspace">Playground</div>
<div class="heading">Apps</div><div class="channel active">Callboard</div></nav>
<main>
<header class="pane-head"><h1>Callboard</h1>
<div class="tabs" role="tablist">
<button class="tab" role="tab" data-tab="messages" aria-selected="true">Messages</button>
<button class="tab" role="tab" data-tab="home" aria-selected="false">Home</button></div></header>
<section id="messages" class="feed" aria-live="polite"><div id="feed"></div></section>
<section id="home" class="home-pane" hidden></section>
<div class="hint">This is a local playground: type what you would type in Slack, for example
<code>/service payments</code>,
<code>/owner payments</code>, <code>/docs payments</code>, <code>/scorecard payments-team</code>, <code>/create</code> or <code>/callboard help</code>.
Anything else is a DM to Callboard (<code>who owns payments?</code>); paste a message (an alert, a stack trace) and
choose <b>Who owns this?</b> from its ⋯ menu. Shift+Enter starts a new line.</div>
<div id="failure" class="failure" role="alert"></div>
<div class="composer"><form id="ask">
<textarea id="text" rows="1" autofocus aria-label="Message Callboard" autocomplete="off">/service payments</textarea>
<button class="send" aria-label="Send">Send</button></form></div>
</main>
<div id="modal-root"></div>
<script>${PAGE_SCRIPT}</script></body></html>
`;
