// `callboard create <template> --values values.json --dry-run --out <dir>`: checks the values
// as the Slack form would, renders the files into <dir>, and prints the steps it would run.
// Without --dry-run the CLI creates through the task path (src/cli/create-command.ts).
import { mkdir, readdir, readFile, writeFile, chmod } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { actionRegistry, type ActionRegistry } from '../scaffold/actions/registry.js';
import type { Output } from './output.js';
import { runSteps } from '../scaffold/run/run-steps.js';
import { FolderSkeletonReader } from '../scaffold/templating/folder-skeleton-reader.js';
import { SkeletonReaders } from '../scaffold/templating/skeleton-reader.js';
import { defaultTemplateDir } from '../scaffold/template/default-template-dir.js';
import { loadTemplateFolders } from '../scaffold/template/load-template-folders.js';
import type { TemplateDefinition, Workspace } from '../scaffold/types.js';
import { validateValues, type ValueChecks } from '../scaffold/template/validate-values.js';
import { splitSecrets } from '../scaffold/template/secrets.js';
import { GitHubSkeletonReader } from '../scaffold/templating/github-skeleton-reader.js';
import type { Octokit } from 'octokit';

export interface CreateCommandOptions {
  /** A JSON file with the template's values. */
  values?: string;
  dryRun?: boolean;
  /** Where the rendered files go; must be empty or not exist yet. */
  out?: string;
  /** Folders of templates; default: the templates shipped in templates/. */
  templateDirs?: string[];
  actions?: ActionRegistry;
  /** What the values are checked against besides the template: the catalog (owners), GitHub (taken names). */
  checks?: ValueChecks;
  /** Reads skeletons at GitHub URLs, as the real run does; without it such a step fails, saying so. */
  github?: { octokit: Octokit; webUrl: string };
}

/** Whether a template file names itself `name` (read again only to explain a refusal). */
function declaresName(file: string, name: string): boolean {
  try {
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Block (`name: x`) or flow (`metadata: { name: x }`) style.
    return new RegExp(`(^|[{,\\s])name:\\s*['"]?${escaped}['"]?\\s*($|[,}])`, 'm').test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

function findTemplate(templates: TemplateDefinition[], wanted: string): TemplateDefinition | undefined {
  const w = wanted.toLowerCase();
  return templates.find((t) => t.ref === w || t.name.toLowerCase() === w || t.title.toLowerCase() === w);
}

async function readValues(file: string | undefined): Promise<Record<string, unknown>> {
  if (!file) return {};
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new Error(`cannot read the values file ${file}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`${file} must hold a JSON object of values`);
  return parsed as Record<string, unknown>;
}

/** Writes the workspace under `out`, refusing a folder that already has files in it. */
async function writeWorkspace(workspace: Workspace, out: string): Promise<number> {
  const root = resolve(out);
  const existing = await readdir(root).catch(() => undefined);
  if (existing?.length) throw new Error(`${out} is not empty; choose a new or empty folder for --out`);
  for (const [path, file] of workspace) {
    const target = resolve(root, path);
    const inside = relative(root, target);
    // Paths were checked when rendered; this guards the write itself as well.
    if (!inside || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
      throw new Error(`refusing to write ${path} outside ${out}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.content, { flag: 'wx' });
    if (file.executable) await chmod(target, 0o755);
  }
  return workspace.size;
}

/** The template and checked values of a create request; problems are printed, undefined returned. */
export async function loadCreateRequest(
  templateName: string,
  options: Pick<CreateCommandOptions, 'values' | 'templateDirs' | 'actions' | 'checks'>,
  output: Output,
): Promise<{ template: TemplateDefinition; values: Record<string, unknown> } | undefined> {
  const actions = options.actions ?? actionRegistry();
  const dirs = options.templateDirs?.length ? options.templateDirs : [defaultTemplateDir()];
  const load = await loadTemplateFolders(dirs, actions);
  const template = findTemplate(load.templates, templateName);
  if (!template) {
    // The template may be there but unusable: say why, found by its metadata.name wherever its folder is.
    const broken = load.problems.filter(
      (p) => p.template.includes(templateName) || declaresName(p.template, templateName),
    );
    for (const p of broken) output.err(`${p.template}${p.field ? ` ${p.field}` : ''}: ${p.message}`);
    const names = load.templates.map((t) => t.name).join(', ') || 'none';
    output.err(
      broken.length
        ? `the template "${templateName}" cannot run until the problems above are fixed`
        : `no template "${templateName}" (usable templates: ${names}${load.problems.length ? `; ${load.problems.length} problem(s) in others: run callboard templates` : ''})`,
    );
    return undefined;
  }
  let raw: Record<string, unknown>;
  try {
    raw = await readValues(options.values);
  } catch (error) {
    output.err((error as Error).message);
    return undefined;
  }
  const check = await validateValues(template, raw, { checks: options.checks });
  if (!check.ok) {
    for (const [field, message] of Object.entries(check.fieldErrors)) output.err(`${field}: ${message}`);
    for (const message of check.formErrors) output.err(message);
    return undefined;
  }
  return { template, values: check.values };
}

/** `--dry-run`: renders locally and prints the steps; creating for real is src/cli/create-command.ts. */
export async function runCreateCommand(
  templateName: string,
  options: CreateCommandOptions,
  output: Output,
): Promise<number> {
  const actions = options.actions ?? actionRegistry();
  const request = await loadCreateRequest(templateName, { ...options, actions }, output);
  if (!request) return 1;
  const { template } = request;
  // Secret fields reach the steps as `secrets.*` (masked in every line), as in a real run.
  const { values, secrets } = splitSecrets(template, request.values);
  const outcome = await runSteps({
    template,
    values,
    secrets,
    user: {},
    taskId: 'dry-run',
    dryRun: true,
    actions,
    services: {
      skeletons: new SkeletonReaders([
        new FolderSkeletonReader(),
        ...(options.github ? [new GitHubSkeletonReader(options.github.octokit, options.github.webUrl)] : []),
      ]),
    },
  });
  output.out(`${template.title} (${template.ref}), dry run:`);
  for (const report of outcome.steps) {
    const mark = report.state === 'completed' ? '✓' : report.state === 'skipped' ? '–' : '✗';
    output.out(`${mark} ${report.index + 1}. ${report.step.name} (${report.step.action})`);
    for (const line of report.log) output.out(`    ${line}`);
  }
  if (outcome.failure) {
    output.err(`step "${outcome.failure.stepName}" failed: ${outcome.failure.reason}`);
    return 1;
  }
  if (options.out) {
    try {
      const written = await writeWorkspace(outcome.workspace, options.out);
      output.out(`wrote ${written} file${written === 1 ? '' : 's'} to ${options.out}`);
    } catch (error) {
      output.err((error as Error).message);
      return 1;
    }
  } else {
    for (const path of [...outcome.workspace.keys()].sort()) output.out(`  ${path}`);
  }
  for (const link of outcome.links) output.out(`link: ${link.title}: ${link.url ?? link.entityRef}`);
  return 0;
}
