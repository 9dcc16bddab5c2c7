// On-call providers' settings, as config.ts assembles them from the variables declared in
// config/variables.ts. Without a token a provider is off: answers show its links and say which
// variable turns live on-call on. Paging needs no token, only the Events API's base.
export interface OnCallSettings {
  pagerduty: {
    /** A REST API key (PAGERDUTY_TOKEN); absent: no live PagerDuty on-call. */
    token?: string;
    apiUrl: string;
    eventsUrl: string;
  };
  opsgenie: {
    /** An API key (OPSGENIE_API_KEY); absent: no live Opsgenie on-call. */
    apiKey?: string;
    /** https://api.opsgenie.com, or https://api.eu.opsgenie.com for EU accounts. */
    apiUrl: string;
  };
}
