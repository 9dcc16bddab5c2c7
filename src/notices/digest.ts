// The weekly digest: one message per team channel saying what the team owns, its open notices,
// who is on call, what it created this week, and (through DigestSource) its scorecard changes.
// Exactly once per team and week across replicas: each team's post is a OnceLedger key
// (`digest:<week>:<team>`) claimed with a lease before posting and marked done with the message
// after. A replica that dies mid-way leaves its unfinished teams to whoever runs the occurrence
// next (Schedules queues it again when its lease runs out); finished teams are skipped.
import type { Clock } from '../jobs/clock.js';
import type { Logger } from '../log.js';
import type { EntityFact } from '../store/notice-facts.js';
import type { NoticeRow, NoticeStore } from '../store/notice-store.js';
import type { OnceLedger } from '../store/once-ledger.js';
import { type PostedMessage, RateLimitedError } from './messenger.js';

export interface TeamDigest {
  teamRef: string;
  teamTitle?: string;
  channel: string;
  weekOf: Date;
  /** Entity count by kind, and the first few names. */
  owned: { byKind: Record<string, number>; names: string[] };
  openNotices: NoticeRow[];
  /** Who is on call this week (names or Slack mentions), when a provider knows. */
  onCall: string[];
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

export interface WeeklyDigestOptions {
  notices: NoticeStore;
  once: OnceLedger;
  messenger: DigestMessenger;
  clock: Clock;
  replicaId: string;
  /** How long a team's claim lasts: a replica dying mid-post frees the team after this. */
  leaseSeconds?: number;
  onCallFor?: (teamRef: string) => Promise<string[]>;
  sources?: DigestSource[];
  logger?: Logger;
}

export interface DigestRun {
  sent: string[];
  /** Teams done before (by this or another replica) or held by a live claim elsewhere. */
  skipped: string[];
  failed: string[];
}

const WEEK_MS = 7 * 24 * 3600_000;

export class WeeklyDigest {
  constructor(private readonly options: WeeklyDigestOptions) {}

  /** Sends the digest of the week that starts at `occurrence` to every team not yet sent it. */
  async run(occurrence: Date): Promise<DigestRun> {
    const { notices, once, clock, replicaId, logger } = this.options;
    const facts = await notices.facts();
    const open = await notices.open();
    const teams = facts.entities.filter((entity) => entity.kind === 'group' && entity.channelId);
    const run: DigestRun = { sent: [], skipped: [], failed: [] };
    let rateLimited: RateLimitedError | undefined;
    for (const team of teams) {
      const key = digestKey(occurrence, team.ref);
      const now = clock.now();
      if (
        !(await once.claim(key, replicaId, now, new Date(now.getTime() + (this.options.leaseSeconds ?? 120) * 1000)))
      ) {
        run.skipped.push(team.ref);
        continue;
      }
      try {
        const digest = await this.digestFor(team, occurrence, facts.entities, open);
        const posted = await this.options.messenger.postDigest(team.channelId!, digest);
        await once.done(key, replicaId, clock.now(), { channel: posted.channel, ts: posted.ts });
        run.sent.push(team.ref);
      } catch (error) {
        await once.release(key, replicaId);
        run.failed.push(team.ref);
        if (error instanceof RateLimitedError) rateLimited = error;
        logger?.warn({ err: error, team: team.ref }, 'weekly digest not sent; will try again');
      }
    }
    // The occurrence stays unfinished (and is queued again) until every team has its digest.
    if (rateLimited) throw rateLimited;
    if (run.failed.length) throw new Error(`weekly digest failed for ${run.failed.length} team(s)`);
    return run;
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
      onCall: (await this.options.onCallFor?.(team.ref).catch(() => [])) ?? [],
      createdThisWeek: owned
        .filter((entity) => entity.createdAt.getTime() > weekAgo)
        .map((entity) =>
          entity.repositories.length ? `${entity.ref} (${entity.repositories.join(', ')})` : entity.ref,
        ),
      more,
    };
  }
}

export function digestKey(occurrence: Date, teamRef: string): string {
  return `digest:${occurrence.toISOString()}:${teamRef}`;
}
