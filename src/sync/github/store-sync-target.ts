// Adapts the catalog store (and the sync step that applies snapshots to it) to what the GitHub
// runner needs, by shape only: the caller hands both in, so sources never import the layers above.
import type {
  CodeOwnersChange,
  KnownCodeOwners,
  RepositoryCodeOwners,
} from '../../sources/github/code-owners-reader.js';
import type { LocationSnapshot } from '../../sources/types.js';
import type { ApplySummary, SyncTarget } from './github-sync-runner.js';

/** The part of CatalogStore the runner uses. */
export interface StoreForGitHubSync {
  locationKeys(prefix: string): Promise<string[]>;
  knownFileShas(key: string): Promise<Map<string, string>>;
  startSyncRun(source: string): Promise<number>;
  finishSyncRun(
    id: number,
    outcome: { status: 'succeeded' | 'partial' | 'failed'; stats: Record<string, number>; error?: string },
  ): Promise<void>;
  /** Every location with this key prefix and its files' shas, in one query, when the store offers it. */
  knownFileShasByPrefix?(prefix: string): Promise<Map<string, Map<string, string>>>;
  /** Runs `work` under a Postgres advisory lock, when the store offers one. */
  exclusively?<T>(name: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

/** The part of CodeOwnersStore the runner uses. */
export interface CodeOwnersStoreForSync {
  known(prefix: string): Promise<Map<string, KnownCodeOwners>>;
  save(rows: RepositoryCodeOwners[], removed: string[]): Promise<void>;
}

const CONCURRENT_READS = 8;

export function storeSyncTarget(
  store: StoreForGitHubSync,
  apply: (snapshots: LocationSnapshot[]) => Promise<object>,
  codeOwners?: CodeOwnersStoreForSync,
): SyncTarget {
  return {
    async knownFiles(prefix) {
      if (store.knownFileShasByPrefix) return store.knownFileShasByPrefix(prefix);
      const keys = await store.locationKeys(prefix);
      const out = new Map<string, Map<string, string>>();
      for (let i = 0; i < keys.length; i += CONCURRENT_READS) {
        const batch = keys.slice(i, i + CONCURRENT_READS);
        const shas = await Promise.all(batch.map((k) => store.knownFileShas(k)));
        batch.forEach((k, j) => {
          out.set(k, shas[j]);
        });
      }
      return out;
    },
    async locationFiles(key) {
      const keys = await store.locationKeys(key);
      return keys.includes(key) ? store.knownFileShas(key) : undefined;
    },
    async apply(snapshots) {
      const summary = await apply(snapshots);
      return Object.fromEntries(Object.entries(summary).filter(([, v]) => typeof v === 'number')) as ApplySummary;
    },
    startRun: (source) => store.startSyncRun(source),
    finishRun: (id, outcome) => store.finishSyncRun(id, outcome),
    ...(store.exclusively ? { exclusively: store.exclusively.bind(store) } : {}),
    ...(codeOwners
      ? {
          codeOwners: {
            known: (prefix: string) => codeOwners.known(prefix),
            save: (change: CodeOwnersChange) => codeOwners.save(change.changed, change.removed),
          },
        }
      : {}),
  };
}
