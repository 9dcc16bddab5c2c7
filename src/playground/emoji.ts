// Slack's emoji shortcodes (`:white_check_mark:`) as the characters Slack shows. The names come
// from emoji-datasource (iamcal/emoji-data), the data set Slack's own shortcodes follow, so
// aliases such as `:+1:` and `:thumbsup:` both resolve. Loaded on first use: only the playground
// needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface EmojiRecord {
  unified: string;
  short_names: string[];
}

let byName: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (byName) return byName;
  const file = createRequire(import.meta.url).resolve('emoji-datasource/emoji.json');
  const records = JSON.parse(readFileSync(file, 'utf8')) as EmojiRecord[];
  byName = new Map();
  for (const record of records) {
    const char = String.fromCodePoint(...record.unified.split('-').map((hex) => parseInt(hex, 16)));
    for (const name of record.short_names) byName.set(name, char);
  }
  return byName;
}

/** The emoji a shortcode name stands for (without colons), or undefined for a name Slack would not know. */
export function emojiFor(name: string): string | undefined {
  return table().get(name.toLowerCase());
}

/** Replaces every known `:shortcode:` in already-escaped text; unknown ones stay as typed, as in Slack. */
export function replaceShortcodes(text: string): string {
  return text.replace(/:([a-z0-9_+-]+):/gi, (whole, name: string) => emojiFor(name) ?? whole);
}
