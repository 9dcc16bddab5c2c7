// The on-call settings as an operator sets them: PagerDuty's and Opsgenie's defaults, the EU
// Opsgenie base, and one line naming a bad URL's variable.
import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../../src/config.js';

describe('on-call configuration', () => {
  it("defaults to PagerDuty's and Opsgenie's public bases, off without credentials", () => {
    expect(loadConfig({}, '/srv').onCall).toEqual({
      pagerduty: { token: undefined, apiUrl: 'https://api.pagerduty.com', eventsUrl: 'https://events.pagerduty.com' },
      opsgenie: { apiKey: undefined, apiUrl: 'https://api.opsgenie.com' },
    });
  });

  it('reads the tokens and the bases, the EU Opsgenie one included', () => {
    const config = loadConfig(
      {
        PAGERDUTY_TOKEN: 'u+abc',
        PAGERDUTY_API_URL: 'http://127.0.0.1:9/',
        PAGERDUTY_EVENTS_URL: 'http://127.0.0.1:9',
        OPSGENIE_API_KEY: 'og-key',
        OPSGENIE_API_URL: 'https://api.eu.opsgenie.com',
      },
      '/srv',
    );
    expect(config.onCall).toEqual({
      pagerduty: { token: 'u+abc', apiUrl: 'http://127.0.0.1:9', eventsUrl: 'http://127.0.0.1:9' },
      opsgenie: { apiKey: 'og-key', apiUrl: 'https://api.eu.opsgenie.com' },
    });
  });

  it("names a bad URL's variable, never a token", () => {
    let problems: string[] = [];
    try {
      loadConfig({ PAGERDUTY_TOKEN: 'u+secret', PAGERDUTY_API_URL: 'ftp://pd', OPSGENIE_API_URL: 'not a url' }, '/srv');
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'PAGERDUTY_API_URL must be a http: or https: URL (given "ftp://pd")',
      'OPSGENIE_API_URL is not a valid URL (given "not a url")',
    ]);
    expect(problems.join('\n')).not.toContain('u+secret');
  });
});
