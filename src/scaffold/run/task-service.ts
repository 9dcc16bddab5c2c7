// Submitted requests become tasks, and tasks run: one at a time per task (the store's claim makes
// sure of that across replicas), each step recorded as it finishes, the requester told through
// the notifier. A task that needs approval waits until its first decision. A running task is
// leased to this process, which renews the lease while it works; a serving process looks for tasks
// whose lease ran out (their process died) and recovers each, once across replicas.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../log.js';
import type { Lease, TaskRecord, TaskStore } from '../../store/task-store.js';
import type { ActionServices } from '../actions/action.js';
import type { ScaffoldNotification } from '../actions/notification-send.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { Requester } from './create-policy.js';
import { renderValue } from '../templating/expressions/index.js';
import { runSteps, type RunOutcome, type StepReport } from './run-steps.js';
import { describeStepError } from './step-errors.js';
import type { TemplateCatalog } from '../template/template-catalog.js';
import type { TemplateDefinition, TemplateValues } from '../types.js';
import { secretFieldNames, splitSecrets } from '../template/secrets.js';

/** How a task's progress reaches people (the Slack DM thread); failures here never fail a task. */
export interface TaskNotifier {
  /** A new task was recorded (waiting for approval, or about to run). */
  created?(task: TaskRecord, template: TemplateDefinition): Promise<void>;
  stepFinished?(task: TaskRecord, report: StepReport): Promise<void>;
  finished?(task: TaskRecord, outcome: RunOutcome): Promise<void>;
  /** Approved or denied. */
  decided?(task: TaskRecord): Promise<void>;
  /** A notification:send step: delivers it and says where it went. Errors here fail the step. */
  notification?(task: TaskRecord, notification: ScaffoldNotification): Promise<string[]>;
}

interface TaskServiceOptions {
  tasks: TaskStore;
  templates: Pick<TemplateCatalog, 'get'>;
  actions: ActionRegistry;
  services: ActionServices;
  notifier?: TaskNotifier;
  logger: Logger;
  newId?: () => string;
  /** How long a task stays leased to this process without a renewal (default 60 s). */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 60_000;

interface Submission {
  template: TemplateDefinition;
  values: TemplateValues;
  /** The same key for the same request: a double submit or a retry finds the first task. */
  requestKey: string;
  requester: Requester;
}

/** What a finished task keeps as its output: links, texts, and the repository and entity made. */
function outputOf(outcome: RunOutcome): Record<string, unknown> {
  const published = outcome.steps.flatMap((s) => (typeof s.output.remoteUrl === 'string' ? [s.output.remoteUrl] : []));
  const entityRefs = outcome.steps.flatMap((s) => (typeof s.output.entityRef === 'string' ? [s.output.entityRef] : []));
  return { links: outcome.links, text: outcome.text, repoUrl: published[0], entityRef: entityRefs[0] };
}

export class TaskService {
  private readonly running = new Set<Promise<unknown>>();
  /** Secret values by task, held in memory only until the task runs (never stored). */
  private readonly secrets = new Map<string, TemplateValues>();
  private readonly newId: () => string;
  /** This process's lease on the tasks it runs: its own id, and how long a lease lasts unrenewed. */
  private readonly lease: Lease;
  private recoveryTimer?: NodeJS.Timeout;

  constructor(private readonly options: TaskServiceOptions) {
    this.newId = options.newId ?? randomUUID;
    this.lease = { owner: randomUUID(), ms: options.leaseMs ?? DEFAULT_LEASE_MS };
  }

  /** Sets who hears about tasks (the Slack side, once it is wired). */
  useNotifier(notifier: TaskNotifier): void {
    this.options.notifier = notifier;
  }

  /** Records the request as a task (once per request key) and starts it unless it needs approval. */
  submit(submission: Submission): Promise<{ task: TaskRecord; created: boolean }> {
    return this.track(this.record(submission));
  }

  private async record(submission: Submission): Promise<{ task: TaskRecord; created: boolean }> {
    const { template } = submission;
    const { values, secrets } = splitSecrets(template, submission.values);
    const id = this.newId();
    this.secrets.set(id, secrets);
    const result = await this.options.tasks.createTask({
      id,
      requestKey: submission.requestKey,
      templateRef: template.ref,
      templateTitle: template.title,
      requestedBy: submission.requester.slackUserId,
      requestedByRef: submission.requester.userRef,
      values,
      approvers: template.approvers,
      steps: template.steps.map((s) => ({ stepId: s.id, name: s.name, action: s.action })),
    });
    if (!result.created) {
      this.secrets.delete(id);
      return result;
    }
    await this.notify('created', () => this.options.notifier?.created?.(result.task, template));
    if (!template.approvers) this.start(result.task.id);
    return { task: (await this.options.tasks.getTask(result.task.id)) ?? result.task, created: true };
  }

