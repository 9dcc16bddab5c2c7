// `callboard sync [dir...]`: read folders into the catalog and say what changed and what is wrong.
import type { CatalogStore } from '../store/index.js';
import { syncFoldersExclusively, type FolderSyncResult } from './local-sync.js';
import { createProgress, type Progress } from './progress.js';
import type { SyncSummary } from '../sync/index.js';

import type { Output } from './output.js';

export type { Output };

export async function runFolderSync(
  store: CatalogStore,
  dirs: string[],
  output: Output,
  options: { progress?: Progress; maxFileBytes?: number } = {},
): Promise<number> {
  const progress = options.progress ?? createProgress();
  let result: FolderSyncResult | undefined;
  try {
    // Under the lock a replica's folder sync holds: a run of another process is never cut short.
    result = await syncFoldersExclusively(store, dirs, {
      onFile: ({ done, total, location }) => progress.update(done, total, location),
      maxFileBytes: options.maxFileBytes,
    });
  } finally {
    progress.stop();
  }
  if (!result) {
    output.err('another Callboard is syncing the catalog folders right now; run this again when it has finished');
    return 1;
  }
  const { summary, locationKeys, failures } = result;
  for (const failure of failures)
    output.err(`error: ${failure.dir} could not be read (${failure.error}); its entities were kept`);
  for (const key of locationKeys) {
    const folder = key.replace(/^dir:/, '');
    for (const problem of await store.listProblems({ locationKey: key })) {
      const where = [
        `${folder}/${problem.file}`,
        problem.document !== undefined ? `document ${problem.document + 1}` : undefined,
        problem.field,
      ]
        .filter(Boolean)
        .join(', ');
      output.err(`problem: ${where}: ${problem.message}`);
    }
  }
  const problemTotal = (await Promise.all(locationKeys.map((key) => store.listProblems({ locationKey: key })))).flat()
    .length;
  output.out(summaryLine(summary, problemTotal));
  // A repository's CI runs sync as a check: any problem (a bad document, a reference the catalog
  // cannot resolve) or an unreadable folder fails it.
  return summary.failedLocations || problemTotal ? 1 : 0;
}

export function summaryLine(summary: SyncSummary, problems: number): string {
  const parts = [
    `${summary.added} added`,
    `${summary.updated} updated`,
    `${summary.removed} removed`,
    `${problems} problem${problems === 1 ? '' : 's'}`,
  ];
  if (summary.failedLocations)
    parts.push(
      `${summary.failedLocations} location${summary.failedLocations === 1 ? '' : 's'} unreadable (entities kept)`,
    );
  return `synced ${summary.locations} location${summary.locations === 1 ? '' : 's'}: ${parts.join(', ')}`;
}
