// /create with a template that proposes files to an existing repository: one branch, one commit
// on top of the default branch, one pull request, in a fixed number of GitHub requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreateHarness, selectState, textState, type CreateHarness } from './create-harness.js';

let h: CreateHarness;

beforeAll(async () => {
  h = await startCreateHarness();
});
afterAll(async () => {
  await h?.close();
});

const ownerState = {
  'field:owner': {
    'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/payments' } },
  },
};

describe('/create with publish:github:pull-request', () => {
  it('refuses a repository that does not exist, under its field', async () => {
    const form = await h.openForm('template:default/register-repository');
    const reply = await h.submit(form, {
      ...textState({ repoUrl: 'no-such-repo', name: 'nothing' }),
      ...ownerState,
      ...selectState('kind', '0'),
    });
    expect(reply.json).toMatchObject({
      response_action: 'errors',
      errors: { 'field:repoUrl': 'There is no repository named no-such-repo in acme.' },
    });
  });

  it('opens one pull request with one commit on the default branch, in at most 6 GitHub requests', async () => {
    const form = await h.openForm('template:default/register-repository');
    const requestsBefore = h.github.requests.length;
    const reply = await h.submit(form, {
      ...textState({ repoUrl: 'ledger', name: 'ledger', description: 'The books.' }),
      ...ownerState,
      ...selectState('kind', '0'),
    });
    expect(reply.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    expect(h.git.pulls).toEqual([
      expect.objectContaining({
        repo: 'ledger',
        number: 1,
        head: 'callboard/register-ledger',
        base: 'main',
        title: 'Register ledger in the catalog',
      }),
    ]);
    const [proposed, original] = h.git.history('ledger', 'callboard/register-ledger');
    expect(proposed.parents).toEqual([original.sha]);
    expect(h.git.history('ledger', 'main').map((c) => c.sha)).toEqual([original.sha]);
    expect([...proposed.files.keys()].sort()).toEqual(['README.md', 'catalog-info.yaml']);
    expect(proposed.files.get('catalog-info.yaml')!.toString()).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: ledger',
        '  description: "The books."',
        '  annotations:',
        '    github.com/project-slug: acme/ledger',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/payments',
        '',
      ].join('\n'),
    );

    // The form's check that the repository exists is one GET; the pull request takes the rest.
    const calls = h.github.requests
      .slice(requestsBefore)
      .filter((r) => r.kind === 'rest')
      .map((r) => r.route);
    expect(calls).toEqual([
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}',
      'GET /repos/{owner}/{repo}/branches/{branch+}',
      'POST /repos/{owner}/{repo}/git/trees',
      'POST /repos/{owner}/{repo}/git/commits',
      'POST /repos/{owner}/{repo}/git/refs',
      'POST /repos/{owner}/{repo}/pulls',
    ]);

    const [task] = (await h.scaffolder.taskStore.listTasks()).filter(
      (t) => t.templateRef === 'template:default/register-repository' && t.state === 'completed',
    );
    const last = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.thread_ts === task.slackThreadTs)
      .at(-1)!;
    expect(JSON.stringify(last.args.blocks)).toContain('<https://github.com/acme/ledger/pull/1|Pull request>');
  });
});