  /** Runs the task in the background; `idle()` waits for it. */
  start(taskId: string, claimed?: TaskRecord): void {
    void this.track(this.run(taskId, claimed)).catch((error: unknown) => {
      this.options.logger.error({ err: error, taskId }, 'a scaffolder task crashed');
    });
  }

  /** Keeps `work` in the set `idle()` waits for, until it settles. */
  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return work;
  }

  /** Waits until every task started here has finished (and stops looking for abandoned ones). */
  async idle(): Promise<void> {
    this.stopRecovering();
    while (this.running.size) await Promise.all([...this.running]);
  }

  /**
   * Runs `work` on a task this process holds, renewing its lease every third of its length so no
   * other replica takes it for abandoned while the work goes on.
   */
  private async holdingLease<T>(taskId: string, work: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      this.options.tasks.renewLease(taskId, this.lease).then(
        (held) => {
          if (!held) this.options.logger.warn({ taskId }, 'a scaffolder task is no longer leased to this process');
        },
        (error: unknown) => this.options.logger.warn({ err: error, taskId }, 'could not renew a scaffolder task'),
      );
    }, this.lease.ms / 3);
    try {
      return await work();
    } finally {
      clearInterval(renew);
    }
  }

  /** Claims and runs an open task; undefined when someone else has it (or it is not open). */
  async run(taskId: string, claimed?: TaskRecord): Promise<TaskRecord | undefined> {
    const task = claimed ?? (await this.options.tasks.claim(taskId, this.lease));
    if (!task) return undefined;
    return this.holdingLease(task.id, () => this.runClaimed(task));
  }

  private async runClaimed(task: TaskRecord): Promise<TaskRecord> {
    const { tasks } = this.options;
    const template = await this.options.templates.get(task.templateRef);
    if (!template) return this.failTask(task, `the template ${task.templateRef} is no longer available`);
    const secrets = this.secrets.get(task.id);
    this.secrets.delete(task.id);
    if (!secrets && secretFieldNames(template).length) {
      return this.failTask(
        task,
        'its secret values are kept in memory only and were lost when Callboard restarted; please ask again',
      );
    }
    const outcome = await runSteps({
      template,
      values: task.values,
      secrets,
      user: { ref: task.requestedByRef, slackUserId: task.requestedBy },
      taskId: task.id,
      dryRun: false,
      services: this.servicesFor(task),
      actions: this.options.actions,
      onStepStart: (position) => tasks.startStep(task.id, position),
      onStepEnd: async (report) => {
        await tasks.finishStep(task.id, report.index, {
          state: report.state,
          log: report.log,
          output: report.output,
          error: report.error,
        });
        const current = (await tasks.getTask(task.id)) ?? task;
        await this.notify('stepFinished', () => this.options.notifier?.stepFinished?.(current, report));
      },
    });
    await tasks.finishTask(task.id, {
      state: outcome.state,
      output: outputOf(outcome),
      failedStep: outcome.failure?.stepName,
      error: outcome.failure?.reason,
    });
    const finished = (await tasks.getTask(task.id))!;
    await this.notify('finished', () => this.options.notifier?.finished?.(finished, outcome));
    return finished;
  }

  /** The action services, with notifications going to this task's requester and recipients. */
  private servicesFor(task: TaskRecord): ActionServices {
    const notifier = this.options.notifier;
    if (!notifier?.notification) return this.options.services;
    return { ...this.options.services, notify: (notification) => notifier.notification!(task, notification) };
  }

  /**
   * Recovers requests whose process died: a task still processing after its lease ran out is
   * taken over (by exactly one replica), marked failed, what its steps had made undone (a
   * repository this task created is deleted, or kept and marked when so configured), and the
   * requester told; a task recorded but never started is started. `everyLease`: every processing
   * task, for a database only this process has open (PGlite's folder), where none can be running.
   */
  async recoverAbandoned(options: { everyLease?: boolean } = {}): Promise<{ failed: number; started: number }> {
    const { tasks } = this.options;
    // Taken before any open task is started (and so becomes processing itself).
    const cut = await tasks.claimAbandoned(this.lease, { everyLease: options.everyLease });
    for (const task of cut) await this.track(this.holdingLease(task.id, () => this.failInterrupted(task)));
    const stale = await tasks.staleOpenTasks(options.everyLease ? 0 : this.lease.ms);
    for (const task of stale) this.start(task.id);
    return { failed: cut.length, started: stale.length };
  }

  /**
   * What a serving process does (`callboard start`, never a one-shot command): recovers abandoned
   * requests now (every one with `everyLease`) and then every half lease, until `idle()`. Resolves
   * when the first look is done; a failed look is logged and the next one tries again.
   */
  keepRecovering(options: { everyLease?: boolean } = {}): Promise<void> {
    const pass = (everyLease: boolean) =>
      this.track(this.recoverAbandoned({ everyLease })).then(
        ({ failed, started }) => {
          if (failed || started) this.options.logger.info({ failed, started }, 'abandoned requests were recovered');
        },
        (error: unknown) =>
          this.options.logger.warn({ err: error }, 'could not recover abandoned requests; trying again later'),
      );
    this.stopRecovering();
    this.recoveryTimer = setInterval(() => void pass(false), this.lease.ms / 2);
    this.recoveryTimer.unref();
    return pass(options.everyLease ?? false);
  }

  private stopRecovering(): void {
    clearInterval(this.recoveryTimer);
    this.recoveryTimer = undefined;
  }

  private async failInterrupted(task: TaskRecord): Promise<void> {
    const template = await this.options.templates.get(task.templateRef);
    const at =
      task.steps.find((s) => s.state === 'processing') ??
      [...task.steps].reverse().find((s) => s.state === 'completed');
    const cleanup = template ? await this.undoStepsThatRan(task, template) : [];
    const reason = `Callboard stopped while this request was running${at ? ` (at "${at.name}")` : ''}; please ask again`;
    await this.failTask(task, reason, at, cleanup);
  }

  /** Undoes, last first, what the steps that ran had made: a line for each thing undone or not. */
  private async undoStepsThatRan(task: TaskRecord, template: TemplateDefinition): Promise<string[]> {
    const stepsScope: Record<string, { output: Record<string, unknown> }> = {};
    for (const s of task.steps) stepsScope[s.stepId] = { output: s.output };
    const scope = { parameters: task.values, secrets: {}, steps: stepsScope, user: { ref: task.requestedByRef } };
    const cleanup: string[] = [];
    const ran = task.steps.filter((s) => s.state === 'completed' || s.state === 'processing').reverse();
    for (const record of ran) {
      const step = template.steps.find((s) => s.id === record.stepId);
      const action = step && this.options.actions.get(step.action);
      if (!step || !action?.undoAfterRestart) continue;
      try {
        const input = renderValue(step.input, scope) as Record<string, unknown>;
        const line = await action.undoAfterRestart({
          input,
          output: record.output,
          taskStartedAt: task.startedAt ?? task.createdAt,
          services: this.options.services,
        });
        if (line) cleanup.push(line);
      } catch (error) {
        cleanup.push(`could not undo "${record.name}": ${describeStepError(error)}`);
      }
    }
    return cleanup;
  }

  /**
   * Fails a task that will run no further steps, telling the requester why: `at` is the step it
   * stopped at (none: before its first step), `cleanup` what was undone of what its steps made.
   */
  private async failTask(
    task: TaskRecord,
    reason: string,
    at?: { stepId: string; name: string },
    cleanup: string[] = [],
  ): Promise<TaskRecord> {
    const { tasks } = this.options;
    await tasks.finishTask(task.id, { state: 'failed', failedStep: at?.name, error: reason });
    const failed = (await tasks.getTask(task.id))!;
    await this.notify('finished', () =>
      this.options.notifier?.finished?.(failed, {
        state: 'failed',
        steps: [],
        workspace: new Map(),
        links: [],
        text: [],
        cleanup,
        failure: { stepId: at?.stepId ?? '', stepName: at?.name ?? 'start', reason },
      }),
    );
    return failed;
  }

  /**
   * Records an approval decision (the first one counts) and, when approved, runs the task.
   * Undefined when the task was decided already or is not waiting.
   */
  async decide(
    taskId: string,
    decision: 'approved' | 'denied',
    by: string,
    note?: string,
  ): Promise<TaskRecord | undefined> {
    const decided = await this.options.tasks.decide(taskId, decision, by, this.lease, note);
    if (!decided) return undefined;
    // Told in the background: the decision is recorded, and Slack waits for no one's messages.
    void this.track(this.notify('decided', () => this.options.notifier?.decided?.(decided)));
    if (decision === 'approved') this.start(taskId, decided);
    return decided;
  }

  getTask(taskId: string): Promise<TaskRecord | undefined> {
    return this.options.tasks.getTask(taskId);
  }

  private async notify(what: string, call: () => Promise<void> | undefined): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.options.logger.warn({ err: error, what }, 'could not tell the requester about a task');
    }
  }
}
