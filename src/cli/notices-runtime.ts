// Wires the background work into a running Callboard: the job queue (pg-boss on Postgres, in
// process on PGlite), the schedules, notices and the weekly digest, all talking to Slack through
// the notice messenger, and the scorecards' daily re-score. Other features put their scheduled
// work on the same `jobs` (see src/jobs/job-queue.ts for how).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { type Clock, type JobQueue, openJobQueue, Schedules, systemClock } from '../jobs/index.js';
import type { Logger } from '../log.js';
import { createOnCall } from '../oncall/index.js';
import { WeeklyDigest } from '../notices/digest.js';
import { teamOnCall } from '../notices/digest-on-call.js';
import { OwnershipChecks } from '../notices/ownership-checks.js';
import { scorecardDigestSource, scorecardNoticeSource } from '../scorecards/scorecard-notices.js';
import { NoticeService } from '../notices/notice-service.js';
import { SlackPeople } from '../notices/slack-people.js';
import { dailyRescoreSchedule } from '../scorecards/daily-rescore.js';
import type { Callboard } from './open-callboard.js';

export interface BackgroundWork {
  queue: JobQueue;
  schedules: Schedules;
  /** Absent when notices are off (NOTICES=false) or Slack is not configured. */
  notices?: NoticeService;
  digest?: WeeklyDigest;
  /** Absent unless OWNERSHIP_CONFIRM_DAYS is set. */
  ownershipChecks?: OwnershipChecks;
  stop(): Promise<void>;
}

export async function startBackgroundWork(
  callboard: Callboard,
  logger: Logger,
  options: { clock?: Clock } = {},
): Promise<BackgroundWork> {
  const { config, stores } = callboard;
  const clock = options.clock ?? systemClock;
  const replicaId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const queue = await openJobQueue({ databaseUrl: config.databaseUrl, logger });
  const schedules = new Schedules({ queue, ledger: stores.once, clock, replicaId, logger });
  const work: BackgroundWork = {
    queue,
    schedules,
    async stop() {
      schedules.stop();
      await work.notices?.stop();
      await queue.stop();
    },
  };
  await schedules.add(dailyRescoreSchedule(callboard.scoring, config.scorecardRescore, logger));
  const token = config.slack.botToken;
  if (config.notices.enabled && token) {
    const messenger = new SlackNoticeMessenger({
      token,
      apiUrl: config.slack.apiUrl,
      slackCache: stores.slackCache,
      logger,
    });
    work.notices = new NoticeService({
      catalog: stores.catalog,
      notices: stores.notices,
      queue,
      messenger,
      clock,
      settings: config.notices,
      // What the GitHub facts refresh stored: an archived repository behind a production entity.
      archivedRepositories: config.github ? () => stores.repositoryFacts.archived() : undefined,
      // A group none of whose members Slack has an account for is an orphan: the workspace's
      // people are read (users.list) every few hours, from the reconcile job.
      slackAccounts: stores.slackCache,
      slackPeople: new SlackPeople({
        client: messenger.client,
        cache: stores.slackCache,
        once: stores.once,
        clock,
        replicaId,
        logger,
      }),
      logger,
    });
    // Scorecards raise their own notices (a level dropped, a check newly failing).
    work.notices.addSource(scorecardNoticeSource(stores.scorecards));
    await work.notices.start();
    // The directory answers and scoring share (its cached rosters), or one of our own.
    const onCall = callboard.onCall ?? createOnCall(config.onCall, logger);
    const digest = new WeeklyDigest({
      notices: stores.notices,
      once: stores.once,
      messenger,
      clock,
      replicaId,
      onCallFor: teamOnCall(onCall.directory, stores.catalog),
      sources: [scorecardDigestSource(stores.scorecards)],
      logger,
    });
    work.digest = digest;
    await schedules.add({
      name: 'weekly-digest',
      cron: config.notices.digestCron,
      timeZone: config.notices.digestTimeZone,
      // Every replica down at the hour: a digest an hour late is still welcome, a day late is not.
      catchUpMinutes: 60,
      run: async (occurrence) => {
        const run = await digest.run(occurrence);
        logger.info({ sent: run.sent.length, skipped: run.skipped.length }, 'weekly digest sent');
      },
    });
    const days = config.notices.ownershipConfirmDays;
    if (days > 0) {
      const checks = new OwnershipChecks({
        days,
        notices: stores.notices,
        checks: stores.ownershipChecks,
        once: stores.once,
        router: work.notices.router,
        messenger,
        clock,
        replicaId,
        logger,
      });
      work.ownershipChecks = checks;
      // Daily at the digest's hour: a period's first run asks every team; later ones only teams
      // not asked yet (new teams, or a post that failed).
      await schedules.add({
        name: 'ownership-check',
        cron: dailyAt(config.notices.digestCron),
        timeZone: config.notices.digestTimeZone,
        run: async (occurrence) => {
          const run = await checks.run(occurrence);
          if (run.sent.length)
            logger.info({ asked: run.sent.length }, 'teams asked whether they still own their entities');
        },
      });
    }
  }
  schedules.start();
  return work;
}

/** The minute and hour of a cron pattern, every day (`0 9 * * MON` -> `0 9 * * *`). */
export function dailyAt(cron: string): string {
  const [minute, hour] = cron.trim().split(/\s+/);
  return `${minute} ${hour} * * *`;
}
