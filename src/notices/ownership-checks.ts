// "Do you still own these?": every OWNERSHIP_CONFIRM_DAYS days each team that owns entities is
// asked, in its channel (or by DM to a few members when it names none), with Yes / Not ours. A
// daily schedule runs it; a period is `days` long counted from 1970-01-01, and each team is asked
// once per period across replicas (oncePerTeam's `ownership:<period>:<team>` keys). A team the
// router can only reach through the platform channel is not asked: nobody there can answer for it
// (its orphan notice already says so).
import type { Clock } from '../jobs/clock.js';
import type { Logger } from '../log.js';
import type { NoticeStore } from '../store/notice-store.js';
import type { OnceLedger } from '../store/once-ledger.js';
import type { OwnershipCheckRow, OwnershipCheckStore } from '../store/ownership-check-store.js';
import { ChannelUnavailableError, type NoticeMessenger, type PostedMessage } from './messenger.js';
import { oncePerTeam, type OncePerTeamRun } from './once-per-team.js';
import type { NoticeRouter, Route } from './routing.js';

/** What a team is asked: the check's key (its buttons' value), the team and what it owns. */
export interface OwnershipQuestion {
  key: string;
  teamRef: string;
  teamTitle?: string;
  entityRefs: string[];
}

export interface OwnershipMessenger extends Pick<NoticeMessenger, 'openDirectMessage'> {
  postOwnershipCheck(channel: string, question: OwnershipQuestion): Promise<PostedMessage>;
  /** Re-renders the question as answered (who, when), without its buttons. */
  updateOwnershipCheck(check: OwnershipCheckRow): Promise<void>;
}

interface OwnershipChecksOptions {
  /** Ask every this many days. */
  days: number;
  notices: Pick<NoticeStore, 'facts'>;
  checks: OwnershipCheckStore;
  once: OnceLedger;
  router: Pick<NoticeRouter, 'route'>;
  messenger: OwnershipMessenger;
  clock: Clock;
  replicaId: string;
  leaseSeconds?: number;
  logger?: Logger;
}

const DAY_MS = 24 * 3600_000;

export class OwnershipChecks {
  constructor(private readonly options: OwnershipChecksOptions) {}

  /** The first day (YYYY-MM-DD, UTC) of the period `at` falls in. */
  periodOf(at: Date): string {
    const day = Math.floor(at.getTime() / DAY_MS);
    return new Date((day - (day % this.options.days)) * DAY_MS).toISOString().slice(0, 10);
  }

  /** Asks every team that owns entities and has not been asked this period. */
  async run(occurrence: Date): Promise<OncePerTeamRun> {
    const { notices, checks, router, clock } = this.options;
    const facts = await notices.facts();
    const owned = new Map<string, string[]>();
    for (const entity of facts.entities) {
      if (!entity.owner) continue;
      const list = owned.get(entity.owner);
      if (list) list.push(entity.ref);
      else owned.set(entity.owner, [entity.ref]);
    }
    const teams = facts.entities.filter((entity) => entity.kind === 'group' && owned.has(entity.ref));
    const period = this.periodOf(occurrence);
    return oncePerTeam(
      this.options,
      teams,
      (team) => ownershipKey(period, team.ref),
      async (team): Promise<PostedMessage | undefined> => {
        const route = await router.route(team.ref, clock.now());
        if (!route || route.reason === 'platform') return undefined;
        const question: OwnershipQuestion = {
          key: `${period}:${team.ref}`,
          teamRef: team.ref,
          teamTitle: team.title,
          entityRefs: (owned.get(team.ref) ?? []).sort(),
        };
        const posted = await this.ask(team.ref, route, question);
        if (!posted) return undefined;
        await checks.recordAsked({
          key: question.key,
          teamRef: team.ref,
          entityRefs: question.entityRefs,
          askedAt: clock.now(),
          channel: posted.channel,
          messageTs: posted.ts,
        });
        return posted;
      },
      'ownership check',
    );
  }

  /** Posts where the route says; a team channel Slack no longer knows falls back to the members. */
  private async ask(teamRef: string, route: Route, question: OwnershipQuestion): Promise<PostedMessage | undefined> {
    const { messenger, router, clock } = this.options;
    const post = async (to: Route) =>
      messenger.postOwnershipCheck(to.channel ?? (await messenger.openDirectMessage(to.users ?? [])), question);
    try {
      return await post(route);
    } catch (error) {
      if (!(error instanceof ChannelUnavailableError) || route.reason !== 'team-channel') throw error;
      const members = await router.route(teamRef, clock.now(), { skipChannel: true });
      return members && members.reason !== 'platform' ? post(members) : undefined;
    }
  }
}

function ownershipKey(period: string, teamRef: string): string {
  return `ownership:${period}:${teamRef}`;
}
