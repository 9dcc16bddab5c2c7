// The daily re-score of every entity, as a schedule on the job queue: a cron in a time zone
// (SCORECARD_RESCORE_CRON), each occurrence run once across replicas through the OnceLedger. If
// the replica running it dies, its lease runs out and another replica runs the occurrence again;
// a full run is safe to repeat (it writes only what differs from what is stored).
import type { ScheduleSpec } from '../jobs/index.js';
import type { Logger } from '../log.js';
import type { ScoringRun } from './scoring-service.js';

export const DAILY_RESCORE = 'scorecards-rescore';

export function dailyRescoreSchedule(
  scoring: { scoreAll(): Promise<ScoringRun> },
  when: { cron: string; timeZone: string },
  logger?: Logger,
): ScheduleSpec {
  return {
    name: DAILY_RESCORE,
    cron: when.cron,
    timeZone: when.timeZone,
    run: async (occurrence) => {
      const run = await scoring.scoreAll();
      logger?.info(
        { occurrence: occurrence.toISOString(), scored: run.scored, changed: run.changed },
        'scorecards: everything scored again',
      );
    },
  };
}
