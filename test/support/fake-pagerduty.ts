// A local PagerDuty for tests, held to its published API: the REST API v2 (`Authorization: Token
// token=…`, the `application/vnd.pagerduty+json;version=2` Accept header, classic pagination with
// limit/offset/more, GET /services/{id}, GET /services?include[]=integrations, GET /oncalls with
// escalation_policy_ids[], include[]=users, since/until) and the Events API v2 (POST /v2/enqueue,
// 202 with status/message/dedup_key, 400 "invalid event"), on one port. Everything asked is recorded.
import { FakeHttpServer, type JsonAnswer, type RecordedRequest } from './fake-http-server.js';

export interface FakePdUser {
  id: string;
  name: string;
  email: string;
}
export interface FakePdService {
  id: string;
  name: string;
  policy: string;
  integrationKeys?: string[];
}
export interface FakePdPolicy {
  id: string;
  name: string;
}
export interface FakePdOnCall {
  policy: string;
  level: number;
  user: string;
  schedule?: { id: string; name: string };
  /** Absent start and end: always on call for the level. */
  start?: Date;
  end?: Date;
}

export interface FakePagerDutyOptions {
  token: string;
  users: FakePdUser[];
  policies: FakePdPolicy[];
  services: FakePdService[];
  oncalls: FakePdOnCall[];
}

const MAX_LIMIT = 100;
const SEVERITIES = ['critical', 'error', 'warning', 'info'];
const APP = 'https://fake.pagerduty.com';

export class FakePagerDuty {
  /** Events accepted by POST /v2/enqueue, in order. */
  readonly events: Array<Record<string, unknown>> = [];
  /** Refusals to answer the next events with, as PagerDuty words a 400 (a disabled or unknown integration). */
  private readonly refusals: string[][] = [];

  private constructor(
    readonly http: FakeHttpServer,
    readonly data: FakePagerDutyOptions,
  ) {}

  static async start(options: FakePagerDutyOptions): Promise<FakePagerDuty> {
    let fake: FakePagerDuty | undefined;
    const http = await FakeHttpServer.start((request) => fake!.answer(request));
    fake = new FakePagerDuty(http, options);
    return fake;
  }

  /** The next valid event is refused with a 400 naming these errors, and not recorded. */
  refuseNext(errors: string[]): void {
    this.refusals.push(errors);
  }

