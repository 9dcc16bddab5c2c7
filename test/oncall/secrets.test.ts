// PagerDuty's token, Opsgenie's key and the integration keys that page a team never reach a log:
// not in a logged configuration, not in a provider's failure.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createOnCall } from '../../src/oncall/index.js';
import { FakePagerDuty } from '../support/fake-pagerduty.js';
import { demoPagerDuty, PAYMENTS_INTEGRATION_KEY } from '../support/demo-on-call.js';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

describe('on-call secrets', () => {
  it('are redacted from a logged configuration and a logged page', () => {
    const { logger, text } = capture();
    const config = loadConfig({ PAGERDUTY_TOKEN: 'pd-tok-1', OPSGENIE_API_KEY: 'og-key-2' }, '/srv');
    logger.info({ onCall: config.onCall }, 'config');
    logger.info(
      { opsgenie: { apiKey: 'og-key-3' }, page: { routingKey: 'rk-4', body: { routing_key: 'rk-5' } } },
      'paging',
    );
    for (const secret of ['pd-tok-1', 'og-key-2', 'og-key-3', 'rk-4', 'rk-5']) expect(text()).not.toContain(secret);
    expect(text()).toContain('[redacted]');
  });

  it('stay out of the log when PagerDuty refuses the token', async () => {
    const pagerduty = await FakePagerDuty.start(demoPagerDuty());
    try {
      const { logger, text } = capture();
      const onCall = createOnCall(
        {
          pagerduty: { token: 'pd-wrong-token-6', apiUrl: pagerduty.url, eventsUrl: pagerduty.url },
          opsgenie: { apiUrl: pagerduty.url },
        },
        logger,
      );
      const [answer] = await onCall.directory.lookup([
        {
          ref: 'group:default/payments-team',
          name: 'Payments Team',
          annotations: { 'pagerduty.com/integration-key': PAYMENTS_INTEGRATION_KEY },
        },
      ]);
      expect(answer.problem).toBe('PagerDuty answered 401: Unauthorized (Invalid credentials)');
      expect(text()).toContain('on-call provider failed');
      expect(text()).not.toContain('pd-wrong-token-6');
      expect(text()).not.toContain(PAYMENTS_INTEGRATION_KEY);
    } finally {
      await pagerduty.close();
    }
  });
});
