// On-call providers' settings, read from the environment values config.ts hands in (config.ts is
// the only reader of process.env). Without a token a provider is off: answers show its links and
// say which variable turns live on-call on. Paging needs no token, only the Events API's base.
type Env = Record<string, string | undefined>;

export interface OnCallSettings {
  pagerduty: {
    /** A REST API key (PAGERDUTY_TOKEN); absent: no live PagerDuty on-call. */
    token?: string;
    apiUrl: string;
    eventsUrl: string;
  };
  opsgenie: {
    /** An API integration key (OPSGENIE_API_KEY); absent: no live Opsgenie on-call. */
    apiKey?: string;
    /** https://api.opsgenie.com, or https://api.eu.opsgenie.com for EU accounts. */
    apiUrl: string;
  };
}

export const ON_CALL_VARIABLES = [
  'PAGERDUTY_TOKEN',
  'PAGERDUTY_API_URL',
  'PAGERDUTY_EVENTS_URL',
  'OPSGENIE_API_KEY',
  'OPSGENIE_API_URL',
] as const;

export const PAGERDUTY_API_URL = 'https://api.pagerduty.com';
export const PAGERDUTY_EVENTS_URL = 'https://events.pagerduty.com';
export const OPSGENIE_API_URL = 'https://api.opsgenie.com';

export function onCallSettingsFromEnv(env: Env): { settings: OnCallSettings; problems: string[] } {
  const problems: string[] = [];
  const value = (name: string) => env[name]?.trim() || undefined;
  const url = (name: string, fallback: string): string => {
    const raw = value(name);
    if (!raw) return fallback;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return raw.replace(/\/+$/, '');
      problems.push(`${name} must be an http: or https: URL`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return fallback;
  };
  return {
    settings: {
      pagerduty: {
        token: value('PAGERDUTY_TOKEN'),
        apiUrl: url('PAGERDUTY_API_URL', PAGERDUTY_API_URL),
        eventsUrl: url('PAGERDUTY_EVENTS_URL', PAGERDUTY_EVENTS_URL),
      },
      opsgenie: { apiKey: value('OPSGENIE_API_KEY'), apiUrl: url('OPSGENIE_API_URL', OPSGENIE_API_URL) },
    },
    problems,
  };
}
