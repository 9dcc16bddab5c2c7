// /create end to end: signed requests to the running Bolt app, the fake Slack and the fake GitHub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PEOPLE,
  startCreateHarness,
  selectState,
  shortcutPayload,
  textState,
  type CreateHarness,
  type ModalView,
} from './create-harness.js';

let h: CreateHarness;

beforeAll(async () => {
  h = await startCreateHarness();
});
afterAll(async () => {
  await h?.close();
});

async function openForm(ref: string, userId = PEOPLE.ada.id): Promise<ModalView> {
  const opened = h.fake.callsTo('views.open').length;
  const ack = await h.client.command('/create', '', { userId });
  expect(ack.status).toBe(200);
  expect(ack.text).toBe('');
  await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the picker');
  return h.pickTemplate(h.lastView(), ref, userId);
}

const ownerState = (ref: string) => ({
  'field:owner': { 'callboard.create.entity': { type: 'external_select', selected_option: { value: ref } } },
});

function dmCalls(userId: string) {
  const parent = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === userId && !c.args.thread_ts);
  return {
    parents: parent,
    replies: (ts: unknown) => h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === ts),
  };
}

describe('/create', () => {
  it('creates a TypeScript HTTP service from the modal: one commit, team access, protection, in the catalog at once, told in a DM thread', async () => {
    const form = await openForm('template:default/typescript-service');
    expect(form.title?.text).toBe('TypeScript HTTP service');
    const inputs = form.blocks.filter((b) => b.type === 'input').map((b) => [b.block_id, b.element.type]);
    expect(inputs).toEqual(
      expect.arrayContaining([
        ['field:name', 'plain_text_input'],
        ['field:owner', 'external_select'],
        ['field:lifecycle', 'static_select'],
        ['field:port', 'number_input'],
        ['field:repoUrl', 'plain_text_input'],
        ['field:protectDefaultBranch', 'checkboxes'],
      ]),
    );

    const owners = await h.suggest(form, 'field:owner', 'callboard.create.entity', 'pay');
    expect(owners.map((o) => o.value)).toContain('group:default/payments');
    expect((await h.suggest(form, 'field:owner', 'callboard.create.entity', '')).map((o) => o.value).sort()).toEqual([
      'group:default/payments',
      'group:default/platform',
      'group:default/security',
    ]);

    const reply = await h.submit(form, {
      ...textState({ name: 'payments-api', description: 'Takes card payments.', repoUrl: 'payments-api' }),
      ...ownerState('group:default/payments'),
      ...selectState('lifecycle', '1'),
      'field:protectDefaultBranch': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    expect(reply.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    const history = h.git.history('payments-api');
    expect(history).toHaveLength(1);
    expect(history[0].files.size).toBe(12);
    expect(history[0].files.get('catalog-info.yaml')!.toString()).toMatch(
      /lifecycle: production\n {2}owner: group:default\/payments/,
    );
    expect(h.git.teamPermission('payments-api', 'payments-devs')).toBe('admin');
    expect(h.git.branchProtection('payments-api', 'main')).toBeDefined();

    const card = await h.client.command('/service', 'payments-api', { userId: PEOPLE.bob.id });
    expect(JSON.stringify(card.json)).toContain('Takes card payments.');
    expect(JSON.stringify(card.json)).toContain('Payments Team');

    const dm = dmCalls(PEOPLE.ada.id);
    expect(dm.parents).toHaveLength(1);
    const thread = dm.replies(dm.parents[0].answer.ts).map((c) => String(c.args.text));
    expect(thread).toEqual([
      '1/3 Render the skeleton: completed',
      '2/3 Create the GitHub repository: completed',
      '3/3 Register in the catalog: completed',
      'payments-api is ready: https://github.com/acme/payments-api',
    ]);
    const final = JSON.stringify(dm.replies(dm.parents[0].answer.ts).at(-1)!.args.blocks);
    expect(final).toContain('<https://github.com/acme/payments-api|Repository>');
    expect(final).toContain('component:default/payments-api');
    expect(final).toContain('Takes card payments.');
    const updated = h.fake
      .callsTo('chat.update')
      .filter((c) => c.args.ts === dm.parents[0].answer.ts)
      .at(-1)!;
    expect(JSON.stringify(updated.args.blocks)).toContain(':white_check_mark: Done.');
  });

  it('shows each error under its field and creates nothing: a name with spaces, a repository that exists, a missing owner', async () => {
    const created = h.git.created.length;
    const tasks = (await h.scaffolder.taskStore.listTasks()).length;
    const form = await openForm('template:default/typescript-service');
    const reply = await h.submit(form, textState({ name: 'my new service', repoUrl: 'ledger' }));
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: {
        'field:name': 'A name cannot contain spaces; use - instead.',
        'field:owner': 'This field is required.',
        'field:repoUrl': 'A repository named ledger already exists in acme.',
      },
    });
    const spaced = await h.submit(form, {
      ...textState({ name: 'ok-name', repoUrl: 'has space' }),
      ...ownerState('group:default/payments'),
    });
    expect(spaced.json).toEqual({
      response_action: 'errors',
      errors: { 'field:repoUrl': 'A repository name cannot contain spaces; use - instead.' },
    });
    expect(h.git.created.length).toBe(created);
    expect((await h.scaffolder.taskStore.listTasks()).length).toBe(tasks);
  });

  it('a double submit (or a retry) of the same form creates one task and one repository', async () => {
    const form = await openForm('template:default/typescript-service');
    const values = {
      ...textState({ name: 'twice-api', repoUrl: 'twice-api' }),
      ...ownerState('group:default/payments'),
    };
    const [first, second] = await Promise.all([h.submit(form, values), h.submit(form, values)]);
    expect(first.json).toEqual({ response_action: 'clear' });
    expect(second.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();
    expect(h.git.created.filter((r) => r === 'twice-api')).toHaveLength(1);
    expect((await h.scaffolder.taskStore.listTasks()).filter((t) => t.values.name === 'twice-api')).toHaveLength(1);
  });

  it('tells which step failed and why when GitHub fails the commit, and deletes the repository it had created', async () => {
    const rule = h.github.inject({ path: /\/git\/commits$/, effect: { status: 500 } });
    try {
      const form = await openForm('template:default/typescript-service');
      await h.submit(form, {
        ...textState({ name: 'broken-api', repoUrl: 'broken-api' }),
        ...ownerState('group:default/payments'),
      });
      await h.scaffolder.tasks.idle();
    } finally {
      h.github.failures.remove(rule);
    }
    expect(h.git.created).toContain('broken-api');
    expect(h.git.deleted).toContain('broken-api');
    expect(h.github.org.repository('broken-api')).toBeUndefined();
    const dm = dmCalls(PEOPLE.ada.id);
    const parent = dm.parents.find((p) => JSON.stringify(p.args.blocks).includes('broken-api'))!;
    const last = dm.replies(parent.answer.ts).at(-1)!;
    expect(String(last.args.text)).toBe('Could not create broken-api: Create the GitHub repository failed');
    const text = JSON.stringify(last.args.blocks);
    expect(text).toContain('GitHub refused to create the commit (500)');
    expect(text).toContain('deleted acme/broken-api, which this request had created');
  });

  it('says how to try templates without Slack when no modal can open', async () => {
    h.fake.failNext('views.open', 'expired_trigger_id');
    const ack = await h.client.command('/create', '', { userId: PEOPLE.ada.id });
    const posted = await h.fake.waitFor(() => h.fake.responsesTo(ack.responseUrl)[0], 'the explanation');
    expect(posted.body).toMatchObject({ response_type: 'ephemeral' });
    expect(String(posted.body.text)).toMatch(
      /^\/create opens a form in Slack, and no form could be opened here\. .*callboard create TEMPLATE --values values\.json --dry-run/,
    );
  });

  it('opens a named template straight away, and the "Create a service" shortcut opens the picker', async () => {
    const opened = h.fake.callsTo('views.open').length;
    await h.client.command('/create', 'typescript-library', { userId: PEOPLE.ada.id });
    const view = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the form')).answer
      .view as ModalView;
    expect(view.title?.text).toBe('TypeScript library');
    expect(view.callback_id).toBe('callboard.create.form');

    await h.interact(shortcutPayload('callboard.create', PEOPLE.ada.id));
    const picker = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened + 1], 'the picker')).answer
      .view as ModalView;
    expect(picker.callback_id).toBe('callboard.create.pick');
    const select = picker.blocks.find((b) => b.block_id === 'template')!.element;
    const refs = (select.option_groups ?? [{ options: select.options }]).flatMap(
      (g: { options: Array<{ value: string }> }) => g.options.map((o) => o.value),
    );
    expect(refs).toEqual(
      expect.arrayContaining([
        'template:default/typescript-service',
        'template:default/typescript-library',
        'template:default/docs-site',
        'template:default/public-website',
      ]),
    );
  });

  it('keeps every skeleton path inside the repository: a value that climbs out fails the render and creates nothing', async () => {
    const created = h.git.created.length;
    for (const folder of ['../../etc', '..', '.git']) {
      const form = await openForm('template:default/folder-from-value');
      await h.submit(form, { ...textState({ name: 'notes', folder }), ...ownerState('group:default/payments') });
      await h.scaffolder.tasks.idle();
      const [task] = await h.scaffolder.taskStore.listTasks({ limit: 1 });
      expect(task).toMatchObject({ state: 'failed', failedStep: 'Render the skeleton' });
      expect(task.error).toMatch(/renders to ".*notes\.md", (which would leave the repository|inside \.git)/);
    }
    expect(h.git.created.length).toBe(created);

    // A value is data, never template: `{{constructor}}` is written as it was typed.
    const form = await openForm('template:default/docs-site');
    await h.submit(form, {
      ...textState({ name: 'handbook', title: '{{constructor}}', repoUrl: 'handbook' }),
      ...ownerState('group:default/payments'),
    });
    await h.scaffolder.tasks.idle();
    expect(h.git.history('handbook')[0].files.get('mkdocs.yml')!.toString()).toContain('site_name: "{{constructor}}"');
  });
});
