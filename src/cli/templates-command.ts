// `callboard templates`: lists every template and proves each one usable: its template.yaml
// is a valid Template, names only known actions, its form fits a Slack modal, and its skeleton
// renders with sample values.
import { actionRegistry, type ActionRegistry } from '../scaffold/actions/registry.js';
import { describeModuleProblem, loadActionModules } from '../scaffold/actions/custom/load-action-modules.js';
import type { Output } from './output.js';
import { checkFormLimits } from '../../commands/create/form/form-plan.js';
import { runSteps } from '../scaffold/run/run-steps.js';
import { FolderSkeletonReader } from '../scaffold/templating/folder-skeleton-reader.js';
import { SkeletonReaders } from '../scaffold/templating/skeleton-reader.js';
import { GitHubSkeletonReader } from '../scaffold/templating/github-skeleton-reader.js';
import type { Octokit } from 'octokit';
import { defaultTemplateDir } from '../scaffold/template/default-template-dir.js';
import { loadTemplateFolders } from '../scaffold/template/load-template-folders.js';
import type { TemplateDefinition, TemplateProblem, TemplateValues, Workspace } from '../scaffold/types.js';
import { sampleValues } from '../scaffold/template/sample-values.js';
import { splitSecrets } from '../scaffold/template/secrets.js';
import { validateValues } from '../scaffold/template/validate-values.js';

interface TemplatesCommandOptions {
  /** Folders of templates; default: the templates shipped in templates/. */
  dirs?: string[];
  /** Modules of custom actions (SCAFFOLDER_ACTION_MODULES), loaded beside the built-in actions. */
  actionModules?: string[];
  actions?: ActionRegistry;
  /** Reads skeletons at GitHub URLs when GitHub is configured, as a real run does. */
  github?: { octokit: Octokit; webUrl: string };
}

interface TemplateTrial {
  problems: string[];
  files: number;
  /** The sample values used, after validation, and the files the dry run rendered. */
  values: TemplateValues;
  workspace: Workspace;
}

/** Renders the template with sample values in a dry run; returns the problems found. */
export async function tryTemplate(
  template: TemplateDefinition,
  actions: ActionRegistry,
  github?: TemplatesCommandOptions['github'],
): Promise<TemplateTrial> {
  const problems = checkFormLimits(template);
  const values = sampleValues(template);
  const check = await validateValues(template, values);
  for (const [field, message] of Object.entries(check.fieldErrors))
    problems.push(`sample value for ${field}: ${message}`);
  problems.push(...check.formErrors);
  // Secret fields reach the steps as `secrets.*`, as in a real run.
  const { values: parameters, secrets } = splitSecrets(template, check.values);
  const outcome = await runSteps({
    template,
    values: parameters,
    secrets,
    user: {},
    taskId: 'check',
    dryRun: true,
    actions,
    services: {
      skeletons: new SkeletonReaders([
        new FolderSkeletonReader(),
        ...(github ? [new GitHubSkeletonReader(github.octokit, github.webUrl)] : []),
      ]),
    },
  });
  if (outcome.failure)
    problems.push(`step "${outcome.failure.stepName}" fails with sample values: ${outcome.failure.reason}`);
  return { problems, files: outcome.workspace.size, values: check.values, workspace: outcome.workspace };
}

function describeProblem(problem: TemplateProblem): string {
  return `${problem.template}${problem.field ? ` ${problem.field}` : ''}: ${problem.message}`;
}

export async function runTemplatesCommand(output: Output, options: TemplatesCommandOptions = {}): Promise<number> {
  const loaded = await loadActionModules(options.actionModules ?? [], [
    ...(options.actions ?? actionRegistry()).values(),
  ]);
  const actions = loaded.registry;
  for (const { module, actions: found } of loaded.modules)
    output.out(
      `actions from ${module}: ${found.map((a) => `${a.id}${a.undoAfterRestart ? ' (with undo)' : ''}`).join(', ') || 'none usable'}`,
    );
  for (const problem of loaded.problems) output.err(`✗ ${describeModuleProblem(problem)}`);
  const dirs = options.dirs?.length ? options.dirs : [defaultTemplateDir()];
  const load = await loadTemplateFolders(dirs, actions);
  let failed = load.problems.length > 0 || loaded.problems.length > 0;
  for (const template of load.templates) {
    const { problems, files } = await tryTemplate(template, actions, options.github);
    const where = template.source.type === 'folder' ? template.source.file : template.source.url;
    if (problems.length) {
      failed = true;
      output.out(`✗ ${template.name}  ${template.title} (${template.type})`);
      for (const problem of problems) output.err(`  ${where}: ${problem}`);
    } else {
      const approval = template.approvers ? `, approved by ${template.approvers}` : '';
      output.out(
        `✓ ${template.name}  ${template.title} (${template.type}): ${template.steps.length} step${template.steps.length === 1 ? '' : 's'}, ${files} file${files === 1 ? '' : 's'}${approval}`,
      );
    }
    for (const warning of template.warnings ?? []) output.err(`  warning: ${describeProblem(warning)}`);
  }
  for (const unavailable of load.unavailable)
    output.out(`✗ ${unavailable.name}  ${unavailable.title}: unavailable: ${unavailable.reasons[0]}`);
  if (load.problems.length) {
    output.out(
      `✗ ${load.problems.length} problem${load.problems.length === 1 ? '' : 's'} in templates that could not be loaded:`,
    );
    for (const problem of load.problems) output.err(`  ${describeProblem(problem)}`);
  }
  if (!load.templates.length && !load.problems.length) output.out(`no templates in ${dirs.join(', ')}`);
  return failed ? 1 : 0;
}
