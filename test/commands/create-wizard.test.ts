// A template with several pages and `when:` conditions, through Slack: pushed views while the
// stack allows, then the view replaced in place; pages that do not apply are skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PEOPLE,
  selectState,
  startCreateHarness,
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

describe('a wizard of pages', () => {
  it('pushes the pages that apply, at most three views deep, then finishes the request', async () => {
    await h.client.command('/create', 'cloud-wizard', { userId: PEOPLE.ada.id });
    const first = (await h.fake.waitFor(() => h.fake.callsTo('views.open')[0], 'the first page')).answer
      .view as ModalView;
    expect(first.submit?.text).toBe('Next');

    const toGcp = await h.submit(first, { ...textState({ name: 'acct' }), ...selectState('cloud', '1') });
    expect(toGcp.json?.response_action).toBe('push');
    const gcp = { ...(toGcp.json!.view as ModalView), id: 'V0GCP', hash: 'h' };
    expect(gcp.blocks.filter((b) => b.type === 'input').map((b) => b.block_id)).toEqual(['field:project']);

    const toMonitoring = await h.submit(gcp, textState({ project: 'p-1' }));
    expect(toMonitoring.json?.response_action).toBe('push');
    const monitoring = { ...(toMonitoring.json!.view as ModalView), id: 'V0MON', hash: 'h' };

    const toAlerts = await h.submit(monitoring, {
      'field:alerts': { value: { type: 'checkboxes', selected_options: [{ value: 'true' }] } },
    });
    // Three views are on Slack's stack (the first page and two pushed): the next replaces this one.
    expect(toAlerts.json?.response_action).toBe('update');
    const alerts = { ...(toAlerts.json!.view as ModalView), id: 'V0MON', hash: 'h' };
    expect(alerts.submit?.text).toBe('Create');

    const wrong = await h.submit(alerts, textState({ email: 'not-an-email' }));
    expect(wrong.json).toEqual({ response_action: 'errors', errors: { 'field:email': 'Enter an email address.' } });
    const done = await h.submit(alerts, textState({ email: 'ops@example.com' }));
    expect(done.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    const [task] = await h.scaffolder.taskStore.listTasks({ limit: 1 });
    expect(task.values).toEqual({ name: 'acct', cloud: 'GCP', project: 'p-1', alerts: true, email: 'ops@example.com' });
    expect(task.steps[0].log).toEqual(['acct on GCP p-1, alerts to ops@example.com']);
    const final = h.fake
      .callsTo('chat.postMessage')
      .filter((c) => c.args.thread_ts)
      .at(-1)!;
    expect(JSON.stringify(final.args.blocks)).toContain('acct (GCP)');
  });
});
