// docs/slack-app.md explains every slash command, shortcut and scope that manifest.yml asks Slack
// for: a person creating the app from the manifest reads what each one is for before allowing it.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

interface Manifest {
  features: {
    slash_commands: Array<{ command: string }>;
    shortcuts?: Array<{ name: string; callback_id: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { event_subscriptions: { bot_events: string[] } };
}

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = load(read('manifest.yml')) as Manifest;
const guide = read('docs/slack-app.md');

/** The guide's table rows, keyed by their first cell without backticks. */
function tableRows(markdown: string): Map<string, string> {
  const rows = new Map<string, string>();
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    if (cells.length < 4 || /^-+$/.test(cells[1])) continue;
    rows.set(cells[1].replace(/`/g, ''), cells[2]);
  }
  return rows;
}

describe('docs/slack-app.md', () => {
  const rows = tableRows(guide);

  it('explains every slash command of manifest.yml in its table', () => {
    for (const { command } of manifest.features.slash_commands) {
      expect(rows.get(command), `${command} has no row in docs/slack-app.md`).toMatch(/\w/);
    }
  });

  it('explains every shortcut', () => {
    for (const shortcut of manifest.features.shortcuts ?? []) {
      expect(guide, `the shortcut "${shortcut.name}" is not in docs/slack-app.md`).toContain(shortcut.name);
    }
  });

  it('explains every bot scope and event in its table', () => {
    for (const scope of manifest.oauth_config.scopes.bot) {
      expect(rows.get(scope), `scope ${scope} has no row in docs/slack-app.md`).toMatch(/\w/);
    }
    for (const event of manifest.settings.event_subscriptions.bot_events) {
      expect(rows.get(event), `event ${event} has no row in docs/slack-app.md`).toMatch(/\w/);
    }
  });

  it('counts them as the manifest does', () => {
    const count = manifest.features.slash_commands.length;
    const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
    expect(guide).toContain(`${words[count]} slash commands`);
  });
});
