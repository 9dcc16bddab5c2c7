// The command modules on their own, without Slack: the text they show for the cases the demo
// catalog does not have (same names in two namespaces, owners missing or personal, no docs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callboard } from '../../commands/callboard.js';
import { docs } from '../../commands/docs.js';
import { commands } from '../../commands/index.js';
import { owner } from '../../commands/owner.js';
import { service } from '../../commands/service.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { renderText, type CommandContext } from '../../src/slack/index.js';
import { CatalogStore } from '../../src/store/index.js';
import { searchAndPortal } from '../support/callboard.js';
import { blockProblems } from '../support/slack-block-rules.js';

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments, description: The current one. }
spec: { type: service, lifecycle: production, owner: user:solo }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments, namespace: legacy, description: The old one. }
spec: { type: service, lifecycle: deprecated, owner: group:default/ghost-team }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: bare-bones, description: "<!channel> *everyone* look & see <https://evil.example|here>" }
spec: { type: library, lifecycle: experimental, owner: team-a }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a, title: Team A }
spec: { type: team, parent: team-b, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b, title: Team B, annotations: { slack.com/channel: team-b } }
spec: { type: department, children: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: solo }
spec: { profile: { displayName: Solo Developer, email: solo@example.com }, memberOf: [team-a] }
`;

describe('command modules', () => {
  let dir: string;
  let store: CatalogStore;
  let ctx: CommandContext;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-commands-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), CATALOG);
    store = await CatalogStore.open();
    const { summary } = await syncFolders(store, [dir]);
    expect(summary.problems).toBe(0);
    const { portal } = searchAndPortal(store);
    ctx = {
      portal,
      userId: 'U0ME',
      commands,
      slackUserIds: async (emails) => new Map(emails.filter((e) => e === 'solo@example.com').map((e) => [e, 'U0SOLO'])),
    };
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (answer: Promise<{ text: string; blocks: unknown[] }>) => {
    const message = await answer;
    expect(blockProblems(message.blocks, 'message')).toEqual([]);
    return renderText(message as never);
  };

  it('lists both when a name is taken in two namespaces', async () => {
    const text = await run(service.handle('payments', ctx));
    expect(text).toMatch(/^Several entries match “payments”\. Did you mean one of these\?/);
    expect(text).toContain('The current one.');
    expect(text).toContain('The old one.');
    expect((await service.handle('payments', ctx)).share).toBeUndefined();
  });

  it('opens the exact one when asked by ref', async () => {
    const answer = await service.handle('component:legacy/payments', ctx);
    expect(renderText(answer as never)).toContain('Owner: group:default/ghost-team (not in the catalog)');
    expect(answer.share).toEqual({ command: 'service', text: 'component:legacy/payments' });
  });

  it('/owner names a personal owner, and an owner missing from the catalog', async () => {
    const personal = await run(owner.handle('component:default/payments', ctx));
    expect(personal).toContain('Owner\n@U0SOLO (Solo Developer)');
    const missing = await run(owner.handle('component:legacy/payments', ctx));
    expect(missing).toContain('Owner: group:default/ghost-team (not in the catalog: check spec.owner)');
  });

  it('/owner of a team shows it, its escalation path and what it owns', async () => {
    const text = await run(owner.handle('team-a', ctx));
    expect(text).toMatch(/^Team A\n/);
    expect(text).toContain('On call now\nNo PagerDuty or Opsgenie annotation on this team.');
    expect(text).toContain('People (1)\n@U0SOLO (Solo Developer)');
    expect(text).toContain('Escalation\nTeam B · #team-b');
    expect(text).toContain('Also owns (1)\nbare-bones');
  });

  it('shows catalog text as text: no @channel pings or links smuggled in', async () => {
    const answer = await service.handle('bare-bones', ctx);
    const raw = JSON.stringify(answer.blocks);
    expect(raw).not.toContain('<!channel>');
    expect(raw).not.toContain('<https://evil.example');
    expect(raw).toContain('&lt;!channel&gt;');
    expect(renderText(answer as never)).toContain('<!channel> everyone look & see <https://evil.example|here>');
  });

  it('/docs says how to add documentation when there is none', async () => {
    const text = await run(docs.handle('bare-bones', ctx));
    expect(text).toContain('No documentation is linked.');
    expect(text).toContain('backstage.io/techdocs-ref');
  });

  it('/callboard answers help for an unknown subcommand and search for nothing', async () => {
    const help = await run(callboard.handle('frobnicate', ctx));
    expect(help).toContain('“frobnicate” is not a /callboard subcommand.');
    expect(help).toContain('/service <name, words or repository URL>');
    expect(await run(callboard.handle('search qqqqzz', ctx))).toContain('Nothing in the catalog matches “qqqqzz”.');
    expect(await run(callboard.handle('search', ctx))).toContain('Search for what?');
  });

  it('every command documents itself with examples that use its own name', () => {
    for (const command of commands) {
      expect(command.description.length).toBeGreaterThan(10);
      for (const example of command.examples) expect(example.startsWith(`/${command.name}`)).toBe(true);
      for (const action of command.actions ?? []) expect(action.id.startsWith(`${command.name}.`)).toBe(true);
    }
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
  });
});
