// Opsgenie as an on-call provider: `opsgenie.com/team` (the annotation Backstage's Opsgenie plugin
// reads) -> the team -> the schedules it owns -> who is on call on each now. Opsgenie's users are
// named by their email, which makes them Slack mentions. Its on-call API gives no shift ends, so
// answers show none.
import { ProviderError, requestJson } from './provider-http.js';
import type { OnCallProvider, OnCallRoster, OnCallTarget } from './types.js';

const APP_URL = 'https://app.opsgenie.com';

interface OgTeam {
  id: string;
  name: string;
}
interface OgSchedule {
  id: string;
  name: string;
  enabled?: boolean;
  ownerTeam?: { id?: string; name?: string };
}
interface OgOnCalls {
  _parent: { id: string; name: string };
  onCallRecipients?: string[];
}

/** The roster key: a team and the schedules it owns, resolved once and cached for longer. */
interface TeamSchedules {
  team: OgTeam;
  schedules: Array<{ id: string; name: string }>;
}

export class OpsgenieProvider implements OnCallProvider {
  readonly id = 'opsgenie';
  readonly label = 'Opsgenie';
  readonly setting = 'OPSGENIE_API_KEY';
  readonly configured: boolean;

  constructor(private readonly options: { apiKey?: string; apiUrl: string }) {
    this.configured = Boolean(options.apiKey);
  }

  targets(annotations: Record<string, string>): OnCallTarget[] {
    const team = annotations['opsgenie.com/team']?.trim();
    return team ? [{ provider: this.id, kind: 'team', value: team }] : [];
  }

  link(target: OnCallTarget): string {
    return `${APP_URL}/teams/list?query=${encodeURIComponent(target.value)}`;
  }

  async rosterKey(target: OnCallTarget, signal: AbortSignal): Promise<string> {
    const { data: team } = await this.get<{ data: OgTeam }>(
      `/v2/teams/${encodeURIComponent(target.value)}?identifierType=name`,
      signal,
    );
    const { data: schedules } = await this.get<{ data: OgSchedule[] }>('/v2/schedules', signal);
    const owned = schedules
      .filter((s) => s.ownerTeam?.id === team.id && s.enabled !== false)
      .map(({ id, name }) => ({ id, name }));
    if (!owned.length) throw new ProviderError(this.label, `Opsgenie team ${team.name} owns no enabled schedule`, 404);
    const key: TeamSchedules = { team: { id: team.id, name: team.name }, schedules: owned };
    return JSON.stringify(key);
  }

  async roster(key: string, now: Date, signal: AbortSignal): Promise<OnCallRoster> {
    const { team, schedules } = JSON.parse(key) as TeamSchedules;
    const date = encodeURIComponent(now.toISOString());
    const answers = await Promise.all(
      schedules.map((s) =>
        this.get<{ data: OgOnCalls }>(
          `/v2/schedules/${encodeURIComponent(s.id)}/on-calls?scheduleIdentifierType=id&flat=true&date=${date}`,
          signal,
        ),
      ),
    );
    return {
      name: team.name,
      url: `${APP_URL}/teams/dashboard/${encodeURIComponent(team.id)}`,
      now: answers.flatMap(({ data }) =>
        (data.onCallRecipients ?? []).map((recipient) => ({
          level: 1,
          person: { name: recipient, email: recipient.includes('@') ? recipient : undefined },
          schedule: data._parent.name,
        })),
      ),
      next: [],
    };
  }

  private async get<T>(path: string, signal: AbortSignal): Promise<T> {
    const { body } = await requestJson<T>({
      provider: this.label,
      url: `${this.options.apiUrl}${path}`,
      headers: { Authorization: `GenieKey ${this.options.apiKey ?? ''}` },
      signal,
    });
    return body;
  }
}
