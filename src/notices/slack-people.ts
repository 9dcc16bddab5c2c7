// The workspace's people as Slack lists them (users.list), so that notices can tell a group whose
// members have no Slack account from one whose members Slack was simply not asked about.
//
// - Read in pages of 200 (Slack's advice), one page every 3 s at most: users.list is Tier 2
//   (20+ a minute). A 429's Retry-After is waited out and the same page asked again.
// - A read counts only when it reaches the last page. A failed, rate-limited or partial read
//   stores nothing, so it can never make anyone look gone.
// - A complete read is stored in the Slack cache that routing's users.lookupByEmail answers live
//   in: each email with its user id, null for a deactivated (`deleted`) user, and null for each
//   catalog email Slack does not list. Every replica reads the same answers, and a restart keeps them.
// - Read once per period across replicas (a once-ledger key per period), started by the notices
//   reconcile job and never awaited by a request.
import type { webApi } from '@slack/bolt';
import type { Clock } from '../jobs/clock.js';
import type { Logger } from '../log.js';
import type { OnceLedger } from '../store/once-ledger.js';
import type { SlackCache } from '../store/slack-cache.js';

/** The one Web API method this needs, as @slack/web-api types it. */
export interface SlackPeopleClient {
  users: { list(args: webApi.UsersListArguments): Promise<webApi.UsersListResponse> };
}

interface SlackPeopleOptions {
  client: SlackPeopleClient;
  cache: Pick<SlackCache, 'saveWorkspacePeople'>;
  once: OnceLedger;
  clock: Clock;
  replicaId: string;
  /** How often the workspace is read again (people join and leave Slack slowly). */
  refreshHours?: number;
  /** Users per page (Slack recommends no more than 200). */
  pageSize?: number;
  /** The least time between two pages: Tier 2 allows 20+ a minute. */
  pageGapMs?: number;
  /** How to wait (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>;
  logger?: Logger;
}

/** Retries of one page after a 429 before the read is given up (and tried again later). */
const RATE_LIMIT_RETRIES = 3;
/** A Retry-After longer than this gives the read up rather than hold the reconcile job's replica. */
const LONGEST_WAIT_MS = 120_000;
/** After a failed read, this replica waits this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 10 * 60_000;
/** How long one replica's claim on a period's read lasts (a dead replica frees it after this). */
const LEASE_MS = 15 * 60_000;

export class SlackPeople {
  private running?: Promise<boolean>;
  private failedAt = Number.NEGATIVE_INFINITY;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(private readonly options: SlackPeopleOptions) {}

  /**
   * Starts this period's read unless it is done (here or on another replica), running, or failed
   * a short while ago; does not wait for it. `then` runs after a read that stored something.
   */
  refreshIfDue(catalogEmails: string[], then?: () => void): void {
    if (this.running || this.stopped) return;
    const now = this.options.clock.now().getTime();
    if (now - this.failedAt < RETRY_AFTER_FAILURE_MS) return;
    this.running = this.claimAndRefresh(catalogEmails).finally(() => {
      this.running = undefined;
    });
    void this.running.then((stored) => {
      if (stored) then?.();
    });
  }

  /** Gives a read under way up (nothing stored) and waits for it to end: the process is stopping. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    await this.whenIdle();
  }

  /** Resolves when no read is running here (tests wait on it instead of on time). */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /**
   * Reads every page and stores the result; throws (storing nothing) when a page fails. Returns
   * how many emails were stored.
   */
  async refresh(catalogEmails: string[]): Promise<number> {
    const listed = await this.readAll();
    const people = new Map(listed);
    // A catalog email Slack does not list: no Slack account.
    for (const email of catalogEmails) {
      const key = email.trim().toLowerCase();
      if (key && !people.has(key)) people.set(key, null);
    }
    await this.options.cache.saveWorkspacePeople(people);
    return people.size;
  }

  /** Every listed email with its user id, or null when only deactivated users have it. */
  async readAll(): Promise<Map<string, string | null>> {
    const { client, pageSize = 200, pageGapMs = 3000 } = this.options;
    const signal = this.stopping.signal;
    const wait = this.options.wait ?? ((ms: number) => sleep(ms, signal));
    const people = new Map<string, string | null>();
    let cursor: string | undefined;
    let withEmail = 0;
    let listedPeople = 0;
    for (let page = 0; ; page++) {
      if (page > 0) await wait(pageGapMs);
      if (this.stopped) throw new Error('stopping: the read was given up');
      const answer = await this.page(client, { limit: pageSize, ...(cursor ? { cursor } : {}) }, wait);
      const scopes = answer.response_metadata?.scopes;
      if (scopes && !scopes.includes('users:read.email'))
        throw new Error('users.list gives no emails without the users:read.email scope');
      for (const member of answer.members ?? []) {
        if (member.is_bot || member.id === 'USLACKBOT') continue;
        listedPeople++;
        const email = member.profile?.email?.trim().toLowerCase();
        if (!email || !member.id) continue;
        withEmail++;
        // Someone deactivated and invited again has two users with one email: the active one counts.
        if (member.deleted) {
          if (!people.has(email)) people.set(email, null);
        } else people.set(email, member.id);
      }
      cursor = answer.response_metadata?.next_cursor || undefined;
      if (!cursor) break;
    }
    // Nobody listed (a workspace has at least whoever installed the app), or people without any
    // email (the token cannot see them): either way everyone would look gone.
    if (!listedPeople) throw new Error('users.list listed nobody');
    if (!withEmail) throw new Error('users.list listed people without any email');
    return people;
  }

  private async claimAndRefresh(catalogEmails: string[]): Promise<boolean> {
    const { once, clock, replicaId, logger, refreshHours = 6 } = this.options;
    const now = clock.now();
    const key = `slack-people:${Math.floor(now.getTime() / (refreshHours * 3600_000))}`;
    try {
      if (!(await once.claim(key, replicaId, now, new Date(now.getTime() + LEASE_MS)))) return false;
    } catch (error) {
      logger?.warn({ err: error }, 'could not claim the Slack people read; trying again later');
      return false;
    }
    try {
      const stored = await this.refresh(catalogEmails);
      await once.done(key, replicaId, clock.now(), { emails: stored });
      logger?.info({ emails: stored }, "read the Slack workspace's people");
      return true;
    } catch (error) {
      this.failedAt = clock.now().getTime();
      await once.release(key, replicaId).catch(() => undefined);
      logger?.warn(
        { err: error instanceof Error ? error.message : String(error), code: slackErrorCode(error) },
        "could not read the Slack workspace's people; nothing changes until a read completes",
      );
      return false;
    }
  }

  private async page(
    client: SlackPeopleClient,
    args: webApi.UsersListArguments,
    wait: (ms: number) => Promise<void>,
  ): Promise<webApi.UsersListResponse> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await client.users.list(args);
      } catch (error) {
        const retryAfter = (error as { code?: string; retryAfter?: number }).retryAfter;
        const rateLimited = (error as { code?: string }).code === 'slack_webapi_rate_limited_error';
        const waitMs = Math.max(1, retryAfter ?? 1) * 1000;
        if (!rateLimited || attempt >= RATE_LIMIT_RETRIES || waitMs > LONGEST_WAIT_MS) throw error;
        await wait(waitMs);
        if (this.stopped) throw error;
      }
    }
  }
}

function slackErrorCode(error: unknown): string | undefined {
  const failure = error as { code?: string; data?: { error?: string } };
  return failure.data?.error ?? failure.code;
}

/** Waits `ms`, or less when `signal` aborts (the caller then sees it is stopping). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
