// The stores Callboard keeps, opened together on one database and handed out by what they hold:
// the catalog, the scaffolder's tasks, what Slack told us, scorecard results, notices,
// repositories' CODEOWNERS and what GitHub says about them. Other layers receive these
// objects, never the database handle underneath them.
import { CatalogStore } from './catalog-store.js';
import { CodeOwnersStore } from './code-owners-store.js';
import { openDatabase, type Database, type DatabaseOptions } from './database.js';
import { NoticeStore } from './notice-store.js';
import { OnceLedger } from './once-ledger.js';
import { RepositoryFactsStore } from './repository-facts-store.js';
import { OwnershipCheckStore } from './ownership-check-store.js';
import { ScorecardStore } from './scorecard-store.js';
import { SlackCache } from './slack-cache.js';
import { TaskStore } from './task-store.js';

export interface Stores {
  catalog: CatalogStore;
  tasks: TaskStore;
  slackCache: SlackCache;
  /** Scorecard outcomes, levels and their history. */
  scorecards: ScorecardStore;
  /** Work done once across replicas: schedule occurrences, digests. */
  once: OnceLedger;
  /** Notices to owners: raised, sent, resolved. */
  notices: NoticeStore;
  /** Synced repositories' CODEOWNERS files. */
  codeOwners: CodeOwnersStore;
  /** What GitHub said about the repositories the catalog names (scorecards' GitHub facts). */
  repositoryFacts: RepositoryFactsStore;
  /** "Do you still own these?": what each team was asked, and its answer. */
  ownershipChecks: OwnershipCheckStore;
  /** Closes the database all three share. */
  close(): Promise<void>;
}

export async function openStores(options: DatabaseOptions = {}): Promise<Stores> {
  return storesOn(await openDatabase(options));
}

/** The stores over an open database; closing them closes it. */
export function storesOn(database: Database): Stores {
  return {
    catalog: new CatalogStore(database),
    tasks: new TaskStore(database.db),
    slackCache: new SlackCache(database.db),
    scorecards: new ScorecardStore(database.db),
    once: new OnceLedger(database.db),
    notices: new NoticeStore(database.db),
    codeOwners: new CodeOwnersStore(database.db),
    repositoryFacts: new RepositoryFactsStore(database.db),
    ownershipChecks: new OwnershipCheckStore(database.db),
    close: () => database.close(),
  };
}
