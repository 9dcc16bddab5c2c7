// Runs a template's steps in order against an in-memory workspace. A step's input is rendered
// from the parameters and earlier steps' outputs, checked against its action's schema, then run.
// On failure every step's registered undo runs, last first, and the failure names the step.
import type {
  ActionContext,
  ActionServices,
  PublishedRepository,
  ScaffoldAction,
  StepFailure,
} from '../actions/action.js';
import type { ActionRegistry } from '../actions/registry.js';
import { renderText, renderValue, type Scope } from '../templating/expressions/index.js';
import { compileParameterSchema } from '../template/ajv.js';
import type { RequestingUser, TemplateDefinition, TemplateStep, TemplateValues, Workspace } from '../types.js';
import { maskSecrets } from '../template/secrets.js';
import { describeStepError } from './step-errors.js';

type StepState = 'completed' | 'skipped' | 'failed';

export interface StepReport {
  index: number;
  step: TemplateStep;
  state: StepState;
  log: string[];
  output: Record<string, unknown>;
  error?: string;
}

interface ResolvedLink {
  title: string;
  url?: string;
  entityRef?: string;
  icon?: string;
}

interface ResolvedText {
  title: string;
  content: string;
}

export interface RunOutcome {
  state: 'completed' | 'failed';
  steps: StepReport[];
  workspace: Workspace;
  links: ResolvedLink[];
  text: ResolvedText[];
  failure?: StepFailure;
  /** What the undo of earlier steps did after a failure. */
  cleanup: string[];
}

interface RunRequest {
  template: TemplateDefinition;
  values: TemplateValues;
  user: RequestingUser;
  taskId: string;
  dryRun: boolean;
  services: ActionServices;
  actions: ActionRegistry;
  /** Secret values (`${{ secrets.x }}`); masked in every log line, error and output kept. */
  secrets?: TemplateValues;
  onStepStart?(index: number, step: TemplateStep): Promise<void> | void;
  onStepEnd?(report: StepReport): Promise<void> | void;
}

function isTrue(condition: string | boolean | undefined, scope: Scope): boolean {
  if (condition === undefined) return true;
  if (typeof condition === 'boolean') return condition;
  return Boolean(renderText(condition, scope));
}

/** The action's own parse (zod, defaults applied) when it has one; else its JSON Schema through ajv. */
function checkInput(
  action: ScaffoldAction,
  input: Record<string, unknown>,
): { ok: true; input: Record<string, unknown> } | { ok: false; problem: string } {
  if (action.parseInput) return action.parseInput(input);
  const validate = compileParameterSchema(action.inputSchema);
  return validate(input) ? { ok: true, input } : { ok: false, problem: inputProblems(validate.errors) };
}

