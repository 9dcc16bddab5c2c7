// GET /healthz and /readyz beside /slack/events, for the orchestrator and the load balancer.
// /healthz is liveness: the process serves HTTP, so it answers at once and never asks the
// database (a probe that waits on a sick database gets a healthy process restarted, and piles
// up queries while it waits). /readyz is readiness: 200 only when this replica can answer Slack
// (the database answers within a short timeout, migrations applied, search index loaded), 503
// otherwise, so the load balancer sends Slack's requests elsewhere meanwhile.
import type { CustomRoute } from '@slack/bolt';
import type { ServerResponse } from 'node:http';

/** One readiness check's verdict: 'ok', or why not, in words an operator can act on. */
type CheckResult = 'ok' | string;

/** Named checks, each resolving to 'ok' or a reason; a check that throws counts as its error. */
export type ReadinessChecks = Record<string, () => Promise<CheckResult>>;

/** How long /readyz waits for any one check before calling it failed. */
const READINESS_TIMEOUT_MS = 1000;

export function healthRoute(): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
      json(res, 200, { status: 'ok' });
    },
  };
}

export function readyRoute(checks: ReadinessChecks, timeoutMs = READINESS_TIMEOUT_MS): CustomRoute {
  const runCheck = singleFlight(checks, timeoutMs);
  return {
    path: '/readyz',
    method: ['GET', 'HEAD'],
    handler: (_req, res) => {
      void runCheck().then((results) => {
        const ready = Object.values(results).every((r) => r === 'ok');
        json(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', checks: results });
      });
    },
  };
}

/**
 * Runs every check, each bounded by the timeout. Probes arriving while a round runs share it: ten
 * probes a second against a database that does not answer make one query at a time, not a queue.
 */
function singleFlight(checks: ReadinessChecks, timeoutMs: number): () => Promise<Record<string, CheckResult>> {
  let running: Promise<Record<string, CheckResult>> | undefined;
  const round = async () => {
    const names = Object.keys(checks);
    const results = await Promise.all(names.map((name) => bounded(checks[name], timeoutMs)));
    return Object.fromEntries(names.map((name, i) => [name, results[i]]));
  };
  return () => {
    running ??= round().finally(() => {
      running = undefined;
    });
    return running;
  };
}

async function bounded(check: () => Promise<CheckResult>, timeoutMs: number): Promise<CheckResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, `no answer within ${timeoutMs} ms`);
  });
  const answer = check().catch((error: unknown) => String(error instanceof Error ? error.message : error) || 'failed');
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(body));
}
