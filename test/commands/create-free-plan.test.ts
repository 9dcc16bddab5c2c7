// /create against a GitHub Free organisation: the form offers no internal repositories, and a
// private repository asked to be protected is created and kept, the thread saying why it is not
// protected (GitHub's Free plan refuses protection on private repositories).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreateHarness, selectState, textState, type CreateHarness } from './create-harness.js';

let h: CreateHarness;

beforeAll(async () => {
  h = await startCreateHarness();
  h.github.org.plan = 'free';
});
afterAll(async () => {
  await h?.close();
});

describe('/create on a GitHub Free organisation', () => {
  it('offers private and public only, and keeps a private repository it could not protect, saying why in the thread', async () => {
    const form = await h.openForm('template:default/typescript-service');
    const visibility = form.blocks.find((b) => b.block_id === 'field:visibility')!;
    const options = visibility.element.options as Array<{ value: string }>;
    expect(options.map((o) => (o as unknown as { text: { text: string } }).text.text)).toEqual(['Private', 'Public']);

    const reply = await h.submit(form, {
      ...textState({ name: 'free-api', description: 'On the Free plan.', repoUrl: 'free-api' }),
      'field:owner': {
        'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/payments' } },
      },
      ...selectState('lifecycle', '1'),
      ...selectState('visibility', options[0].value),
      'field:protectDefaultBranch': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    expect(reply.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    expect(h.git.history('free-api')).toHaveLength(1);
    expect(h.git.deleted).not.toContain('free-api');
    expect(h.git.branchProtection('free-api', 'main')).toBeUndefined();
    const [task] = (await h.scaffolder.taskStore.listTasks()).filter((t) => t.values.name === 'free-api');
    expect(task.state).toBe('completed');

    const thread = h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === task.slackThreadTs);
    const publish = thread.find((c) => String(c.args.text).startsWith('2/3 Create the GitHub repository'))!;
    expect(String(publish.args.text)).toBe('2/3 Create the GitHub repository: completed');
    expect(JSON.stringify(publish.args.blocks)).toContain(
      "skipped protecting main: acme is on GitHub's Free plan, which does not protect branches of private repositories; " +
        'the repository is kept without protection',
    );
  });
});
