// Templates that need approval, and who may create at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncSnapshots } from '../../src/sync/index.js';
import { PEOPLE, startCreateHarness, textState, type CreateHarness, type ModalView } from './create-harness.js';

const ownerState = (ref: string) => ({
  'field:owner': { 'callboard.create.entity': { type: 'external_select', selected_option: { value: ref } } },
});

async function requestWebsite(h: CreateHarness, name: string) {
  const form = await h.openForm('template:default/public-website', PEOPLE.ada.id);
  expect(JSON.stringify(form.blocks)).toContain('Needs approval from group:default/security');
  const before = h.fake.callsTo('chat.postMessage').length;
  await h.submit(form, { ...textState({ name }), ...ownerState('group:default/payments') });
  await h.scaffolder.tasks.idle();
  const posted = h.fake.callsTo('chat.postMessage').slice(before);
  const request = posted.find((c) => c.args.channel === PEOPLE.ada.id && !c.args.thread_ts)!;
  // Security has no channel: each member with a Slack account is asked by DM.
  const ask = posted.find((c) => c.args.channel === PEOPLE.sam.id)!;
  return { request, ask };
}

function thread(h: CreateHarness, ts: unknown): string[] {
  return h.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.args.thread_ts === ts)
    .map((c) => JSON.stringify(c.args.blocks));
}

