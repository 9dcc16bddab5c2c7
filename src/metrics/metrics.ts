// The figures an operator watches, in Prometheus' format (prom-client), served on GET /metrics.
// One registry per running app (not prom-client's global one), so that tests and several apps in
// one process never count into each other. Code that has something to count is handed this
// object; nothing reaches for a global.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Slack's deadline is 3 s; an acknowledgement later than this is counted as late. */
const LATE_ACK_SECONDS = 2.5;

/**
 * How an answer went: in the acknowledgement, through the response_url (acknowledged empty first),
 * refused before any work (a text over the length limit), or failed (the asker got an apology).
 */
export type AnswerOutcome = 'in_ack' | 'response_url' | 'refused' | 'error';

export class Metrics {
  readonly registry = new Registry();

  readonly answers = new Counter({
    name: 'callboard_answers_total',
    help: 'Slash command answers, by command and outcome.',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly answerSeconds = new Histogram({
    name: 'callboard_answer_duration_seconds',
    help: 'Time from a slash command reaching Callboard to its answer being sent, by command.',
    labelNames: ['command'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 2.5, 3, 5, 10],
    registers: [this.registry],
  });

  readonly lateAcks = new Counter({
    name: 'callboard_late_acks_total',
    help: `Acknowledgements sent more than ${LATE_ACK_SECONDS} s after the request arrived.`,
    labelNames: ['command'] as const,
    registers: [this.registry],
  });

  readonly syncRuns = new Counter({
    name: 'callboard_sync_runs_total',
    help: 'Catalog sync runs, by source and status.',
    labelNames: ['source', 'status'] as const,
    registers: [this.registry],
  });

  readonly syncSeconds = new Histogram({
    name: 'callboard_sync_duration_seconds',
    help: 'How long catalog sync runs took, by source.',
    labelNames: ['source'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600],
    registers: [this.registry],
  });

  readonly syncEntities = new Gauge({
    name: 'callboard_sync_entities_changed',
    help: 'Entities added, updated or removed by the last sync run of each source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly syncProblems = new Gauge({
    name: 'callboard_sync_problems',
    help: 'Problems found by the last sync run of each source.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly syncFailedReads = new Gauge({
    name: 'callboard_sync_failed_reads',
    help: 'Reads the last sync run of each source could not make (a partial run keeps what they had); 0 when it read everything.',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly githubRateLimitRemaining = new Gauge({
    name: 'callboard_github_rate_limit_remaining',
    help: 'GitHub API requests left in the current rate-limit window, as GitHub last reported, by resource.',
    labelNames: ['resource'] as const,
    registers: [this.registry],
  });

  readonly providerCalls = new Counter({
    name: 'callboard_provider_calls_total',
    help: 'Calls to outside services (GitHub, PagerDuty, Opsgenie, Slack), by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });

  private indexEntities = (): number => 0;

  readonly indexEntitiesGauge = new Gauge({
    name: 'callboard_search_index_entities',
    help: "Entities in this replica's search index.",
    registers: [this.registry],
    collect: () => {
      this.indexEntitiesGauge.set(this.indexEntities());
    },
  });

  readonly scoringSeconds = new Histogram({
    name: 'callboard_scorecard_scoring_seconds',
    help: 'Time to score entities on the scorecards: a full run, or the entities a change touched.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.02, 0.05, 0.1, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  readonly indexBuildSeconds = new Histogram({
    name: 'callboard_search_index_build_seconds',
    help: 'Time to build or update the search index.',
    labelNames: ['kind'] as const,
    buckets: [0.001, 0.005, 0.02, 0.1, 0.5, 1, 2, 5, 10],
    registers: [this.registry],
  });

  constructor() {
    // Process figures and the event loop's delay (nodejs_eventloop_lag_*), as prom-client reads them.
    collectDefaultMetrics({ register: this.registry, prefix: 'callboard_' });
  }

  /** Where the search index's size is read from, at each scrape. */
  indexSize(read: () => number): void {
    this.indexEntities = read;
  }

  /** One answered slash command: its outcome, how long it took, and whether the ack was late. */
  recordAnswer(command: string, outcome: AnswerOutcome, seconds: number, ackSeconds: number): void {
    this.answers.inc({ command, outcome });
    this.answerSeconds.observe({ command }, seconds);
    if (ackSeconds > LATE_ACK_SECONDS) this.lateAcks.inc({ command });
  }

  /** One finished sync run: counted by source and status, with its duration, entities and problems. */
  recordSyncRun(run: { source: string; status: string; seconds: number; stats: Record<string, number> }): void {
    this.syncRuns.inc({ source: run.source, status: run.status });
    this.syncSeconds.observe({ source: run.source }, run.seconds);
    const changed = (run.stats.added ?? 0) + (run.stats.updated ?? 0) + (run.stats.removed ?? 0);
    this.syncEntities.set({ source: run.source }, changed);
    if (typeof run.stats.problems === 'number') this.syncProblems.set({ source: run.source }, run.stats.problems);
    this.syncFailedReads.set({ source: run.source }, run.stats.failedReads ?? (run.status === 'succeeded' ? 0 : 1));
  }

  /** One HTTP attempt to GitHub: counted by outcome, and the rate limit it reported kept. */
  recordGitHubCall(call: { ok: boolean; rateLimit?: { resource: string; remaining: number } }): void {
    this.providerCalls.inc({ provider: 'github', outcome: call.ok ? 'ok' : 'failed' });
    if (call.rateLimit && Number.isFinite(call.rateLimit.remaining)) {
      this.githubRateLimitRemaining.set({ resource: call.rateLimit.resource }, call.rateLimit.remaining);
    }
  }

  /** The text served on GET /metrics, and its content type. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
