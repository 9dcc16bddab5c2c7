// Reads back the JSON the playground's HTML carries in a data attribute (data-act, data-state,
// data-option), as the page's script does with JSON.parse of the unescaped attribute.
const ENTITIES: Record<string, string> = { '&quot;': '"', '&#39;': "'", '&lt;': '<', '&gt;': '>', '&amp;': '&' };

type Attribute = 'data-act' | 'data-state' | 'data-option';

export function dataAttributes(html: string, attribute: Attribute): Array<Record<string, unknown>> {
  return [...html.matchAll(new RegExp(`${attribute}="([^"]*)"`, 'g'))]
    .map((m) => m[1].replace(/&quot;|&#39;|&lt;|&gt;|&amp;/g, (e) => ENTITIES[e]))
    .map((json) => JSON.parse(json) as Record<string, unknown>);
}