  get url(): string {
    return this.http.url;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private answer(request: RecordedRequest): JsonAnswer {
    if (request.path === '/v2/enqueue') return this.enqueue(request);
    if (request.headers.authorization !== `Token token=${this.data.token}`) {
      return { status: 401, body: { error: { message: 'Unauthorized', code: 2006, errors: ['Invalid credentials'] } } };
    }
    if (request.headers.accept !== 'application/vnd.pagerduty+json;version=2') {
      return {
        status: 406,
        body: {
          error: {
            message: 'Not Acceptable',
            code: 2001,
            errors: ['Accept must be application/vnd.pagerduty+json;version=2'],
          },
        },
      };
    }
    if (request.method !== 'GET') return notFound();
    const service = /^\/services\/([^/]+)$/.exec(request.path);
    if (service) {
      const found = this.data.services.find((s) => s.id === decodeURIComponent(service[1]));
      return found
        ? { status: 200, body: { service: this.serviceJson(found, request.query.getAll('include[]')) } }
        : notFound();
    }
    if (request.path === '/services') {
      const include = request.query.getAll('include[]');
      return this.page(
        request,
        'services',
        this.data.services.map((s) => this.serviceJson(s, include)),
      );
    }
    if (request.path === '/oncalls') return this.oncalls(request);
    return notFound();
  }

  private oncalls(request: RecordedRequest): JsonAnswer {
    const policies = request.query.getAll('escalation_policy_ids[]');
    const withUsers = request.query.getAll('include[]').includes('users');
    // Without since/until PagerDuty answers for the present moment.
    const since = Date.parse(request.query.get('since') ?? '') || Date.now();
    const until = Date.parse(request.query.get('until') ?? '') || since;
    const overlapping = this.data.oncalls.filter(
      (o) =>
        (!policies.length || policies.includes(o.policy)) &&
        (!o.start || o.start.getTime() <= until) &&
        (!o.end || o.end.getTime() > since),
    );
    return this.page(
      request,
      'oncalls',
      overlapping.map((o) => {
        const user = this.data.users.find((u) => u.id === o.user)!;
        const policy = this.data.policies.find((p) => p.id === o.policy)!;
        return {
          escalation_policy: {
            id: policy.id,
            type: 'escalation_policy_reference',
            summary: policy.name,
            self: `${this.url}/escalation_policies/${policy.id}`,
            html_url: `${APP}/escalation_policies/${policy.id}`,
          },
          escalation_level: o.level,
          schedule: o.schedule
            ? {
                id: o.schedule.id,
                type: 'schedule_reference',
                summary: o.schedule.name,
                self: `${this.url}/schedules/${o.schedule.id}`,
                html_url: `${APP}/schedules/${o.schedule.id}`,
              }
            : null,
          user: withUsers
            ? {
                id: user.id,
                type: 'user',
                summary: user.name,
                name: user.name,
                email: user.email,
                self: `${this.url}/users/${user.id}`,
                html_url: `${APP}/users/${user.id}`,
              }
            : {
                id: user.id,
                type: 'user_reference',
                summary: user.name,
                self: `${this.url}/users/${user.id}`,
                html_url: `${APP}/users/${user.id}`,
              },
          start: o.start?.toISOString() ?? null,
          end: o.end?.toISOString() ?? null,
        };
      }),
    );
  }

  /** Classic pagination: limit (at most 100), offset, more; total only when asked for. */
  private page(request: RecordedRequest, field: string, items: unknown[]): JsonAnswer {
    const limit = Math.min(Number(request.query.get('limit') ?? 25) || 25, MAX_LIMIT);
    const offset = Number(request.query.get('offset') ?? 0) || 0;
    const slice = items.slice(offset, offset + limit);
    const total = request.query.get('total') === 'true' ? items.length : null;
    return { status: 200, body: { [field]: slice, limit, offset, more: offset + slice.length < items.length, total } };
  }

  private serviceJson(service: FakePdService, include: string[]) {
    const policy = this.data.policies.find((p) => p.id === service.policy)!;
    return {
      id: service.id,
      type: 'service',
      summary: service.name,
      name: service.name,
      status: 'active',
      self: `${this.url}/services/${service.id}`,
      html_url: `${APP}/service-directory/${service.id}`,
      escalation_policy: {
        id: policy.id,
        type: 'escalation_policy_reference',
        summary: policy.name,
        self: `${this.url}/escalation_policies/${policy.id}`,
        html_url: `${APP}/escalation_policies/${policy.id}`,
      },
      integrations: (service.integrationKeys ?? []).map((key, i) =>
        include.includes('integrations')
          ? {
              id: `${service.id}I${i}`,
              type: 'events_api_v2_inbound_integration',
              summary: 'Events API v2',
              name: 'Events API v2',
              integration_key: key,
            }
          : { id: `${service.id}I${i}`, type: 'events_api_v2_inbound_integration_reference', summary: 'Events API v2' },
      ),
    };
  }

  /** Events API v2: a 32-character routing key, a known action; a trigger's payload has summary, source, severity. */
  private enqueue(request: RecordedRequest): JsonAnswer {
    const event = request.body as Record<string, unknown> | undefined;
    const errors: string[] = [];
    const payload = event?.payload as Record<string, unknown> | undefined;
    if (typeof event?.routing_key !== 'string' || event.routing_key.length !== 32)
      errors.push("'routing_key' must be a 32 character integration key");
    if (!['trigger', 'acknowledge', 'resolve'].includes(String(event?.event_action)))
      errors.push("'event_action' must be trigger, acknowledge or resolve");
    if (event?.event_action === 'trigger') {
      if (typeof payload?.summary !== 'string' || !payload.summary || payload.summary.length > 1024)
        errors.push("'payload.summary' is missing or blank");
      if (typeof payload?.source !== 'string' || !payload.source) errors.push("'payload.source' is missing or blank");
      if (!SEVERITIES.includes(String(payload?.severity)))
        errors.push("'payload.severity' must be critical, error, warning or info");
    }
    errors.push(...(errors.length ? [] : (this.refusals.shift() ?? [])));
    if (errors.length)
      return { status: 400, body: { status: 'invalid event', message: 'Event object is invalid', errors } };
    const dedupKey = typeof event!.dedup_key === 'string' ? event!.dedup_key : `srv${this.events.length + 1}`;
    this.events.push(event!);
    return { status: 202, body: { status: 'success', message: 'Event processed', dedup_key: dedupKey } };
  }
}

function notFound(): JsonAnswer {
  return { status: 404, body: { error: { message: 'Not Found', code: 2100 } } };
}
