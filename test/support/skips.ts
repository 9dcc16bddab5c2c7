// Tests that need something this machine may lack (Postgres, Chromium, Backstage's examples) are
// skipped with the reason attached, and the skip reporter (skip-reporter.ts) prints each skip and
// why at the end of the run: a skipped test is never silent.
//
//   describe('replicas on Postgres', unless(postgresMissing()), () => { ... });
import 'vitest';

declare module 'vitest' {
  interface TaskMeta {
    /** Why this test or suite is skipped here (printed by test/support/skip-reporter.ts). */
    skipReason?: string;
  }
}

/** Options for describe/it: skipped, with `missing` as the reason, when something is missing. */
export function unless(missing: string | undefined): { skip: boolean; meta: { skipReason?: string } } {
  return missing ? { skip: true, meta: { skipReason: missing } } : { skip: false, meta: {} };
}

/** Why a Postgres-only test cannot run here, or undefined when it can. */
export function postgresMissing(): string | undefined {
  return process.env.DATABASE_URL ? undefined : 'runs on Postgres only, and DATABASE_URL is not set';
}
