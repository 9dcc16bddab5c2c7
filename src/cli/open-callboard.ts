// The composition root: opens the stores, the search index and the portal that answering
// commands (start, ask, status) work through. A one-shot command that only reads or writes the
// catalog (sync, validate, create) opens the stores alone, with openCatalog (open-catalog.ts).
import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { SlackNoticeMessenger } from '../../commands/notices/slack-notice-messenger.js';
import { Metrics } from '../metrics/metrics.js';
import { type NoticeActionsOptions, noticeActions, type ReassignRequest } from '../notices/notice-actions.js';
import { createOnCall, type OnCall } from '../oncall/index.js';
import { Portal } from '../portal/index.js';
import { GitHubFactSource } from '../scorecards/github-facts.js';
import { withFixTemplatesChecked } from '../scorecards/fix-templates.js';
import { loadScorecards } from '../scorecards/load-scorecards.js';
import { OnCallFactSource } from '../scorecards/oncall-facts.js';
import { ScoringService } from '../scorecards/scoring-service.js';
import { SearchService } from '../search/index.js';
import type { Stores } from '../store/index.js';
import { openCatalog, type OpenCatalog } from './open-catalog.js';

export type { OpenCatalog };

export interface Callboard extends OpenCatalog {
  search: SearchService;
  portal: Portal;
  /** What GET /metrics serves: answers, syncs, the search index, GitHub's rate limit, the process. */
  metrics: Metrics;
  /**
   * Scores entities on the scorecards of SCORECARD_DIRS; `start` makes it follow catalog changes.
   * Its `problems` are the scorecard files that could not be used (shown in /callboard status).
   */
  scoring: ScoringService;
  /** Live on-call (PagerDuty, Opsgenie) and paging: answers and scoring share its cached rosters. */
  onCall?: OnCall;
}

/** The stores, the search index kept current by the change feed, the portal and the metrics. */
export async function openCallboard(config: Config, logger: Logger, command = 'start'): Promise<Callboard> {
  const catalog = await openCatalog(config, command);
  const store = catalog.stores.catalog;
  const metrics = new Metrics();
  // The store is also the change feed: a change of a few entities reads only their rows.
  const search = new SearchService(
    () => store.searchRows(),
    () => store.catalogVersion(),
    store,
    {
      onBackgroundError: (error) =>
        logger.warn({ err: error }, 'search index rebuild failed; the previous index answers'),
      onUpdated: (kind, seconds) => metrics.indexBuildSeconds.observe({ kind }, seconds),
    },
  );
  metrics.indexSize(() => search.size);
  store.onSyncRunFinished((run) => metrics.recordSyncRun(run));
  const portal = new Portal(store, (query, options) => search.searchFresh(query, options), {
    docsBaseUrl: config.docsBaseUrl,
    deliveryIssues: () => catalog.stores.notices.deliveryIssues(),
    notices: noticeActions({
      notices: catalog.stores.notices,
      ownershipChecks: catalog.stores.ownershipChecks,
      ...noticeSlackSide(config, catalog.stores, logger),
    }),
  });
  // A replica's sync (or webhook) changed the catalog: bring this replica's index up to that version.
  let stopListening: () => Promise<void>;
  try {
    stopListening = await store.onCatalogChange((version) => {
      search.refresh(version).catch((error: unknown) => logger.warn({ err: error }, 'search index refresh failed'));
    });
  } catch (error) {
    await catalog.close();
    throw error;
  }
  const scoring = new ScoringService({
    catalog: store,
    store: catalog.stores.scorecards,
    loaded: withFixTemplatesChecked(loadScorecards(config.scorecardDirs), config.scaffold.templateDirs),
    logger,
    onScored: (run) => metrics.scoringSeconds.observe({ kind: run.kind }, run.seconds),
  });
  // GitHub's facts are what the refresh stored; without an organisation they stay unknown.
  if (config.github) scoring.addFactSource(new GitHubFactSource(catalog.stores.repositoryFacts));
  const onCall = createOnCall(config.onCall, logger, {
    observe: (provider, outcome) => metrics.providerCalls.inc({ provider, outcome }),
  });
  // Someone on call now: heard in the background, never waited for; an answer that changes the
  // fact scores the entities again.
  if (onCall.directory.anyConfigured)
    scoring.addFactSource(
      new OnCallFactSource(onCall.directory, {
        onChanged: async (refs) => {
          await scoring.scoreRefs(refs);
        },
      }),
    );
  return {
    ...catalog,
    search,
    portal,
    metrics,
    scoring,
    onCall,
    async close() {
      try {
        // Scoring stops following changes, and a run under way finishes, before the store closes.
        await scoring.stop();
        // No new refresh starts, and the one under way finishes before the store it reads closes.
        await stopListening();
        await search.settled();
      } finally {
        await catalog.close();
      }
    },
  };
}

/**
 * What notice buttons do in Slack, when a bot token is set: *Not ours* (App Home's and an ownership
 * check's) asks the platform channel to re-assign, when one is set; an answered ownership check's
 * message is edited to show the answer.
 */
function noticeSlackSide(
  config: Config,
  stores: Stores,
  logger: Logger,
): Pick<NoticeActionsOptions, 'tellPlatform' | 'editOwnershipCheck'> {
  const token = config.slack.botToken;
  if (!token) return {};
  const messenger = new SlackNoticeMessenger({
    token,
    apiUrl: config.slack.apiUrl,
    slackCache: stores.slackCache,
    logger,
  });
  const channel = config.notices.platformChannel;
  return {
    tellPlatform: channel
      ? async (request: ReassignRequest, byUserId: string) => {
          try {
            await messenger.askToReassign(channel, request, byUserId);
            return true;
          } catch (error) {
            logger.warn({ err: error, channel }, 'could not ask the platform channel to re-assign');
            return false;
          }
        }
      : undefined,
    editOwnershipCheck: async (check) => {
      // The answer is recorded either way; a message that cannot be edited only stays as it was.
      await messenger.updateOwnershipCheck(check).catch((error: unknown) => {
        logger.warn({ err: error, channel: check.channel }, 'could not edit an ownership check message');
      });
    },
  };
}
