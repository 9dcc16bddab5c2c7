// App Home as Slack drives it: app_home_opened -> users.info -> views.publish, and its buttons
// opening cards in a modal that the card's own buttons then update.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../src/slack/index.js';
import type { RecordedCall } from '../support/fake-slack.js';
import { startHarness, type Harness } from './harness.js';
import { button } from './message-query.js';

type View = { id: string; hash: string; type: string; blocks: Array<Record<string, unknown>> };

describe('App Home', () => {
  let h: Harness;
  let events = 0;
  beforeAll(async () => {
    h = await startHarness({
      fake: {
        users: [
          { id: 'U0AMARA', name: 'amara', email: 'amara.mendes@example.com' },
          { id: 'U0GUEST', name: 'guest', email: 'guest@elsewhere.example' },
          { id: 'U0SECRET', name: 'secret' },
        ],
      },
    });
  });
  afterAll(async () => {
    await h?.close();
  });

  const open = async (user: string): Promise<{ call: RecordedCall; view: View }> => {
    const before = h.fake.callsTo('views.publish').length;
    const reply = await h.client.event(
      { type: 'app_home_opened', user, channel: `D${user}`, tab: 'home', event_ts: '1.0' },
      `Ev0HOME${++events}`,
    );
    expect(reply.status).toBe(200);
    const call = await h.fake.waitFor(() => h.fake.callsTo('views.publish')[before], `App Home for ${user}`);
    expect(call.error).toBeUndefined();
    return { call, view: call.answer.view as View };
  };

  it("shows what the viewer's teams own, and the catalog's sync health", async () => {
    const { call, view } = await open('U0AMARA');
    expect(call.args.user_id).toBe('U0AMARA');
    expect(view.type).toBe('home');
    const text = renderText(view as never);
    expect(text).toContain('Hello @U0AMARA. Your teams: Payments Team.');
    expect(text).toMatch(/Owned by your teams \(\d+\)/);
    expect(text).toContain('Payments Service');
    expect(text).toContain('Payment Webhooks');
    expect(text).not.toContain('Ledger Service');
    expect(text).toContain('Catalog health');
    expect(text).toMatch(/Last sync: succeeded \(dir\)/);
    expect(text).toContain('Problems: 0');
  });

  it('tells a viewer the catalog does not know why their teams are missing', async () => {
    expect(renderText((await open('U0GUEST')).view as never)).toContain(
      'No catalog User has the email guest@elsewhere.example',
    );
    expect(renderText((await open('U0SECRET')).view as never)).toContain('Slack did not share your email address');
  });

  it("opens a card in a modal from App Home; the card's buttons update that modal", async () => {
    const { view: home } = await open('U0AMARA');
    const openPayments = button(home, /^Open$/);
    const pressed = await h.client.blockAction(
      { ...openPayments, value: 'component:default/payments' },
      { view: { id: home.id, hash: home.hash, type: 'home' } },
      { userId: 'U0AMARA' },
    );
    expect(pressed.status).toBe(200);
    const opened = await h.fake.waitFor(() => h.fake.callsTo('views.open')[0], 'a modal');
    expect(opened.error).toBeUndefined();
    const modal = opened.answer.view as View;
    expect(modal.type).toBe('modal');
    expect(renderText(modal as never)).toMatch(/^Payments Service\n/);

    await h.client.blockAction(
      button(modal, /^Dependencies/),
      { view: { id: modal.id, hash: modal.hash, type: 'modal' } },
      { userId: 'U0AMARA' },
    );
    const updated = await h.fake.waitFor(() => h.fake.callsTo('views.update')[0], 'the modal updated');
    expect(updated.error).toBeUndefined();
    expect(updated.args).toMatchObject({ view_id: modal.id, hash: modal.hash });
    expect(renderText(updated.answer.view as never)).toContain('Depends on (3)');
  });
});
