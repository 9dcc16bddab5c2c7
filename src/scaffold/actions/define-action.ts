// One schema per action, as Backstage's createTemplateAction takes it: a zod object gives the
// handler its typed input (defaults applied) and `callboard templates` the JSON Schema it checks
// templates against. Inputs Backstage declares that Callboard accepts without acting on them are
// named with the reason, so a template that uses them lists with a warning instead of a refusal.
import { z } from 'zod';
import type { ActionContext, InterruptedStep, ScaffoldAction } from './action.js';

interface ActionDefinition<Input extends z.ZodObject> {
  id: string;
  description: string;
  /** Every input Backstage's action declares, with Backstage's defaults. */
  input: Input;
  /** Inputs accepted (and type-checked) but not acted on, each with why: warnings when a template sets them. */
  unused?: Record<string, string>;
  run(ctx: ActionContext<z.output<Input>>): Promise<void>;
  undoAfterRestart?(step: InterruptedStep<z.output<Input>>): Promise<string | undefined>;
}

/** `repoUrl: expected string, received number; files.0: ...`: one line naming each input that is wrong. */
export function describeInputIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.map(String).join('.') || 'input';
      const message = issue.message.replace(/^Invalid (input|option): /, '');
      return `${field}: ${message}`;
    })
    .join('; ');
}

export function defineAction<Input extends z.ZodObject>(definition: ActionDefinition<Input>): ScaffoldAction {
  // Loose: like Backstage's JSON Schema (no additionalProperties: false), an input the action does
  // not declare passes; `callboard templates` warns about it instead.
  const schema = z.looseObject(definition.input.shape);
  const parseInput = (raw: Record<string, unknown>) => {
    const parsed = schema.safeParse(raw);
    return parsed.success
      ? ({ ok: true, input: parsed.data as Record<string, unknown> } as const)
      : ({ ok: false, problem: describeInputIssues(parsed.error.issues) } as const);
  };
  const undo = definition.undoAfterRestart;
  return {
    id: definition.id,
    description: definition.description,
    inputSchema: z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }) as Record<
      string,
      unknown
    >,
    unusedInputs: definition.unused ?? {},
    parseInput,
    run: (ctx) => definition.run(ctx as ActionContext<z.output<Input>>),
    ...(undo
      ? {
          async undoAfterRestart(step: InterruptedStep) {
            const parsed = parseInput(step.input);
            if (!parsed.ok) return undefined;
            return undo({ ...step, input: parsed.input as z.output<Input> });
          },
        }
      : {}),
  };
}
