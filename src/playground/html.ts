// HTML escaping for the playground's renderer. Every piece of text that reaches the page, catalog
// text included, passes through one of these, so nothing a catalog file says can become markup.

/** Text for an element's content or a double-quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A URL safe to put in href/src: http(s) and mailto only; anything else (javascript:, data:) is refused. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^(https?:\/\/|mailto:)/i.test(url.trim())) return undefined;
  return escapeHtml(url.trim());
}

/** A JSON value as a data attribute the page's script reads back with JSON.parse. */
export function dataJson(value: unknown): string {
  return escapeHtml(JSON.stringify(value));
}
