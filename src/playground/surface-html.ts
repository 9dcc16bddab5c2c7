// The surfaces Slack draws around blocks: a message from the app (with "Only visible to you" on
// an ephemeral answer), a modal dialog (title, close, submit), and the App Home tab.
import { blocksHtml } from './block-html.js';
import { escapeHtml } from './html.js';
import { plainHtml } from './mrkdwn-html.js';

export interface MessageShown {
  id: string;
  text?: string;
  blocks?: unknown;
  ephemeral: boolean;
}

export interface ViewShown {
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
