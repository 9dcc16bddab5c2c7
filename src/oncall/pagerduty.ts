// PagerDuty (REST API v2) as an on-call provider. Reads the annotations Backstage's PagerDuty
// plugin reads, `pagerduty.com/service-id` and `pagerduty.com/integration-key` (and the
// `pagerduty.com/escalation-policy-id` some catalogs carry), finds the service's escalation
// policy, and asks GET /oncalls for that policy: every level, with users and shift ends.
import { ProviderError, requestJson } from './provider-http.js';
import type { OnCallProvider, OnCallRoster, OnCallShift, OnCallTarget } from './types.js';

/** PagerDuty's page size limit. */
const PAGE = 100;
/** How far ahead /oncalls is asked, so one request also shows the next shift. */
const LOOK_AHEAD_MS = 7 * 24 * 3600_000;
/** A bound on pages, so a misbehaving API cannot keep an answer paging forever. */
const MAX_PAGES = 20;

const APP_URL = 'https://app.pagerduty.com';

interface PdReference {
  id: string;
  summary?: string;
  html_url?: string;
}
interface PdUser extends PdReference {
  name?: string;
  email?: string;
}
interface PdOnCall {
  escalation_policy: PdReference;
  escalation_level: number;
  schedule: PdReference | null;
  user: PdUser;
  start: string | null;
  end: string | null;
}
interface PdService extends PdReference {
  escalation_policy?: PdReference;
  integrations?: Array<PdReference & { integration_key?: string }>;
}

export class PagerDutyProvider implements OnCallProvider {
  readonly id = 'pagerduty';
  readonly label = 'PagerDuty';
  readonly setting = 'PAGERDUTY_TOKEN';
  readonly configured: boolean;

  constructor(private readonly options: { token?: string; apiUrl: string }) {
    this.configured = Boolean(options.token);
  }

  targets(annotations: Record<string, string>): OnCallTarget[] {
    const at = (kind: string, value: string | undefined) =>
      value ? [{ provider: this.id, kind, value: value.trim() }] : [];
    const service = at('service', annotations['pagerduty.com/service-id']);
    if (service.length) return service;
    const key = at('integration-key', annotations['pagerduty.com/integration-key']);
    if (key.length) return key;
    return at('escalation-policy', annotations['pagerduty.com/escalation-policy-id']);
  }

  link(target: OnCallTarget): string | undefined {
    if (target.kind === 'service') return `${APP_URL}/service-directory/${encodeURIComponent(target.value)}`;
    if (target.kind === 'escalation-policy')
      return `${APP_URL}/escalation_policies#${encodeURIComponent(target.value)}`;
    return undefined;
  }

  async rosterKey(target: OnCallTarget, signal: AbortSignal): Promise<string> {
    if (target.kind === 'escalation-policy') return target.value;
    const service =
      target.kind === 'service'
        ? await this.service(target.value, signal)
        : await this.serviceByIntegrationKey(target.value, signal);
    const policy = service.escalation_policy?.id;
    if (!policy) throw new ProviderError(this.label, `PagerDuty service ${service.id} has no escalation policy`);
    return policy;
  }

  async roster(policyId: string, now: Date, signal: AbortSignal): Promise<OnCallRoster> {
    const since = now.toISOString();
    const until = new Date(now.getTime() + LOOK_AHEAD_MS).toISOString();
    const entries = await this.pages<PdOnCall>(
      '/oncalls',
      'oncalls',
      [
        ['escalation_policy_ids[]', policyId],
        ['include[]', 'users'],
        ['since', since],
        ['until', until],
      ],
      signal,
    );
    const policy = entries[0]?.escalation_policy;
    const at = now.getTime();
    const current = entries.filter(
      (e) => (!e.start || Date.parse(e.start) <= at) && (!e.end || Date.parse(e.end) > at),
    );
    const upcoming = entries.filter((e) => e.escalation_level === 1 && e.start && Date.parse(e.start) > at);
    const firstStart = Math.min(...upcoming.map((e) => Date.parse(e.start!)));
    return {
      name: policy?.summary ?? policyId,
      url: policy?.html_url ?? `${APP_URL}/escalation_policies#${encodeURIComponent(policyId)}`,
      now: uniqueShifts(current.map(shift)).sort((a, b) => a.level - b.level),
      next: uniqueShifts(upcoming.filter((e) => Date.parse(e.start!) === firstStart).map(shift)),
    };
  }

  private async service(id: string, signal: AbortSignal): Promise<PdService> {
    try {
      return (await this.get<{ service: PdService }>(`/services/${encodeURIComponent(id)}`, signal)).service;
    } catch (error) {
      if (error instanceof ProviderError && error.status === 404) {
        throw new ProviderError(this.label, `PagerDuty has no service ${id} (check pagerduty.com/service-id)`, 404);
      }
      throw error;
    }
  }

  /** PagerDuty has no lookup by integration key: list services with their integrations and match. */
  private async serviceByIntegrationKey(key: string, signal: AbortSignal): Promise<PdService> {
    const services = await this.pages<PdService>('/services', 'services', [['include[]', 'integrations']], signal);
    const found = services.find((s) => s.integrations?.some((i) => i.integration_key === key));
    if (!found) throw new ProviderError(this.label, 'no PagerDuty service has the integration key in the catalog', 404);
    return found;
  }

  /** Every page of a classic-paginated list: limit/offset, until `more` is false. */
  private async pages<T>(
    path: string,
    field: string,
    query: Array<[string, string]>,
    signal: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    for (let page = 0, offset = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams([...query, ['limit', String(PAGE)], ['offset', String(offset)]]);
      const body = await this.get<Record<string, unknown> & { more?: boolean }>(`${path}?${params}`, signal);
      const list = Array.isArray(body[field]) ? (body[field] as T[]) : [];
      items.push(...list);
      if (!body.more || !list.length) break;
      offset += list.length;
    }
    return items;
  }

  private async get<T>(path: string, signal: AbortSignal): Promise<T> {
    const { body } = await requestJson<T>({
      provider: this.label,
      url: `${this.options.apiUrl}${path}`,
      headers: {
        Authorization: `Token token=${this.options.token ?? ''}`,
        Accept: 'application/vnd.pagerduty+json;version=2',
      },
      signal,
    });
    return body;
  }
}

function shift(entry: PdOnCall): OnCallShift {
  return {
    level: entry.escalation_level,
    person: { name: entry.user.name ?? entry.user.summary ?? entry.user.id, email: entry.user.email },
    schedule: entry.schedule?.summary,
    start: entry.start ? new Date(entry.start) : undefined,
    end: entry.end ? new Date(entry.end) : undefined,
  };
}

/** One line per person and level (a person on two schedules of one level shows once, ending last). */
function uniqueShifts(shifts: OnCallShift[]): OnCallShift[] {
  const byKey = new Map<string, OnCallShift>();
  for (const s of shifts) {
    const key = `${s.level}:${s.person.email ?? s.person.name}`;
    const seen = byKey.get(key);
    if (!seen || (s.end && seen.end && s.end > seen.end)) byKey.set(key, s);
  }
  return [...byKey.values()];
}
