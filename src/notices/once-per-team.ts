// Work sent to each team once per period across replicas (the weekly digest, "Do you still own
// these?"): each team's key is claimed in the OnceLedger with a lease before posting and marked
// done with the message after. A replica that dies mid-way leaves its unfinished teams to whoever
// runs the occurrence next; finished teams are skipped. A failure gives the claim back and makes
// the whole run throw at the end, so the occurrence stays unfinished and is queued again.
import type { Clock } from '../jobs/clock.js';
import type { Logger } from '../log.js';
import type { OnceLedger } from '../store/once-ledger.js';
import { type PostedMessage, RateLimitedError } from './messenger.js';

interface OncePerTeamOptions {
  once: OnceLedger;
  clock: Clock;
  replicaId: string;
  /** How long a team's claim lasts: a replica dying mid-post frees the team after this. */
  leaseSeconds?: number;
  logger?: Logger;
}

export interface OncePerTeamRun {
  sent: string[];
  /** Teams done before (by this or another replica) or held by a live claim elsewhere. */
  skipped: string[];
  failed: string[];
}

/** Sends `send(team)` to each team whose `keyOf(team)` is not done nor held; `what` names it in logs. */
export async function oncePerTeam<T extends { ref: string }>(
  options: OncePerTeamOptions,
  teams: readonly T[],
  keyOf: (team: T) => string,
  send: (team: T) => Promise<PostedMessage | undefined>,
  what: string,
): Promise<OncePerTeamRun> {
  const { once, clock, replicaId, logger } = options;
  const run: OncePerTeamRun = { sent: [], skipped: [], failed: [] };
  let rateLimited: RateLimitedError | undefined;
  for (const team of teams) {
    const key = keyOf(team);
    const now = clock.now();
    const until = new Date(now.getTime() + (options.leaseSeconds ?? 120) * 1000);
    if (!(await once.claim(key, replicaId, now, until))) {
      run.skipped.push(team.ref);
      continue;
    }
    try {
      const posted = await send(team);
      // Nothing to send (nobody to ask): done all the same, so the period does not ask again.
      await once.done(key, replicaId, clock.now(), posted ? { channel: posted.channel, ts: posted.ts } : undefined);
      if (posted) run.sent.push(team.ref);
      else run.skipped.push(team.ref);
    } catch (error) {
      await once.release(key, replicaId);
      run.failed.push(team.ref);
      if (error instanceof RateLimitedError) rateLimited = error;
      logger?.warn({ err: error, team: team.ref }, `${what} not sent; will try again`);
    }
  }
  if (rateLimited) throw rateLimited;
  if (run.failed.length) throw new Error(`${what} failed for ${run.failed.length} team(s)`);
  return run;
}
