// The surfaces Slack draws around blocks: a message from the app (with "Only visible to you" on
// an ephemeral answer), a modal dialog (title, close, submit), and the App Home tab.
import { blocksHtml } from './block-html.js';
import { escapeHtml } from './html.js';
import { plainHtml } from './mrkdwn-html.js';

interface MessageShown {
  id: string;
  text?: string;
  blocks?: unknown;
  ephemeral: boolean;
}

interface ViewShown {
  id: string;
  type?: string;
  title?: { text?: string };
  submit?: { text?: string };
  close?: { text?: string };
  blocks?: unknown;
}

export function messageHtml(message: MessageShown): string {
  const mark = message.ephemeral
    ? '<div class="msg-ephemeral"><span class="eye" aria-hidden="true">👁</span> Only visible to you</div>'
    : '';
  return (
    `<article class="msg${message.ephemeral ? ' ephemeral' : ''}" data-message-id="${escapeHtml(message.id)}"` +
    ` data-ephemeral="${message.ephemeral}">` +
    '<div class="msg-avatar" aria-hidden="true">C</div><div class="msg-main">' +
    `${mark}<div class="msg-head"><span class="msg-author">Callboard</span><span class="msg-app">APP</span></div>` +
    `<div class="msg-blocks">${blocksHtml(message.blocks, message.text)}</div></div></article>`
  );
}

/** What the person typed, as Slack shows their own message: text kept as typed, and its ⋯ menu of message shortcuts. */
export function userMessageHtml(
  message: { id: string; text: string },
  shortcuts: ReadonlyArray<{ callbackId: string; name: string }>,
): string {
  const menu = shortcuts.length
    ? '<span class="bk-overflow msg-actions">' +
      '<button type="button" class="bk-button bk-overflow-toggle" aria-label="More actions" aria-haspopup="menu">⋯</button>' +
      `<span class="bk-menu" role="menu" hidden>${shortcuts
        .map(
          (s) =>
            `<button type="button" role="menuitem" data-shortcut="${escapeHtml(s.callbackId)}">${escapeHtml(s.name)}</button>`,
        )
        .join('')}</span></span>`
    : '';
  return (
    `<article class="msg mine" data-message-id="${escapeHtml(message.id)}" data-ephemeral="false">` +
    '<div class="msg-avatar you" aria-hidden="true">Y</div><div class="msg-main">' +
    `<div class="msg-head"><span class="msg-author">You</span>${menu}</div>` +
    `<div class="msg-text">${escapeHtml(message.text)}</div></div></article>`
  );
}

export function modalHtml(view: ViewShown, depth: number): string {
  const title = plainHtml(view.title?.text ?? 'Callboard');
  const close = plainHtml(view.close?.text ?? 'Cancel');
  const submit = view.submit?.text
    ? `<button type="submit" class="bk-button primary modal-submit">${plainHtml(view.submit.text)}</button>`
    : '';
  const back = depth > 1 ? '<button type="button" class="modal-back" aria-label="Back">‹</button>' : '';
  return (
    '<div class="modal-backdrop"><form class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title"' +
    ` data-view-id="${escapeHtml(view.id)}" novalidate>` +
    `<header class="modal-head">${back}<h2 id="modal-title">${title}</h2>` +
    '<button type="button" class="modal-x" aria-label="Close">×</button></header>' +
    `<div class="modal-body">${blocksHtml(view.blocks)}</div>` +
    `<footer class="modal-foot"><button type="button" class="bk-button modal-close">${close}</button>${submit}` +
    '</footer>' +
    '</form></div>'
  );
}

export function homeHtml(view: ViewShown | undefined): string {
  if (!view) return '<p class="home-empty">App Home has not been published yet.</p>';
  return `<div class="home" data-view-id="${escapeHtml(view.id)}">${blocksHtml(view.blocks)}</div>`;
}
