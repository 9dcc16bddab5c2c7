// The weekly digest: one message per team channel saying what the team owns, its open notices,
// who is on call, what it created this week, and (through DigestSource) its scorecard changes.
// Exactly once per team and week across replicas: each team's post is a OnceLedger key
// (`digest:<week>:<team>`) claimed and marked done by oncePerTeam (a replica that dies mid-way
// leaves its unfinished teams to whoever runs the occurrence next).
import type { Clock } from '../jobs/clock.js';
import type { Logger } from '../log.js';
import type { EntityFact } from '../store/notice-facts.js';
import type { NoticeRow, NoticeStore } from '../store/notice-store.js';
import type { OnceLedger } from '../store/once-ledger.js';
import type { PostedMessage } from './messenger.js';
import { oncePerTeam, type OncePerTeamRun } from './once-per-team.js';

export interface TeamDigest {
  teamRef: string;
  teamTitle?: string;
  channel: string;
  weekOf: Date;
  /** Entity count by kind, and the first few names. */
  owned: { byKind: Record<string, number>; names: string[] };
  openNotices: NoticeRow[];
  /**
   * Who is on call this week (names, with the schedule), empty when no schedule is linked, or
   * 'unknown' when the provider did not answer within the budget.
   */
  onCall: string[] | 'unknown';
  /** Entities the catalog first held this week (new repositories, new services). */
  createdThisWeek: string[];
  /** Lines from other features: scorecard level changes and the top failing checks. */
  more: string[];
}

/** Lines another feature adds to a team's digest (scorecards, issue 22, plugs in here). */
export interface DigestSource {
  name: string;
  linesFor(teamRef: string, weekOf: Date): Promise<string[]>;
}

export interface DigestMessenger {
  postDigest(channel: string, digest: TeamDigest): Promise<PostedMessage>;
}

interface WeeklyDigestOptions {
  notices: NoticeStore;
  once: OnceLedger;
  messenger: DigestMessenger;
  clock: Clock;
  replicaId: string;
  /** How long a team's claim lasts: a replica dying mid-post frees the team after this. */
  leaseSeconds?: number;
  /** Who is on call this week for a team (src/notices/digest-on-call.ts); 'unknown' when a provider failed. */
  onCallFor?: (teamRef: string, weekOf: Date) => Promise<string[] | 'unknown'>;
  /** How long a team's digest waits for on-call before it says "unknown" (default 3 s). */
  onCallBudgetMs?: number;
  sources?: DigestSource[];
  logger?: Logger;
}

type DigestRun = OncePerTeamRun;

const WEEK_MS = 7 * 24 * 3600_000;

export class WeeklyDigest {
  constructor(private readonly options: WeeklyDigestOptions) {}

  /** Sends the digest of the week that starts at `occurrence` to every team not yet sent it. */
  async run(occurrence: Date): Promise<DigestRun> {
    const { notices } = this.options;
    const facts = await notices.facts();
    const open = await notices.open();
    const teams = facts.entities.filter((entity) => entity.kind === 'group' && entity.channelId);
    return oncePerTeam(
      this.options,
      teams,
      (team) => digestKey(occurrence, team.ref),
      async (team) =>
        this.options.messenger.postDigest(
          team.channelId!,
          await this.digestFor(team, occurrence, facts.entities, open),
        ),
      'weekly digest',
    );
  }

  private async onCall(teamRef: string, weekOf: Date): Promise<string[] | 'unknown'> {
    const onCallFor = this.options.onCallFor;
    if (!onCallFor) return [];
    const asked = onCallFor(teamRef, weekOf).catch((error: unknown) => {
      this.options.logger?.warn({ err: error, team: teamRef }, 'on-call for the digest failed');
      return 'unknown' as const;
    });
    return withinBudget(asked, this.options.onCallBudgetMs ?? 3000, 'unknown' as const);
  }

  private async digestFor(team: EntityFact, weekOf: Date, all: EntityFact[], open: NoticeRow[]): Promise<TeamDigest> {
    const owned = all.filter((entity) => entity.owner === team.ref);
    const byKind: Record<string, number> = {};
    for (const entity of owned) byKind[entity.kind] = (byKind[entity.kind] ?? 0) + 1;
    const weekAgo = weekOf.getTime() - WEEK_MS;
    const more = (
      await Promise.all((this.options.sources ?? []).map((source) => source.linesFor(team.ref, weekOf)))
    ).flat();
    return {
      teamRef: team.ref,
      teamTitle: team.title,
      channel: team.channelId!,
      weekOf,
      owned: { byKind, names: owned.map((entity) => entity.ref).sort() },
      openNotices: open.filter((notice) => notice.ownerRef === team.ref),
      onCall: await this.onCall(team.ref, weekOf),
      createdThisWeek: owned
        .filter((entity) => entity.createdAt.getTime() > weekAgo)
        .map((entity) =>
          entity.repositories.length ? `${entity.ref} (${entity.repositories.join(', ')})` : entity.ref,
        ),
      more,
    };
  }
}

/** A slow provider must not hold up 500 teams' digests: after the budget, "unknown". */
function withinBudget<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(resolve, ms, fallback);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function digestKey(occurrence: Date, teamRef: string): string {
  return `digest:${occurrence.toISOString()}:${teamRef}`;
}
