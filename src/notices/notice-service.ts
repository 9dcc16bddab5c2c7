// Notices end to end, on the job queue: a catalog change queues `notices.reconcile` (one waiting at
// a time), which works out the notices true now and stores them; `notices.deliver` then posts what
// is due and edits what resolved, and queues itself again for the next due time. A sweep every
// minute queues both anyway, so a lost wake-up costs a minute, never a notice.
import type { Clock } from '../jobs/clock.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../log.js';
import type { CatalogStore } from '../store/catalog-store.js';
import type { NoticeFacts } from '../store/notice-facts.js';
import type { NoticeDraft, NoticeStore, ReconcileResult } from '../store/notice-store.js';
import { type DeliveryOutcome, NoticeDelivery } from './delivery.js';
import { runInSlices } from '../slices.js';
import { findNoticeSteps, type NoticeInputs } from './find-notices.js';
import type { NoticeMessenger } from './messenger.js';
import { type Route, NoticeRouter } from './routing.js';
import type { NoticeSettings } from './settings.js';
import type { SlackPeople } from './slack-people.js';

/**
 * Notices another feature raises, asked for at each reconcile. The scorecards feature (issue 22)
 * plugs in here: a level dropped, a check newly failing, each as a NoticeDraft of kind
 * `scorecard` with a key that names the entity and the check or level.
 */
export interface NoticeSource {
  name: string;
  notices(): Promise<NoticeDraft[]>;
}

interface NoticeServiceOptions {
  catalog: CatalogStore;
  notices: NoticeStore;
  queue: JobQueue;
  messenger: NoticeMessenger;
  clock: Clock;
  settings: Pick<NoticeSettings, 'platformChannel' | 'maxDirectMessages' | 'batchSeconds'>;
  /** Repositories GitHub reports archived (`org/repo`), when a GitHub source knows. */
  archivedRepositories?: () => Promise<ReadonlySet<string>>;
  /** What Slack last said about each email (a user id, or null: no account), for orphan notices. */
  slackAccounts?: { knownSlackAccounts(emails: string[]): Promise<Map<string, string | null>> };
  /** Reads the workspace's people into `slackAccounts` now and then, from the reconcile job. */
  slackPeople?: SlackPeople;
  logger?: Logger;
}

export interface PlannedMessage {
  teamRef?: string;
  route?: Route;
  notices: NoticeDraft[];
}

const RECONCILE_JOB = 'notices.reconcile';
const DELIVER_JOB = 'notices.deliver';

export class NoticeService {
  readonly router: NoticeRouter;
  readonly delivery: NoticeDelivery;
  private readonly sources: NoticeSource[] = [];
  private sweep?: NodeJS.Timeout;
  private unsubscribe?: () => Promise<void>;

  constructor(private readonly options: NoticeServiceOptions) {
    this.router = new NoticeRouter(options.catalog, options.messenger, options.settings, () =>
      options.notices.deliveryIssues(),
    );
    this.delivery = new NoticeDelivery({
      notices: options.notices,
      router: this.router,
      messenger: options.messenger,
      clock: options.clock,
      logger: options.logger,
    });
  }

  addSource(source: NoticeSource): void {
    this.sources.push(source);
  }

  /** Defines the jobs, follows catalog changes and sweeps every `sweepSeconds`. */
  async start(sweepSeconds = 60): Promise<void> {
    const { queue } = this.options;
    await queue.define(RECONCILE_JOB, async () => {
      await this.reconcile();
    });
    await queue.define(DELIVER_JOB, async () => {
      await this.deliver();
    });
    this.unsubscribe = await this.options.catalog.onCatalogChange(() => void this.queueReconcile());
    await this.queueReconcile();
    this.sweep = setInterval(() => {
      void this.queueReconcile();
      void this.queueDelivery(0);
    }, sweepSeconds * 1000);
    this.sweep.unref();
  }

  async stop(): Promise<void> {
    if (this.sweep) clearInterval(this.sweep);
    await this.unsubscribe?.();
    await this.options.slackPeople?.stop();
  }

  /** What is true now, as notices (nothing stored). */
  async findNow(): Promise<NoticeDraft[]> {
    return (await this.findWithFacts()).drafts;
  }

