// manifest.yml declares what /create needs: the command (as create.ts describes it), the global
// shortcut, the options load URL for its select menus, and the DM thread's messages tab.
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { create, CREATE_SHORTCUT } from '../../commands/create.js';

interface Manifest {
  features: {
    app_home: { messages_tab_enabled: boolean; messages_tab_read_only_enabled: boolean };
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
    slash_commands: Array<{ command: string; description: string; usage_hint: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string; message_menu_options_url?: string } };
}

const manifest = load(readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

describe('manifest.yml for /create', () => {
  it('declares /create as the command describes itself, and the "Create a service" shortcut', () => {
    expect(manifest.features.slash_commands.find((c) => c.command === '/create')).toMatchObject({
      description: create.description,
      usage_hint: create.usageHint,
    });
    const shortcut = manifest.features.shortcuts?.find((s) => s.callback_id === CREATE_SHORTCUT);
    expect(shortcut).toMatchObject({ name: 'Create a service', type: 'global' });
    expect(shortcut!.description.length).toBeLessThanOrEqual(150);
  });

  it('loads select-menu options and interactions on the one Bolt endpoint, and shows the DM thread', () => {
    expect(new URL(manifest.settings.interactivity.message_menu_options_url!).pathname).toBe('/slack/events');
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      // Not read-only: people type questions to the app in its DM (commands/ask), beside /create's thread.
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(['chat:write', 'usergroups:read', 'users:read.email']),
    );
  });
});
