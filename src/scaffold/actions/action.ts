// What a template step runs. An action declares its input as JSON Schema (checked when the
// template loads and again, evaluated, when the step runs) and does its one job.
import { parseRepoUrl, type RepoUrl, RepoUrlError } from '../repo-url.js';
import type { JsonSchema, RequestingUser, TemplateDefinition, TemplateStep, Workspace } from '../types.js';
import type { SkeletonReader } from '../templating/skeleton-reader.js';
import type { GitHubPublishing } from './publish/github-publishing.js';
import type { CatalogRegistrar } from './catalog-registrar.js';
import type { ScaffoldNotification } from './notification-send.js';

/** What actions reach the world through; each is optional so a dry run needs none of GitHub or the store. */
export interface ActionServices {
  skeletons: SkeletonReader;
  github?: GitHubPublishing;
  catalog?: CatalogRegistrar;
  /** Delivers a notification:send (in Slack); returns lines for the step log saying where it went. */
  notify?(notification: ScaffoldNotification): Promise<string[]>;
}

export interface ActionContext<Input = Record<string, unknown>> {
  template: TemplateDefinition;
  step: TemplateStep;
  input: Input;
  workspace: Workspace;
  /** Nothing outside the workspace is changed: describe what would happen, and give plausible outputs. */
  dryRun: boolean;
  user: RequestingUser;
  taskId: string;
  services: ActionServices;
  /** A line for the step's log, shown to the user. */
  log(message: string): void;
  output(name: string, value: unknown): void;
  /**
   * Registers how to undo this step's effect if a later step (or this one) fails. `undo` gets
   * the failure and returns a line for the log saying what it did.
   */
  onRollback(undo: (failure: StepFailure) => Promise<string>): void;
  /** Repositories earlier steps published in this run, by `owner/repo`: their files and branch. */
  published: Map<string, PublishedRepository>;
  /** The item of an `each:` step this turn runs for. */
  each?: { key: string; value: unknown };
}

export interface StepFailure {
  stepId: string;
  stepName: string;
  reason: string;
}

export interface PublishedRepository {
  owner: string;
  repo: string;
  branch: string;
  webUrl: string;
  files: Workspace;
}

/** What is known of a step a restart cut off: its input rendered again, and outputs it recorded. */
export interface InterruptedStep<Input = Record<string, unknown>> {
  input: Input;
  output: Record<string, unknown>;
  /** When the task started: anything this step made is no older. */
  taskStartedAt: Date;
  services: ActionServices;
}

export interface ScaffoldAction {
  id: string;
  description: string;
  inputSchema: JsonSchema;
  /** What the action outputs, as JSON Schema (custom actions declare it; a dry run gives examples of it). */
  outputSchema?: JsonSchema;
  /** The module a custom action came from (SCAFFOLDER_ACTION_MODULES); absent for built-ins. */
  source?: string;
  /** Inputs the action accepts but does not act on, each with why (a warning when a template sets one). */
  unusedInputs?: Record<string, string>;
  /**
   * Checks a step's rendered input and applies the action's defaults; the runner hands `run` what
   * it returns. Absent (a custom action with a JSON Schema only): the input is checked with ajv.
   */
  parseInput?(
    input: Record<string, unknown>,
  ): { ok: true; input: Record<string, unknown> } | { ok: false; problem: string };
  run(context: ActionContext): Promise<void>;
  /**
   * Undoes what this step may have done before a restart cut its task off; returns a line saying
   * what it did, or undefined when there was nothing to undo. Absent: the step changes nothing
   * outside the run (or nothing that can be undone).
   */
  undoAfterRestart?(step: InterruptedStep): Promise<string | undefined>;
}

/** An action's failure with a message meant for the person who asked (no stack, no secrets). */
export class ActionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ActionError';
  }
}

/** A step's `repoUrl` input, read; an ActionError says what is wrong with one that is not valid. */
export function readRepoUrlInput(value: unknown): RepoUrl {
  try {
    return parseRepoUrl(value);
  } catch (error) {
    if (error instanceof RepoUrlError) throw new ActionError(`repoUrl: ${error.message}`);
    throw error;
  }
}
