// /create opens a modal at once: when the templates take a moment, a loading view opens first
// (so Slack's trigger_id is used while it is valid) and is then replaced by the picker.
import { describe, expect, it } from 'vitest';
import type { webApi } from '@slack/bolt';
import { openCreateModal } from '../../commands/create/open-modal.js';
import type { CreateDeps } from '../../commands/create/create-context.js';
import { silentLogger } from '../../src/log.js';
import { CatalogMembership } from '../../src/scaffold/run/catalog-membership.js';
import { EVERYONE } from '../../src/scaffold/run/create-policy.js';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { actionRegistry } from '../../src/scaffold/actions/registry.js';
import { TemplateCatalog } from '../../src/scaffold/template/template-catalog.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';

interface Call {
  method: string;
  args: Record<string, any>;
}

function recordingClient(calls: Call[]): webApi.WebClient {
  const record = (method: string) => async (args: Record<string, any>) => {
    calls.push({ method, args });
    return { ok: true, view: { id: 'V1', hash: 'h1' }, user: { profile: {} } };
  };
  return {
    views: { open: record('views.open'), update: record('views.update') },
    users: { info: record('users.info') },
  } as unknown as webApi.WebClient;
}

function depsWith(templates: Pick<TemplateCatalog, 'list' | 'find' | 'unavailable' | 'findUnavailable'>): CreateDeps {
  const store = { usersByEmail: async () => [], relationsFrom: async () => [] };
  const scaffolder = {
    templates,
    policy: EVERYONE,
    membership: new CatalogMembership(store),
    formContext: { org: 'acme', host: 'github.com' },
    learnPlan: async () => {},
  } as unknown as Scaffolder;
  return { scaffolder, portal: {} as CreateDeps['portal'], store: {} as CreateDeps['store'], logger: silentLogger };
}

describe('opening /create', () => {
  const catalog = new TemplateCatalog({ folders: [defaultTemplateDir()], actions: actionRegistry() });

  it('opens the picker directly when the templates are at hand', async () => {
    await catalog.list(); // read once: at hand from now on
    const calls: Call[] = [];
    await openCreateModal(depsWith(catalog), recordingClient(calls), { triggerId: 't1', userId: 'U1', words: '' });
    expect(calls.filter((c) => c.method.startsWith('views.')).map((c) => [c.method, c.args.view.callback_id])).toEqual([
      ['views.open', 'callboard.create.pick'],
    ]);
  });

  it('opens a loading view first when they take a while, then replaces it', async () => {
    const calls: Call[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = {
      list: async () => {
        await gate;
        return catalog.list();
      },
      find: catalog.find.bind(catalog),
      unavailable: catalog.unavailable.bind(catalog),
      findUnavailable: catalog.findUnavailable.bind(catalog),
    };
    const opening = openCreateModal(depsWith(slow), recordingClient(calls), {
      triggerId: 't2',
      userId: 'U1',
      words: '',
    });
    const opened = await new Promise<Call>((resolve) => {
      const poll = () => {
        const c = calls.find((x) => x.method === 'views.open');
        if (c) resolve(c);
        else setTimeout(poll, 10);
      };
      poll();
    });
    expect(JSON.stringify(opened.args.view.blocks)).toContain('Loading templates');
    expect(opened.args.trigger_id).toBe('t2');
    release();
    await opening;
    const update = calls.find((c) => c.method === 'views.update')!;
    expect(update.args).toMatchObject({ view_id: 'V1', hash: 'h1', view: { callback_id: 'callboard.create.pick' } });
  });

  it('says so in the modal when the templates cannot be loaded', async () => {
    const calls: Call[] = [];
    const broken = {
      list: async () => {
        throw new Error('disk on fire');
      },
      find: async () => undefined,
      unavailable: async () => [],
      findUnavailable: async () => undefined,
    };
    await openCreateModal(depsWith(broken), recordingClient(calls), { triggerId: 't3', userId: 'U1', words: '' });
    const view = calls.find((c) => c.method === 'views.open')!.args.view;
    expect(JSON.stringify(view.blocks)).toContain('the templates could not be loaded just now');
    expect(JSON.stringify(view.blocks)).not.toContain('disk on fire');
  });
});
