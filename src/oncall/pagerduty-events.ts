// Pages a team through PagerDuty's Events API v2: a trigger event with the catalog's
// integration key as routing key and a dedup key, so a repeated submit is one incident.
// PagerDuty's refusals come back in plain words; the routing key never appears in them.
import { ProviderError, requestJson } from './provider-http.js';

const TIMEOUT_MS = 5000;
/** The Events API cuts summaries at 1024 characters. */
export const SUMMARY_CHARS = 1024;

export type Urgency = 'high' | 'low';

export interface PageRequest {
  routingKey: string;
  summary: string;
  details?: string;
  urgency: Urgency;
  /** Who asked, as Slack shows them: goes in the event's details. */
  requestedBy: string;
  /** What was paged about, e.g. `component:default/payments`. */
  source: string;
  dedupKey: string;
}

export type PageResult = { ok: true; dedupKey: string; message: string } | { ok: false; reason: string };

interface EventsAnswer {
  status?: string;
  message?: string;
  dedup_key?: string;
  errors?: string[];
}

export class PagerDutyEvents {
  constructor(private readonly eventsUrl: string) {}

  async trigger(page: PageRequest): Promise<PageResult> {
    try {
      const { status, body } = await requestJson<EventsAnswer>({
        provider: 'PagerDuty',
        url: `${this.eventsUrl}/v2/enqueue`,
        method: 'POST',
        headers: { Accept: 'application/json' },
        body: {
          routing_key: page.routingKey,
          event_action: 'trigger',
          dedup_key: page.dedupKey,
          client: 'Callboard',
          payload: {
            summary: page.summary.slice(0, SUMMARY_CHARS),
            source: page.source,
            // Events API severities; PagerDuty maps them to the incident's urgency.
            severity: page.urgency === 'high' ? 'critical' : 'warning',
            custom_details: { requested_by: page.requestedBy, ...(page.details ? { details: page.details } : {}) },
          },
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
        accept: [400],
      });
      // Only an accepted event with its dedup key is a page that went out: anything else is a failure.
      if (status === 202 && body?.dedup_key)
        return { ok: true, dedupKey: body.dedup_key, message: body.message ?? 'Event processed' };
      if (status === 202)
        return { ok: false, reason: 'PagerDuty answered without a dedup key, so the page cannot be taken as sent' };
      const errors = body?.errors?.length ? `: ${body.errors.join('; ')}` : '';
      return {
        ok: false,
        reason: `PagerDuty refused the page (${status}, ${body?.message ?? 'invalid event'}${errors})`,
      };
    } catch (error) {
      return { ok: false, reason: error instanceof ProviderError ? error.message : 'PagerDuty could not be asked' };
    }
  }
}
