// `callboard notices [--send]`: what Callboard would tell whom right now, without sending (the
// notices true now that have not been sent, team by team, with where each team's message goes);
// with --send, stores them and sends what is due at once, batching window or not.
import { scorecardNoticeSource } from '../scorecards/scorecard-notices.js';
import type { Config } from '../config.js';
import { InProcessQueue, systemClock } from '../jobs/index.js';
import type { Logger } from '../log.js';
import { NoticeService, type PlannedMessage } from '../notices/notice-service.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import type { NoticeMessenger } from '../notices/messenger.js';
import { catalogRoute, refusedInOneLine } from './catalog-route.js';
import { openCallboard } from './open-callboard.js';
import type { Output } from './output.js';

export async function runNoticesCommand(
  config: Config,
  options: { send?: boolean },
  logger: Logger,
  output: Output,
): Promise<number> {
  return refusedInOneLine('notices', output, async () => {
    if (catalogRoute(config).via === 'server') {
      output.err(
        `callboard notices: a running callboard start holds ${config.dataDir} and sends notices itself; stop it to preview here`,
      );
      return 1;
    }
    const token = config.slack.botToken;
    if (options.send && !token) {
      output.err('callboard notices --send: SLACK_BOT_TOKEN is not set, so there is no Slack to send to');
      return 1;
    }
    const callboard = await openCallboard(config, logger, 'notices');
    const queue = new InProcessQueue(logger);
    try {
      const { stores } = callboard;
      const messenger: NoticeMessenger = token
        ? new SlackNoticeMessenger({ token, apiUrl: config.slack.apiUrl, slackCache: stores.slackCache, logger })
        : offlineMessenger(stores.slackCache);
      const service = new NoticeService({
        catalog: stores.catalog,
        notices: stores.notices,
        queue,
        messenger,
        clock: systemClock,
        // Sent now: no batching wait.
        settings: { ...config.notices, batchSeconds: 0 },
        // What the running Callboard last read of Slack's people (no read from here).
        slackAccounts: stores.slackCache,
        logger,
      });
      service.addSource(scorecardNoticeSource(stores.scorecards));
      const plans = await service.plan();
      for (const line of planLines(plans)) output.out(line);
      if (!options.send) {
        if (plans.length) output.out('Nothing was sent. Run `callboard notices --send` to send these now.');
        return 0;
      }
      await service.reconcile();
      const outcome = await service.delivery.deliverDue();
      output.out(
        `Sent ${outcome.noticesSent} notice(s) in ${outcome.posted} message(s); edited ${outcome.edited} resolved message(s)` +
          (outcome.deferred ? `; ${outcome.deferred} batch(es) deferred (rate limit or nobody to tell)` : ''),
      );
      return 0;
    } finally {
      await queue.stop();
      await callboard.close();
    }
  });
}

function planLines(plans: PlannedMessage[]): string[] {
  if (!plans.length) return ['No notices to send: nothing in the catalog needs anyone right now.'];
  const lines: string[] = [];
  for (const plan of plans) {
    lines.push(`${plan.teamRef ?? '(no owner)'} → ${routeText(plan)} (${plan.notices.length} notice(s), one message)`);
    for (const notice of plan.notices) lines.push(`  - ${notice.title}: ${notice.why}`);
  }
  return lines;
}

function routeText(plan: PlannedMessage): string {
  const route = plan.route;
  if (!route) return 'nobody (set NOTICES_PLATFORM_CHANNEL)';
  if (route.reason === 'team-channel') return `team channel ${route.channel}`;
  if (route.reason === 'platform') return `platform channel ${route.channel}`;
  if (route.reason === 'user') return `DM to ${route.users?.join(', ')}`;
  return `DM to ${route.users?.join(', ')} (members; the group names no channel)`;
}

/** Without a Slack token, routing still shows where things would go, from the Slack ids already known. */
function offlineMessenger(cache: {
  cachedSlackUserIds(emails: string[]): Promise<Map<string, string | null>>;
}): NoticeMessenger {
  const refuse = async (): Promise<never> => {
    throw new Error('no Slack configured');
  };
  return {
    postNotices: refuse,
    updateNotices: refuse,
    openDirectMessage: refuse,
    async slackUserIds(emails) {
      const known = await cache.cachedSlackUserIds(emails);
      return new Map([...known].filter((entry): entry is [string, string] => Boolean(entry[1])));
    },
  };
}
