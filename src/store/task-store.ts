// Scaffolder tasks and their steps: what each /create request asked for, where it stands, and
// what each step logged. State changes that two replicas (or two clicks) could race on are
// single conditional UPDATEs, so only one of them wins. A running task is leased to the process
// running it, which renews the lease; only a task whose lease has run out may be recovered, and
// the recovering replica takes the lease over in the same statement, so exactly one recovers it.
import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './database.js';
import { taskSteps, tasks } from './schema.js';

type TaskState = 'open' | 'processing' | 'completed' | 'failed';
type TaskStepState = 'open' | 'processing' | 'completed' | 'skipped' | 'failed';
type ApprovalState = 'pending' | 'approved' | 'denied';

interface TaskStepRecord {
  position: number;
  stepId: string;
  name: string;
  action: string;
  state: TaskStepState;
  log: string[];
  output: Record<string, unknown>;
  error?: string;
  startedAt?: Date;
  finishedAt?: Date;
}

export interface TaskRecord {
  id: string;
  requestKey: string;
  templateRef: string;
  templateTitle: string;
  requestedBy: string;
  requestedByRef?: string;
  values: Record<string, unknown>;
  state: TaskState;
  approval?: ApprovalState;
  approvers?: string;
  decidedBy?: string;
  decisionNote?: string;
  failedStep?: string;
  error?: string;
  output: Record<string, unknown>;
  slackChannel?: string;
  slackThreadTs?: string;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  steps: TaskStepRecord[];
}

/** What a submission creates: the task's request, with its steps still to run. */
export type NewTask = Pick<
  TaskRecord,
  'id' | 'requestKey' | 'templateRef' | 'templateTitle' | 'requestedBy' | 'requestedByRef' | 'values'
> & {
  /** The approver group, when the template needs approval: the task waits as `pending`. */
  approvers?: string;
  steps: Array<{ stepId: string; name: string; action: string }>;
};

type TaskRow = typeof tasks.$inferSelect;
type StepRow = typeof taskSteps.$inferSelect;

function toStep(row: StepRow): TaskStepRecord {
  return {
    position: row.position,
    stepId: row.stepId,
    name: row.name,
    action: row.action,
    state: row.state as TaskStepState,
    log: row.log,
    output: row.output,
    error: row.error ?? undefined,
    startedAt: row.startedAt ?? undefined,
    finishedAt: row.finishedAt ?? undefined,
  };
}

function toTask(row: TaskRow, steps: StepRow[]): TaskRecord {
  return {
    id: row.id,
    requestKey: row.requestKey,
    templateRef: row.templateRef,
    templateTitle: row.templateTitle,
    requestedBy: row.requestedBy,
    requestedByRef: row.requestedByRef ?? undefined,
    values: row.values,
    state: row.state as TaskState,
    approval: (row.approval ?? undefined) as ApprovalState | undefined,
    approvers: row.approvers ?? undefined,
    decidedBy: row.decidedBy ?? undefined,
    decisionNote: row.decisionNote ?? undefined,
    failedStep: row.failedStep ?? undefined,
    error: row.error ?? undefined,
    output: row.output,
    slackChannel: row.slackChannel ?? undefined,
    slackThreadTs: row.slackThreadTs ?? undefined,
    createdAt: row.createdAt,
    startedAt: row.startedAt ?? undefined,
    finishedAt: row.finishedAt ?? undefined,
    steps: steps.sort((a, b) => a.position - b.position).map(toStep),
  };
}

/** Who holds a task and for how long: the running process's id and the lease's length. */
export interface Lease {
  owner: string;
  ms: number;
}

/** The database's clock plus the lease: every replica compares leases against the same clock. */
function leaseEnd(lease: Lease) {
  return sql`now() + ${lease.ms} * interval '1 millisecond'`;
}

export class TaskStore {
  constructor(private readonly db: Db) {}