describe('approval', () => {
  let h: CreateHarness;
  beforeAll(async () => {
    h = await startCreateHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('creates nothing until a member of the approver group approves; someone outside it cannot', async () => {
    const { request, ask } = await requestWebsite(h, 'launch-site');
    expect(JSON.stringify(request.args.blocks)).toContain('Waiting for approval from *Security*');
    expect(String(ask.args.text)).toBe('<@U0ADA> asks to create launch-site from Public website');
    expect(h.git.created).not.toContain('launch-site');

    // Paula is in Platform, not Security: told privately, nothing happens.
    const refused = await h.press(ask, 'callboard.create.approve', PEOPLE.paula.id);
    expect(refused.status).toBe(200);
    const privately = await h.fake.waitFor(() => h.fake.responsesTo(refused.responseUrl)[0], 'the refusal');
    expect(privately.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(privately.body.text)).toMatch(/^Only members of \*Security\* can approve or deny this request/);
    await h.scaffolder.tasks.idle();
    expect(h.git.created).not.toContain('launch-site');

    const approved = await h.press(ask, 'callboard.create.approve', PEOPLE.sam.id);
    const replaced = await h.fake.waitFor(() => h.fake.responsesTo(approved.responseUrl)[0], 'the decision');
    expect(replaced.body.replace_original).toBe(true);
    expect(JSON.stringify(replaced.body.blocks)).toContain('Approved by <@U0SAM>');
    await h.scaffolder.tasks.idle();
    expect(h.git.created).toContain('launch-site');
    expect(h.github.org.requireRepository('launch-site').visibility).toBe('public');
    const replies = thread(h, request.answer.ts);
    expect(replies[0]).toContain('<@U0SAM> approved the request');
    expect(replies.at(-1)).toContain('launch-site* is ready');

    // The first decision counts: a second press is told so.
    const late = await h.press(ask, 'callboard.create.deny', PEOPLE.sam.id);
    const told = await h.fake.waitFor(() => h.fake.responsesTo(late.responseUrl)[0], 'the late press');
    expect(String(told.body.text)).toBe('This request was already approved by <@U0SAM>.');
  });

  it('Deny asks why and tells the requester, creating nothing', async () => {
    const { request, ask } = await requestWebsite(h, 'leaky-site');
    const opened = h.fake.callsTo('views.open').length;
    await h.press(ask, 'callboard.create.deny', PEOPLE.sam.id);
    const modal = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the reason modal')).answer
      .view as ModalView;
    expect(modal.callback_id).toBe('callboard.create.deny_reason');

    const empty = await h.submit(modal, { reason: { value: { type: 'plain_text_input', value: ' ' } } }, PEOPLE.sam.id);
    expect(empty.json).toMatchObject({
      response_action: 'errors',
      errors: { reason: expect.stringMatching(/^Say why/) },
    });
    const done = await h.submit(
      modal,
      { reason: { value: { type: 'plain_text_input', value: 'Public sites go through the brand team first.' } } },
      PEOPLE.sam.id,
    );
    expect(done.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    expect(h.git.created).not.toContain('leaky-site');
    expect(thread(h, request.answer.ts).at(-1)).toContain(
      '<@U0SAM> denied the request: Public sites go through the brand team first. Nothing was created.',
    );
    const parent = h.fake
      .callsTo('chat.update')
      .filter((c) => c.args.ts === request.answer.ts)
      .at(-1)!;
    expect(JSON.stringify(parent.args.blocks)).toContain(
      'Denied by <@U0SAM>: Public sites go through the brand team first.',
    );
    const approverCopy = await h.fake.waitFor(
      () =>
        h.fake
          .callsTo('chat.update')
          .filter((c) => c.args.ts === ask.answer.ts)
          .at(-1),
      "the approvers' copy",
    );
    expect(JSON.stringify(approverCopy.args.blocks)).toContain('Denied by <@U0SAM>');
    const task = (await h.scaffolder.taskStore.listTasks()).find((t) => t.values.name === 'leaky-site')!;
    expect(task).toMatchObject({ state: 'failed', approval: 'denied', decidedBy: PEOPLE.sam.id });
  });
});

describe('approval rests on trusted membership only', () => {
  let h: CreateHarness;
  beforeAll(async () => {
    h = await startCreateHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // What anyone who can push to a repository of the organisation could write: a User in the
  // approving group under their own email, and a Group under it that lists them.
  const forged = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata: {name: brochure}',
    'spec: {type: website, lifecycle: production, owner: payments}',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata: {name: bob-security}',
    'spec: {profile: {email: bob@example.com}, memberOf: [security]}',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata: {name: security-helpers}',
    'spec: {type: team, parent: security, children: [], members: [bob]}',
  ].join('\n');

  it('refuses Users and Groups from a repository as problems of that repository; their approvals do not count', async () => {
    // As the GitHub source hands over acme/brochure's catalog file, with the default rules.
    await syncSnapshots(h.store, [
      {
        key: 'github:acme/brochure',
        type: 'github',
        target: 'https://github.com/acme/brochure',
        status: 'ok',
        files: [
          {
            path: 'catalog-info.yaml',
            url: 'https://github.com/acme/brochure/blob/main/catalog-info.yaml',
            sha: 'b1',
            status: 'read',
            text: forged,
          },
        ],
      },
    ]);
    expect(await h.store.getEntity('component:default/brochure')).toBeDefined();
    expect(await h.store.getEntity('user:default/bob-security')).toBeUndefined();
    expect(await h.store.getEntity('group:default/security-helpers')).toBeUndefined();
    const problems = (await h.store.listProblems({ locationKey: 'github:acme/brochure' })).map((p) => p.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        'user:default/bob-security was not stored: a User may not be declared here (CATALOG_RULES lets this location declare Component, API, Location)',
        'group:default/security-helpers was not stored: a Group may not be declared here (CATALOG_RULES lets this location declare Component, API, Location)',
      ]),
    );
    const status = JSON.stringify((await h.client.command('/callboard', 'status', { userId: PEOPLE.bob.id })).json);
    expect(status).toContain('user:default/bob-security was not stored');

    const { ask } = await requestWebsite(h, 'brochure-site');
    const refused = await h.press(ask, 'callboard.create.approve', PEOPLE.bob.id);
    const privately = await h.fake.waitFor(() => h.fake.responsesTo(refused.responseUrl)[0], 'the refusal');
    expect(String(privately.body.text)).toMatch(/^Only members of \*Security\* can approve or deny this request/);
    await h.scaffolder.tasks.idle();
    expect(h.git.created).not.toContain('brochure-site');
  });

  it('never lets the requester approve their own request, even as a member of the approver group', async () => {
    const form = await h.openForm('template:default/public-website', PEOPLE.sam.id);
    const before = h.fake.callsTo('chat.postMessage').length;
    await h.submit(
      form,
      { ...textState({ name: 'own-site' }), ...ownerState('group:default/payments') },
      PEOPLE.sam.id,
    );
    await h.scaffolder.tasks.idle();
    const ask = h.fake
      .callsTo('chat.postMessage')
      .slice(before)
      .find((c) => JSON.stringify(c.args.blocks ?? []).includes('callboard.create.approve'))!;
    for (const action of ['callboard.create.approve', 'callboard.create.deny']) {
      const pressed = await h.press(ask, action, PEOPLE.sam.id);
      const told = await h.fake.waitFor(() => h.fake.responsesTo(pressed.responseUrl)[0], 'the refusal');
      expect(String(told.body.text)).toBe(
        'You asked for this request, so someone else in *Security* must approve or deny it.',
      );
    }
    await h.scaffolder.tasks.idle();
    expect(h.git.created).not.toContain('own-site');
    const task = (await h.scaffolder.taskStore.listTasks()).find((t) => t.values.name === 'own-site')!;
    expect(task.approval).toBe('pending');
  });
});

describe('who may create', () => {
  let h: CreateHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('lets members of the listed catalog groups (and their child groups) in, and tells others whom to ask', async () => {
    h = await startCreateHarness({ policy: { groups: ['group:default/platform'], slackUserGroups: [] } });
    await h.client.command('/create', '', { userId: PEOPLE.bob.id });
    const refused = (await h.fake.waitFor(() => h!.fake.callsTo('views.open')[0], 'the modal')).answer
      .view as ModalView;
    const text = JSON.stringify(refused.blocks);
    expect(text).toContain('Creating repositories is open to members of the listed groups only.');
    expect(text).toContain('Ask someone in *Platform Team* · <#C0PLATFORM|platform>');
    expect(refused.submit).toBeUndefined();

    // Ada is in Payments, a child of Platform.
    await h.client.command('/create', '', { userId: PEOPLE.ada.id });
    const picker = (await h.fake.waitFor(() => h!.fake.callsTo('views.open')[1], 'the picker')).answer
      .view as ModalView;
    expect(picker.callback_id).toBe('callboard.create.pick');
  });

  it('lets members of listed Slack user groups in', async () => {
    h = await startCreateHarness({
      policy: { groups: [], slackUserGroups: ['S0CREATORS'] },
      userGroups: { S0CREATORS: [PEOPLE.bob.id] },
    });
    await h.client.command('/create', '', { userId: PEOPLE.bob.id });
    await h.fake.waitFor(() => h!.fake.callsTo('views.open')[0], 'the first modal');
    await h.client.command('/create', '', { userId: PEOPLE.ada.id });
    await h.fake.waitFor(() => h!.fake.callsTo('views.open')[1], 'the second modal');
    const [bob, ada] = h.fake.callsTo('views.open').map((c) => c.answer.view as ModalView);
    expect(bob.callback_id).toBe('callboard.create.pick');
    expect(JSON.stringify(ada.blocks)).toContain('<!subteam^S0CREATORS>');
  });
});
