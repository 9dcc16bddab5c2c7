// Every slash command Callboard serves, its App Home, and the listener modules that wire Bolt
// themselves (/create's modals and paging): what the entry point hands to src/slack.
import type { OnCallDirectory } from '../src/oncall/index.js';
import type { Scaffolder } from '../src/scaffold/create-scaffolder.js';
import type { ScorecardViews } from '../src/scorecards/scorecard-views.js';
import type { HomeTab, ListenerModule, SlashCommand } from '../src/slack/index.js';
import type { Stores } from '../src/store/index.js';
import { callboard } from './callboard.js';
import { createListeners } from './create.js';
import { docs } from './docs.js';
import { home } from './home.js';
import { oncall } from './oncall.js';
import { type PagingDeps, pagingListeners } from './oncall/paging-listeners.js';
import { owner } from './owner.js';
import { scorecard } from './scorecard.js';
import { service } from './service.js';
import { questionListeners } from './ask/question-listeners.js';
import { unfurlListeners } from './unfurl/unfurl-listeners.js';
import { whoOwnsListeners } from './who-owns/who-owns-listeners.js';

export const commands: readonly SlashCommand[] = [service, owner, oncall, docs, scorecard, callboard];
export const homeTab: HomeTab = home;

/** What the listener modules need: the scaffolder for /create, the stores, and the pager for paging. */
interface ListenerModuleDeps extends Omit<PagingDeps, 'slackCache'> {
  scaffolder: Scaffolder;
  stores: Pick<Stores, 'catalog' | 'slackCache' | 'codeOwners'>;
  /** Live on-call, for the answers that say who is on call now. */
  onCall?: OnCallDirectory;
  /** What /scorecard reads, for questions about a scorecard. */
  scorecards?: ScorecardViews;
  /** UNFURL_DOMAINS: the domains whose links are unfurled. */
  unfurlDomains: readonly string[];
}

/**
 * The commands that wire their own Bolt listeners: /create (with its shortcut and modals), paging,
 * the "Who owns this?" message shortcut, questions in mentions and DMs, and link unfurls.
 */
export function listenerModules({
  scaffolder,
  portal,
  stores,
  pager,
  onCall,
  scorecards,
  unfurlDomains,
  logger,
}: ListenerModuleDeps): ListenerModule[] {
  return [
    createListeners({ scaffolder, portal, store: stores.catalog, logger }),
    pagingListeners({ portal, slackCache: stores.slackCache, pager, logger }),
    whoOwnsListeners({ portal, stores, onCall, logger }),
    questionListeners({ portal, stores, onCall, scorecards, logger }),
    unfurlListeners({ portal, stores, onCall, domains: unfurlDomains, logger }),
  ];
}
