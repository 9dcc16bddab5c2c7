// A platform team's action (template-action.ts) as the runner runs any action: its input checked
// by its own schema, its handler given Backstage's context over the step's log, outputs and a
// workspace folder, its `undo` registered like a built-in's. In a dry run a handler runs only when
// the action declares `supportsDryRun`; otherwise the step gives example outputs, as Backstage does.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { ActionError, type ActionContext, type ScaffoldAction } from '../action.js';
import { readActionSchema } from './action-schema.js';
import { exampleOutput } from './example-output.js';
import type { ActionLogger, TemplateActionOptions } from './template-action.js';
import { readWorkspaceFolder, writeWorkspaceFolder } from './workspace-folder.js';

/** A line a handler logged: text as it is, anything else as JSON. */
function lineOf(message: unknown): string {
  if (typeof message === 'string') return message;
  if (message instanceof Error) return message.message;
  try {
    return JSON.stringify(message);
  } catch {
    return String(message);
  }
}

export function actionLogger(log: (line: string) => void): ActionLogger {
  const logger: ActionLogger = {
    info: (message) => log(lineOf(message)),
    debug: (message) => log(lineOf(message)),
    warn: (message) => log(`warning: ${lineOf(message)}`),
    error: (message) => log(`error: ${lineOf(message)}`),
    child: () => logger,
  };
  return logger;
}

function logStreamOf(log: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      for (const line of String(chunk).split(/\r?\n/)) if (line.trim()) log(line);
      done();
    },
  });
}

/** Turns a module's action into one the runner runs; throws a TypeError naming what is wrong with it. */
export function customAction(options: TemplateActionOptions, source: string): ScaffoldAction {
  const input = readActionSchema(options.schema?.input);
  const output = readActionSchema(options.schema?.output);
  const undo = options.undo;
  if (undo !== undefined && typeof undo !== 'function') throw new TypeError(`"${options.id}": undo must be a function`);

  async function run(ctx: ActionContext): Promise<void> {
    if (ctx.dryRun && !options.supportsDryRun) {
      const example = exampleOutput(output.json);
      const outputs = example && typeof example === 'object' && !Array.isArray(example) ? example : {};
      for (const [name, value] of Object.entries(outputs)) ctx.output(name, value);
      ctx.log(`not run in a dry run (${options.id} does not declare supportsDryRun); its outputs are examples`);
      return;
    }
    const folder = await mkdtemp(join(tmpdir(), 'callboard-action-'));
    const temporary: string[] = [];
    const outputs: Record<string, unknown> = {};
    // A task cut off by a restart is undone, not resumed: a checkpoint holds within the step's run.
    const checkpoints = new Map<string, unknown>();
    const logger = actionLogger(ctx.log);
    try {
      const workspacePath = join(folder, 'workspace');
      await writeWorkspaceFolder(ctx.workspace, workspacePath);
      try {
        await options.handler({
          input: ctx.input,
          logger,
          logStream: logStreamOf(ctx.log),
          workspacePath,
          output: (name, value) => {
            outputs[name] = value;
            ctx.output(name, value);
          },
          async checkpoint<T>(
            keyOrOptions: string | { key: string; fn: () => Promise<T> | T },
            fn?: () => Promise<T> | T,
          ) {
            const key = typeof keyOrOptions === 'string' ? keyOrOptions : keyOrOptions.key;
            const call = typeof keyOrOptions === 'string' ? fn : keyOrOptions.fn;
            if (typeof call !== 'function') throw new ActionError(`checkpoint "${key}" needs a function`);
            if (!checkpoints.has(key)) checkpoints.set(key, await call());
            return checkpoints.get(key) as T;
          },
          async createTemporaryDirectory() {
            const dir = join(folder, `tmp-${randomUUID()}`);
            temporary.push(dir);
            return dir;
          },
          templateInfo: { entityRef: ctx.template.ref, entity: { metadata: ctx.template.entity.metadata } },
          isDryRun: ctx.dryRun,
          user: { ref: ctx.user.ref, entity: ctx.user.entity },
          signal: new AbortController().signal,
          each: ctx.each,
          async getInitiatorCredentials() {
            throw new ActionError(`${options.id} asked for Backstage credentials, which Callboard does not have`);
          },
        });
      } finally {
        // What the handler changed stays, even when it failed part-way: undo then sees it all.
        for (const line of await readWorkspaceFolder(workspacePath, ctx.workspace)) ctx.log(line);
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
    if (undo && !ctx.dryRun) {
      ctx.onRollback(async (failure) => {
        const lines: string[] = [];
        const line = await undo({
          input: ctx.input,
          output: outputs,
          reason: `step "${failure.stepName}" failed: ${failure.reason}`,
          logger: actionLogger((l) => lines.push(l)),
        });
        return line || lines.join('; ') || `undid "${ctx.step.name}" (${options.id})`;
      });
    }
  }

  return {
    id: options.id,
    description: options.description ?? '',
    inputSchema: input.json,
    outputSchema: output.json,
    source,
    ...(input.check ? { parseInput: input.check } : {}),
    run,
    ...(undo
      ? {
          async undoAfterRestart(step) {
            const checked = input.check ? input.check(step.input) : { ok: true as const, input: step.input };
            if (!checked.ok) return undefined;
            const line = await undo({
              input: checked.input,
              output: step.output,
              reason: 'a restart cut the task off',
              logger: actionLogger(() => {}),
            });
            return line || `undid ${options.id}`;
          },
        }
      : {}),
  };
}
