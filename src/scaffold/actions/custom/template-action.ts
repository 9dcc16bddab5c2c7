// What a platform team writes to add an action of its own, the way Backstage's
// `createTemplateAction` (@backstage/plugin-scaffolder-node) takes it: an id, an input (and output)
// schema as zod, a function of zod, a record of such functions, or JSON Schema, and a handler that
// gets a context with the input, a logger, `output(name, value)` and a workspace folder.
// Callboard adds one thing Backstage has not: `undo`, run when a later step fails (or after a
// restart cut the task off), as the built-in actions undo what they made.
import type { Writable } from 'node:stream';
import type { z } from 'zod';
import type { Entity } from '../../../catalog/types.js';

/** An input without a schema Callboard can type: a module written in JavaScript reads it freely. */
// biome-ignore lint/suspicious/noExplicitAny: untyped inputs are read as the module author wrote them
export type UntypedInput = Record<string, any>;

/** Any zod schema, of zod 3 or zod 4: all Callboard needs is `safeParse`. */
export interface ZodLike {
  safeParse(value: unknown): unknown;
}

export type ZodFunction = (zod: typeof z) => ZodLike;

/** Backstage's four ways of writing a schema. */
export type ActionSchema = ZodLike | ZodFunction | Record<string, ZodFunction> | Record<string, unknown>;

export interface ActionLogger {
  info(message: unknown, ...meta: unknown[]): void;
  warn(message: unknown, ...meta: unknown[]): void;
  error(message: unknown, ...meta: unknown[]): void;
  debug(message: unknown, ...meta: unknown[]): void;
  child(meta?: Record<string, unknown>): ActionLogger;
}

/** What the handler is given: Backstage's ActionContext, minus the Backstage backend's own services. */
export interface TemplateActionContext<Input = UntypedInput> {
  input: Input;
  /** Each line goes to the step's log, which the person who asked sees. */
  logger: ActionLogger;
  logStream: Writable;
  /** A folder holding the files earlier steps produced; what the handler leaves there is what later steps get. */
  workspacePath: string;
  output(name: string, value: unknown): void;
  /** Runs `fn` once per key while the step runs (a task cut off by a restart is undone, not resumed). */
  checkpoint<T>(
    keyOrOptions: string | { key: string; fn: () => Promise<T> | T },
    fn?: () => Promise<T> | T,
  ): Promise<T>;
  /** A folder removed when the step ends. */
  createTemporaryDirectory(): Promise<string>;
  templateInfo: { entityRef: string; entity: { metadata: Entity['metadata'] } };
  /** True only in a dry run, and only for actions that declare `supportsDryRun`. */
  isDryRun: boolean;
  user: { ref?: string; entity?: Entity };
  signal: AbortSignal;
  /** The item of an `each:` step. */
  each?: { key: string; value: unknown };
  /** Backstage's user credentials have no meaning in Callboard: this throws, saying so. */
  getInitiatorCredentials(): Promise<never>;
}

/** What `undo` is given: the step's input, what it output, why the run failed, and a logger. */
export interface TemplateActionUndoContext<Input = UntypedInput> {
  input: Input;
  output: Record<string, unknown>;
  /** Why the run is undone: the failed step and its reason, or that a restart cut the task off. */
  reason: string;
  logger: ActionLogger;
}

export interface TemplateActionOptions<Input = UntypedInput> {
  id: string;
  description?: string;
  examples?: Array<{ description: string; example: string }>;
  /** The handler is run in dry runs too (with `isDryRun`); otherwise a dry run gives example outputs. */
  supportsDryRun?: boolean;
  schema?: { input?: ActionSchema; output?: ActionSchema };
  handler(ctx: TemplateActionContext<Input>): Promise<void>;
  /** Undoes what the handler made; returns a line for the step's log (or nothing). */
  // biome-ignore lint/suspicious/noConfusingVoidType: an undo written `async undo() {}` returns nothing
  undo?(ctx: TemplateActionUndoContext<Input>): Promise<string | undefined | void>;
}

/** The input type a schema gives the handler. */
type InputOf<S> = S extends (zod: typeof z) => infer T
  ? T extends z.ZodType
    ? z.output<T>
    : UntypedInput
  : S extends z.ZodType
    ? z.output<S>
    : S extends Record<string, ZodFunction>
      ? { [K in keyof S]: ReturnType<S[K]> extends z.ZodType ? z.output<ReturnType<S[K]>> : unknown }
      : UntypedInput;

/**
 * Declares an action; Callboard loads it from a module named in SCAFFOLDER_ACTION_MODULES. It
 * returns the action as given (as Backstage's does), typed, after checking its shape.
 */
export function createTemplateAction<S extends ActionSchema | undefined = undefined>(
  action: Omit<TemplateActionOptions<InputOf<S>>, 'schema'> & { schema?: { input?: S; output?: ActionSchema } },
): TemplateActionOptions<InputOf<S>> {
  if (!action || typeof action.id !== 'string' || !action.id.trim())
    throw new TypeError('createTemplateAction needs an id (a string such as "acme:ticket:create")');
  if (typeof action.handler !== 'function')
    throw new TypeError(`createTemplateAction("${action.id}") needs a handler function`);
  return action as TemplateActionOptions<InputOf<S>>;
}