  /**
   * Records a new task with its steps, or returns the task already recorded under the same
   * request key (a double submit or a retry) with `created: false`.
   */
  async createTask(input: NewTask): Promise<{ task: TaskRecord; created: boolean }> {
    const created = await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(tasks)
        .values({
          id: input.id,
          requestKey: input.requestKey,
          templateRef: input.templateRef,
          templateTitle: input.templateTitle,
          requestedBy: input.requestedBy,
          requestedByRef: input.requestedByRef ?? null,
          values: input.values,
          approvers: input.approvers ?? null,
          approval: input.approvers ? 'pending' : null,
        })
        .onConflictDoNothing({ target: tasks.requestKey })
        .returning({ id: tasks.id });
      if (!inserted.length) return false;
      if (input.steps.length) {
        await tx.insert(taskSteps).values(input.steps.map((s, position) => ({ taskId: input.id, position, ...s })));
      }
      return true;
    });
    const task = created ? await this.getTask(input.id) : await this.taskByRequestKey(input.requestKey);
    if (!task) throw new Error(`task for request ${input.requestKey} vanished`);
    return { task, created };
  }

  async getTask(id: string): Promise<TaskRecord | undefined> {
    const [row] = await this.db.select().from(tasks).where(eq(tasks.id, id));
    if (!row) return undefined;
    const steps = await this.db.select().from(taskSteps).where(eq(taskSteps.taskId, id));
    return toTask(row, steps);
  }

  async taskByRequestKey(requestKey: string): Promise<TaskRecord | undefined> {
    const [row] = await this.db.select({ id: tasks.id }).from(tasks).where(eq(tasks.requestKey, requestKey));
    return row ? this.getTask(row.id) : undefined;
  }

  async listTasks(filter: { requestedBy?: string; state?: TaskState; limit?: number } = {}): Promise<TaskRecord[]> {
    const conditions = [
      filter.requestedBy ? eq(tasks.requestedBy, filter.requestedBy) : undefined,
      filter.state ? eq(tasks.state, filter.state) : undefined,
    ].filter((c) => c !== undefined);
    const rows = await this.db
      .select()
      .from(tasks)
      .where(conditions.length ? and(...conditions) : undefined)
      .orderBy(desc(tasks.createdAt))
      .limit(filter.limit ?? 50);
    return Promise.all(
      rows.map(async (row) => toTask(row, await this.db.select().from(taskSteps).where(eq(taskSteps.taskId, row.id)))),
    );
  }

  /**
   * Moves an open task to processing, once, leased to `lease.owner`: the caller that gets the task
   * back runs it. A task waiting for approval is not claimed here (see decide).
   */
  async claim(id: string, lease: Lease): Promise<TaskRecord | undefined> {
    const claimed = await this.db
      .update(tasks)
      .set({ state: 'processing', startedAt: new Date(), leaseOwner: lease.owner, leaseExpiresAt: leaseEnd(lease) })
      .where(
        and(
          eq(tasks.id, id),
          eq(tasks.state, 'open'),
          sql`(${tasks.approval} IS NULL OR ${tasks.approval} = 'approved')`,
        ),
      )
      .returning({ id: tasks.id });
    return claimed.length ? this.getTask(id) : undefined;
  }

  /** Extends the lease of a task `lease.owner` is running; false when it no longer holds it. */
  async renewLease(id: string, lease: Lease): Promise<boolean> {
    const renewed = await this.db
      .update(tasks)
      .set({ leaseExpiresAt: leaseEnd(lease) })
      .where(and(eq(tasks.id, id), eq(tasks.state, 'processing'), eq(tasks.leaseOwner, lease.owner)))
      .returning({ id: tasks.id });
    return renewed.length > 0;
  }

  /**
   * Takes over the processing tasks whose lease has run out (their process died), leased to
   * `lease.owner` so no other replica takes them too; with `everyLease`, every processing task (for
   * a database only this process can have open: PGlite's folder). The caller recovers what it gets.
   */
  async claimAbandoned(lease: Lease, options: { everyLease?: boolean; limit?: number } = {}): Promise<TaskRecord[]> {
    const expired = options.everyLease
      ? undefined
      : or(isNull(tasks.leaseExpiresAt), lt(tasks.leaseExpiresAt, sql`now()`));
    // Concurrent replicas: the row lock makes the second re-check the lease, which is then current.
    const candidates = this.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.state, 'processing'), expired))
      .limit(options.limit ?? 100);
    const taken = await this.db
      .update(tasks)
      .set({ leaseOwner: lease.owner, leaseExpiresAt: leaseEnd(lease) })
      .where(and(inArray(tasks.id, candidates), eq(tasks.state, 'processing'), expired))
      .returning({ id: tasks.id });
    const records = await Promise.all(taken.map((row) => this.getTask(row.id)));
    return records.filter((task) => task !== undefined);
  }

  /**
   * Open tasks recorded more than `olderThanMs` ago and never started (not waiting for approval):
   * the process that recorded one starts it at once, so one this old lost its process.
   */
  async staleOpenTasks(olderThanMs: number, limit = 100): Promise<TaskRecord[]> {
    const rows = await this.db
      .select({ id: tasks.id })
      .from(tasks)
      .where(
        and(
          eq(tasks.state, 'open'),
          sql`(${tasks.approval} IS NULL OR ${tasks.approval} = 'approved')`,
          lt(tasks.createdAt, sql`now() - ${olderThanMs} * interval '1 millisecond'`),
        ),
      )
      .orderBy(tasks.createdAt)
      .limit(limit);
    const records = await Promise.all(rows.map((row) => this.getTask(row.id)));
    return records.filter((task) => task !== undefined);
  }

  /**
   * Approves (the task is claimed to run, leased to `lease.owner`, in the same statement) or denies
   * (it fails with the reason) a pending task. Only the first decision counts; later ones get
   * undefined.
   */
  async decide(
    id: string,
    decision: 'approved' | 'denied',
    by: string,
    lease: Lease,
    note?: string,
  ): Promise<TaskRecord | undefined> {
    const pending = and(eq(tasks.id, id), eq(tasks.state, 'open'), eq(tasks.approval, 'pending'));
    const now = new Date();
    const changes =
      decision === 'approved'
        ? {
            approval: 'approved',
            decidedBy: by,
            decisionNote: note ?? null,
            state: 'processing',
            startedAt: now,
            leaseOwner: lease.owner,
            leaseExpiresAt: leaseEnd(lease),
          }
        : {
            approval: 'denied',
            decidedBy: by,
            decisionNote: note ?? null,
            state: 'failed',
            finishedAt: now,
            error: `denied${note ? `: ${note}` : ''}`,
          };
    const updated = await this.db.update(tasks).set(changes).where(pending).returning({ id: tasks.id });
    return updated.length ? this.getTask(id) : undefined;
  }

  async startStep(id: string, position: number): Promise<void> {
    await this.db
      .update(taskSteps)
      .set({ state: 'processing', startedAt: new Date() })
      .where(and(eq(taskSteps.taskId, id), eq(taskSteps.position, position)));
  }

  async finishStep(
    id: string,
    position: number,
    result: { state: TaskStepState; log: string[]; output: Record<string, unknown>; error?: string },
  ): Promise<void> {
    await this.db
      .update(taskSteps)
      .set({
        state: result.state,
        log: result.log,
        output: result.output,
        error: result.error ?? null,
        finishedAt: new Date(),
      })
      .where(and(eq(taskSteps.taskId, id), eq(taskSteps.position, position)));
  }

  async finishTask(
    id: string,
    result: { state: 'completed' | 'failed'; output?: Record<string, unknown>; failedStep?: string; error?: string },
  ): Promise<void> {
    await this.db
      .update(tasks)
      .set({
        state: result.state,
        output: result.output ?? {},
        failedStep: result.failedStep ?? null,
        error: result.error ?? null,
        finishedAt: new Date(),
        leaseOwner: null,
        leaseExpiresAt: null,
      })
      .where(eq(tasks.id, id));
  }

  /** Remembers the requester's DM thread, unless one is recorded already. */
  async setThread(id: string, channel: string, threadTs: string): Promise<boolean> {
    const updated = await this.db
      .update(tasks)
      .set({ slackChannel: channel, slackThreadTs: threadTs })
      .where(and(eq(tasks.id, id), isNull(tasks.slackThreadTs)))
      .returning({ id: tasks.id });
    return updated.length > 0;
  }
}
