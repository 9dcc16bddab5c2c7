// The on-call answers without live on-call: with no token, the provider's link and the setting
// that turns it on; with nothing annotated, how to annotate; and no Page button without a key.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { oncall } from '../../commands/oncall.js';
import { owner } from '../../commands/owner.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { silentLogger } from '../../src/log.js';
import { createOnCall } from '../../src/oncall/index.js';
import { renderText, type CommandContext } from '../../src/slack/index.js';
import { CatalogStore } from '../../src/store/index.js';
import { searchAndPortal } from '../support/callboard.js';
import { blockProblems } from '../support/slack-block-rules.js';

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: paged-team, title: Paged Team, annotations: { pagerduty.com/service-id: PXYZ123 } }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: quiet-team, title: Quiet Team }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: quiet-service }
spec: { type: service, lifecycle: production, owner: quiet-team }
`;

describe('on call without live answers', () => {
  let dir: string;
  let store: CatalogStore;
  let ctx: CommandContext;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'callboard-oncall-'));
    writeFileSync(join(dir, 'catalog-info.yaml'), CATALOG);
    store = await CatalogStore.open();
    await syncFolders(store, [dir]);
    const { portal } = searchAndPortal(store);
    const settings = {
      pagerduty: { apiUrl: 'http://127.0.0.1:9', eventsUrl: 'http://127.0.0.1:9' },
      opsgenie: { apiUrl: 'http://127.0.0.1:9' },
    };
    const { directory } = createOnCall(settings, silentLogger);
    ctx = { portal, userId: 'U0ME', commands, slackUserIds: async () => new Map(), onCall: directory };
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const text = async (answer: Promise<{ text: string; blocks: unknown[] }>) => {
    const message = await answer;
    expect(blockProblems(message.blocks, 'message')).toEqual([]);
    return renderText(message as never);
  };

  it('shows the link and names the setting when PAGERDUTY_TOKEN is unset', async () => {
    const shown = await text(oncall.handle('paged-team', ctx));
    expect(shown).toContain('PagerDuty · service PXYZ123 (https://app.pagerduty.com/service-directory/PXYZ123)');
    expect(shown).toContain('Live on-call is off: set `PAGERDUTY_TOKEN` to see here who is on call in PagerDuty.');
    expect(shown).not.toContain('[Page on-call]');
  });

  it('says how to annotate when nothing in the chain names an on-call', async () => {
    expect(await text(oncall.handle('quiet-service', ctx))).toContain(
      "Neither quiet-service, its owner nor the owner's parents name a PagerDuty or Opsgenie on-call.",
    );
    expect(await text(owner.handle('quiet-team', ctx))).toContain(
      'On call now\nNo PagerDuty or Opsgenie annotation on this team or its parents.',
    );
  });

  it('asks for words', async () => {
    expect(await text(oncall.handle('  ', ctx))).toBe(
      'Usage: /oncall <service, team or system> (for example `/oncall payments`).',
    );
  });
});