function inputProblems(errors: ReturnType<typeof compileParameterSchema>['errors']): string {
  return (errors ?? [])
    .map((e) => {
      const field =
        e.keyword === 'required'
          ? String((e.params as { missingProperty?: string }).missingProperty)
          : e.instancePath.slice(1).replace(/\//g, '.');
      return `${field || 'input'} ${e.message ?? 'is not valid'}`;
    })
    .join('; ');
}

export async function runSteps(request: RunRequest): Promise<RunOutcome> {
  const { template } = request;
  const workspace: Workspace = new Map();
  const published = new Map<string, PublishedRepository>();
  const stepsScope: Record<string, { output: Record<string, unknown> }> = {};
  const scope: Scope = {
    parameters: request.values,
    secrets: request.secrets ?? {},
    steps: stepsScope,
    user: { ref: request.user.ref, entity: request.user.entity },
  };
  const undos: Array<(failure: StepFailure) => Promise<string>> = [];
  const reports: StepReport[] = [];

  // A step's own token joins the template's secrets when it is met, so no later line can show it.
  const secrets: TemplateValues = { ...(request.secrets ?? {}) };
  const finish = async (report: StepReport): Promise<void> => {
    report.log = maskSecrets(report.log, secrets);
    if (report.error) report.error = maskSecrets(report.error, secrets);
    // Later steps read the real outputs (stepsScope); what is reported and kept is masked.
    const kept = { ...report, output: maskSecrets(report.output, secrets) };
    reports.push(kept);
    await request.onStepEnd?.(kept);
  };

  for (const [index, step] of template.steps.entries()) {
    const report: StepReport = { index, step, state: 'completed', log: [], output: {} };
    stepsScope[step.id] = { output: report.output };
    await request.onStepStart?.(index, step);
    try {
      if (!isTrue(step.if, scope)) {
        report.state = 'skipped';
        report.log.push('skipped: its condition does not hold');
      } else {
        const action = request.actions.get(step.action);
        if (!action) throw new Error(`unknown action "${step.action}"`);
        for (const iteration of iterationsOf(step, scope)) {
          const itemScope = iteration ? { ...scope, each: iteration } : scope;
          const rendered = renderValue(step.input, itemScope) as Record<string, unknown>;
          // A step's own token is as secret as `secrets.*`: masked in all it reports.
          if (typeof rendered.token === 'string' && rendered.token) secrets[`token of ${step.id}`] = rendered.token;
          const checked = checkInput(action, rendered);
          if (!checked.ok) {
            const which = iteration ? ` for ${iteration.key}` : '';
            throw new StepInputError(`its input${which} is not valid: ${checked.problem}`);
          }
          const input = checked.input;
          const context: ActionContext = {
            template,
            step,
            input,
            workspace,
            published,
            ...(iteration ? { each: iteration } : {}),
            dryRun: request.dryRun,
            user: request.user,
            taskId: request.taskId,
            services: request.services,
            log: (message) => {
              report.log.push(iteration ? `[${iteration.key}] ${message}` : message);
            },
            // As Backstage: a repeated step's outputs are lists, one entry per item.
            output: (name, value) => {
              if (!iteration) report.output[name] = value;
              else
                report.output[name] = [
                  ...(Array.isArray(report.output[name]) ? (report.output[name] as unknown[]) : []),
                  value,
                ];
            },
            onRollback: (undo) => {
              undos.push(undo);
            },
          };
          await action.run(context);
        }
      }
    } catch (error) {
      report.state = 'failed';
      report.error = describeStepError(error);
      report.log.push(`failed: ${report.error}`);
      const failure: StepFailure = { stepId: step.id, stepName: step.name, reason: maskSecrets(report.error, secrets) };
      const cleanup: string[] = [];
      for (const undo of undos.reverse()) cleanup.push(await undo(failure));
      report.log.push(...cleanup);
      await finish(report);
      return {
        state: 'failed',
        steps: reports,
        workspace,
        links: [],
        text: [],
        failure,
        cleanup: maskSecrets(cleanup, secrets),
      };
    }
    await finish(report);
  }

  return {
    state: 'completed',
    steps: reports,
    workspace,
    ...maskSecrets(resolveOutput(template, scope), secrets),
    cleanup: [],
  };
}

class StepInputError extends Error {}

/** The most items one `each` step repeats for: each may reach GitHub, so a list is kept short. */
const MAX_EACH = 100;

/** `each`: a list's items keyed by position, or an object's entries; one undefined turn without it. */
function iterationsOf(step: TemplateStep, scope: Scope): Array<{ key: string; value: unknown } | undefined> {
  if (step.each === undefined) return [undefined];
  const each = renderValue(step.each, scope);
  let items: Array<{ key: string; value: unknown }>;
  if (Array.isArray(each)) items = each.map((value, index) => ({ key: String(index), value }));
  else if (each && typeof each === 'object') items = Object.entries(each).map(([key, value]) => ({ key, value }));
  else
    throw new StepInputError(
      `"each" must give a list or an object, not ${each === undefined ? 'nothing' : JSON.stringify(each)}`,
    );
  if (items.length > MAX_EACH)
    throw new StepInputError(`"each" gives ${items.length} items; a step repeats at most ${MAX_EACH} times`);
  return items;
}

function resolveOutput(template: TemplateDefinition, scope: Scope): { links: ResolvedLink[]; text: ResolvedText[] } {
  const text = (value: unknown): string | undefined => {
    if (value === undefined) return undefined;
    const rendered = renderValue(value, scope);
    return rendered === undefined || rendered === null || rendered === '' ? undefined : String(rendered);
  };
  const links: ResolvedLink[] = [];
  for (const link of template.output.links) {
    if (!isTrue(link.if, scope)) continue;
    const url = text(link.url);
    const entityRef = text(link.entityRef);
    if (!url && !entityRef) continue;
    links.push({ title: text(link.title) ?? url ?? entityRef ?? 'Link', url, entityRef, icon: text(link.icon) });
  }
  const out: ResolvedText[] = [];
  for (const item of template.output.text) {
    if (!isTrue(item.if, scope)) continue;
    const content = text(item.content);
    if (content) out.push({ title: text(item.title) ?? '', content });
  }
  return { links, text: out };
}
