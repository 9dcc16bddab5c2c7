// A local Opsgenie for tests, held to its published REST API: `Authorization: GenieKey …`,
// GET /v2/teams/{identifier}?identifierType=name, GET /v2/schedules, and
// GET /v2/schedules/{identifier}/on-calls (flat=true: onCallRecipients; else onCallParticipants),
// each answer wrapped as `{ data, took, requestId }`. Everything asked is recorded.
import { randomUUID } from 'node:crypto';
import { FakeHttpServer, type JsonAnswer, type RecordedRequest } from './fake-http-server.js';

export interface FakeOgTeam {
  id: string;
  name: string;
}
export interface FakeOgSchedule {
  id: string;
  name: string;
  team: string;
  enabled?: boolean;
  onCall: string[];
}

export interface FakeOpsgenieOptions {
  apiKey: string;
  teams: FakeOgTeam[];
  schedules: FakeOgSchedule[];
}

export class FakeOpsgenie {
  private constructor(
    readonly http: FakeHttpServer,
    readonly data: FakeOpsgenieOptions,
  ) {}

  static async start(options: FakeOpsgenieOptions): Promise<FakeOpsgenie> {
    let fake: FakeOpsgenie | undefined;
    const http = await FakeHttpServer.start((request) => fake!.answer(request));
    fake = new FakeOpsgenie(http, options);
    return fake;
  }

  get url(): string {
    return this.http.url;
  }

  close(): Promise<void> {
    return this.http.close();
  }

  private answer(request: RecordedRequest): JsonAnswer {
    if (request.headers.authorization !== `GenieKey ${this.data.apiKey}`)
      return wrap(401, { message: 'Could not authenticate' });
    if (request.method !== 'GET') return wrap(404, { message: 'Not found' });
    const team = /^\/v2\/teams\/([^/]+)$/.exec(request.path);
    if (team) {
      const identifier = decodeURIComponent(team[1]);
      const byName = request.query.get('identifierType') === 'name';
      const found = this.data.teams.find((t) => (byName ? t.name === identifier : t.id === identifier));
      return found
        ? wrap(200, { data: { id: found.id, name: found.name, description: '', members: [] } })
        : wrap(404, { message: `No team exists with ${byName ? 'name' : 'id'} [${identifier}]` });
    }
    if (request.path === '/v2/schedules') {
      return wrap(200, { data: this.data.schedules.map((s) => this.scheduleJson(s)), expandable: ['rotation'] });
    }
    const onCalls = /^\/v2\/schedules\/([^/]+)\/on-calls$/.exec(request.path);
    if (onCalls) {
      const identifier = decodeURIComponent(onCalls[1]);
      const byName = request.query.get('scheduleIdentifierType') === 'name';
      const schedule = this.data.schedules.find((s) => (byName ? s.name === identifier : s.id === identifier));
      if (!schedule)
        return wrap(404, { message: `No schedule exists with ${byName ? 'name' : 'identifier'} [${identifier}]` });
      const parent = { id: schedule.id, name: schedule.name, enabled: schedule.enabled !== false };
      const flat = request.query.get('flat') === 'true';
      return wrap(200, {
        data: flat
          ? { _parent: parent, onCallRecipients: schedule.onCall }
          : {
              _parent: parent,
              onCallParticipants: schedule.onCall.map((name, i) => ({
                id: `${schedule.id}-u${i}`,
                name,
                type: 'user',
              })),
            },
      });
    }
    return wrap(404, { message: 'Not found' });
  }

  private scheduleJson(schedule: FakeOgSchedule) {
    const team = this.data.teams.find((t) => t.id === schedule.team);
    return {
      id: schedule.id,
      name: schedule.name,
      description: '',
      timezone: 'Etc/UTC',
      enabled: schedule.enabled !== false,
      ownerTeam: team ? { id: team.id, name: team.name } : undefined,
      rotations: [],
    };
  }
}

function wrap(status: number, body: Record<string, unknown>): JsonAnswer {
  return { status, body: { ...body, took: 0.012, requestId: randomUUID() } };
}
