// `callboard create <template> --values values.json` (without --dry-run): creates for real, through
// the same task path as /create in Slack (a recorded task, its steps, approval, rollback), printing
// each step as it finishes and the links at the end. For platform teams scripting creation.
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Logger } from '../log.js';
import { loadCreateRequest } from './create-dry-run.js';
import type { Output } from './output.js';
import { CatalogRules } from '../catalog/catalog-rules.js';
import { createScaffolder } from '../scaffold/create-scaffolder.js';
import { describeModuleProblem, loadActionModules } from '../scaffold/actions/custom/load-action-modules.js';
import { createGitHubConnection } from '../sources/github/index.js';
import type { OpenCatalog } from './open-catalog.js';

export async function runRealCreate(
  callboard: OpenCatalog,
  templateName: string,
  valuesFile: string | undefined,
  logger: Logger,
  output: Output,
): Promise<number> {
  const { config, stores } = callboard;
  if (!config.github) throw new Error('runRealCreate needs GitHub configured (main checks it first)');
  const loaded = await loadActionModules(config.scaffold.actionModules ?? []);
  for (const problem of loaded.problems) output.err(describeModuleProblem(problem));
  const connection = await createGitHubConnection({
    org: config.github.org,
    token: config.github.token,
    app: config.github.app,
    apiUrl: config.github.apiUrl,
    logger,
  });
  const scaffolder = createScaffolder({
    stores,
    settings: config.scaffold,
    catalogRules: new CatalogRules(config.catalogRules),
    github: { octokit: connection.octokit, org: config.github.org, apiUrl: config.github.apiUrl },
    logger,
    actions: loaded.registry,
  });
  // Checked as the modal checks: owners in the catalog, a repository name not taken.
  const request = await loadCreateRequest(
    templateName,
    {
      values: valuesFile,
      templateDirs: config.scaffold.templateDirs,
      actions: loaded.registry,
      checks: scaffolder.checks,
    },
    output,
  );
  if (!request) return 1;
  const { template, values } = request;
  let result = 1;
  scaffolder.tasks.useNotifier({
    async stepFinished(task, report) {
      const mark = report.state === 'completed' ? '✓' : report.state === 'skipped' ? '–' : '✗';
      output.out(`${mark} ${report.index + 1}/${task.steps.length} ${report.step.name} (${report.step.action})`);
      for (const line of report.log) output.out(`    ${line}`);
    },
    async finished(task, outcome) {
      if (outcome.state === 'completed') {
        result = 0;
        output.out(`created ${template.title}: task ${task.id}`);
        for (const link of outcome.links) output.out(`link: ${link.title}: ${link.url ?? link.entityRef}`);
        for (const text of outcome.text) output.out(`${text.title ? `${text.title}: ` : ''}${text.content.trim()}`);
      } else {
        output.err(
          `step "${outcome.failure?.stepName ?? '?'}" failed: ${outcome.failure?.reason ?? 'no reason given'}`,
        );
        for (const line of outcome.cleanup) output.err(`    ${line}`);
      }
    },
  });
  const who = `cli:${userInfo().username}`;
  output.out(`${template.title} (${template.ref}), creating:`);
  const { task } = await scaffolder.tasks.submit({
    template,
    values,
    requestKey: `cli:${randomUUID()}`,
    requester: { slackUserId: who },
  });
  if (task.approval === 'pending') {
    output.out(`waiting for approval by ${template.approvers}: task ${task.id} runs once someone approves it in Slack`);
    return 0;
  }
  await scaffolder.tasks.idle();
  return result;
}