  private async findWithFacts(): Promise<{ drafts: NoticeDraft[]; emails: string[] }> {
    const facts = await this.options.notices.facts();
    const emails = facts.entities.flatMap((entity) => (entity.kind === 'user' && entity.email ? [entity.email] : []));
    const inputs: NoticeInputs = {
      ...facts,
      archivedRepositories: await this.options.archivedRepositories?.(),
      usersWithoutSlack: await this.usersWithoutSlack(facts.entities),
      extra: (await Promise.all(this.sources.map((source) => source.notices()))).flat(),
    };
    // 20k entities take longer than a request may wait: looked through in slices.
    return { drafts: await runInSlices(findNoticeSteps(inputs)), emails };
  }

  /**
   * Users whose email Slack said it has no (active) account for. A user Slack was never asked
   * about, or who has no email, is not counted: not knowing is not "gone".
   */
  private async usersWithoutSlack(entities: NoticeFacts['entities']): Promise<ReadonlySet<string> | undefined> {
    const accounts = this.options.slackAccounts;
    if (!accounts) return undefined;
    const users = entities.filter((entity) => entity.kind === 'user' && entity.email);
    const known = await accounts.knownSlackAccounts(users.map((user) => user.email as string));
    return new Set(
      users.filter((user) => known.get((user.email as string).toLowerCase()) === null).map((user) => user.ref),
    );
  }

  /** Stores the notices true now (new ones open, gone ones resolved) and wakes delivery. */
  async reconcile(): Promise<ReconcileResult> {
    const { drafts, emails } = await this.findWithFacts();
    // Slack's people are read in the background (minutes for a large workspace, at Tier 2's
    // pace); once stored, a reconcile is queued to act on them.
    this.options.slackPeople?.refreshIfDue(emails, () => void this.queueReconcile());
    const result = await this.options.notices.reconcile(
      drafts,
      this.options.clock.now(),
      this.options.settings.batchSeconds,
    );
    if (result.raised.length || result.resolved.length) {
      this.options.logger?.info({ raised: result.raised.length, resolved: result.resolved.length }, 'notices changed');
      await this.wakeDelivery();
    }
    return result;
  }

  /** Posts and edits what is due, then queues the next wake-up. */
  async deliver(): Promise<DeliveryOutcome> {
    const outcome = await this.delivery.deliverDue();
    await this.wakeDelivery();
    return outcome;
  }

  /** What would be sent now, team by team, and where (`callboard notices` without --send). */
  async plan(): Promise<PlannedMessage[]> {
    const drafts = await this.findNow();
    const sent = new Set((await this.options.notices.open()).filter((row) => row.sentAt).map((row) => row.key));
    const byTeam = new Map<string, NoticeDraft[]>();
    for (const draft of drafts) {
      if (sent.has(draft.key)) continue;
      const team = draft.ownerRef ?? '';
      byTeam.set(team, [...(byTeam.get(team) ?? []), draft]);
    }
    const now = this.options.clock.now();
    const plans: PlannedMessage[] = [];
    for (const [team, notices] of [...byTeam].sort(([a], [b]) => a.localeCompare(b))) {
      plans.push({ teamRef: team || undefined, route: await this.router.route(team || null, now), notices });
    }
    return plans;
  }

  private async wakeDelivery(): Promise<void> {
    const next = await this.options.notices.nextDue();
    if (!next) return;
    await this.queueDelivery(Math.max(0, (next.getTime() - this.options.clock.now().getTime()) / 1000));
  }

  private async queueReconcile(): Promise<void> {
    try {
      await this.options.queue.send(RECONCILE_JOB, {}, { key: 'catalog' });
    } catch (error) {
      this.options.logger?.error({ err: error }, 'could not queue a notices reconcile');
    }
  }

  private async queueDelivery(delaySeconds: number): Promise<void> {
    try {
      // One waiting wake-up per due second: several reconciles at once add one, not many.
      const at = Math.ceil(this.options.clock.now().getTime() / 1000 + delaySeconds);
      await this.options.queue.send(DELIVER_JOB, {}, { key: String(at), delaySeconds });
    } catch (error) {
      this.options.logger?.error({ err: error }, 'could not queue notice delivery');
    }
  }
}
