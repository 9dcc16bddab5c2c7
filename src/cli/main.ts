// `callboard`: the command line. Every subcommand loads the configuration once and
// reports a bad value as one line naming the variable. Each action imports what it runs when it
// runs (`await import(...)` inside the action, never at the top of this file): `--help`,
// `templates` and `create --dry-run` never load the database, Bolt or octokit, and a new command
// should keep it so.
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import type { Logger } from '../log.js';
import type { Output } from './sync-command.js';

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(
  argv: string[],
  output: Output = consoleOutput,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  let exitCode = 0;
  const config = (): Config => loadConfig(env);
  const logger = async (level: string): Promise<Logger> => (await import('../log.js')).createLogger({ level });
  // Commands that print an answer keep the log to warnings, on stderr, out of the answer's way.
  const quietLogger = (cfg: Config) => logger(cfg.logLevel === 'info' ? 'warn' : cfg.logLevel);
  const program = new Command()
    .name('callboard')
    .description('A developer portal that lives in Slack: a Backstage-format software catalog, answered in chat.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });

  program
    .command('start')
    .description('migrate, sync the configured sources, and serve Slack (or the local playground) until stopped')
    .action(async () => {
      const cfg = config();
      const { refusedInOneLine } = await import('./catalog-route.js');
      const { runStart } = await import('./start-command.js');
      const log = await logger(cfg.logLevel);
      exitCode = await refusedInOneLine('start', output, () => runStart(cfg, log));
    });

  program
    .command('sync')
    .description(
      'read catalog folders (default: CATALOG_DIRS) or the GitHub organisation into the catalog, and report problems',
    )
    .argument('[dirs...]', 'folders of catalog-info.yaml files')
    .option('--github', 'sync the GitHub organisation (GITHUB_ORG) instead of folders')
    .action(async (dirs: string[], options: { github?: boolean }) => {
      const cfg = config();
      const { runSyncCommand } = await import('./catalog-commands.js');
      exitCode = await runSyncCommand(cfg, dirs, options, await quietLogger(cfg), output);
    });

  program
    .command('ask')
    .description('answer a slash command as Slack would show it, e.g. callboard ask "/service payments"')
    .argument('<command...>', 'the command line, e.g. "/owner payments"')
    .action(async (words: string[]) => {
      const cfg = config();
      const { runAsk } = await import('./ask-command.js');
      exitCode = await runAsk(cfg, words.join(' '), () => quietLogger(cfg), output);
    });

  program
    .command('notices')
    .description('what Callboard would tell whom now (catalog problems, orphans...), without sending; --send sends')
    .option('--send', 'store the notices and send what is due now')
    .action(async (options: { send?: boolean }) => {
      const cfg = config();
      const { runNoticesCommand } = await import('./notices-command.js');
      exitCode = await runNoticesCommand(cfg, options, await quietLogger(cfg), output);
    });

  program
    .command('status')
    .description("the catalog's status, as /callboard status shows it: entities, last syncs, problems")
    .action(async () => {
      const cfg = config();
      const { runStatusCommand } = await import('./catalog-commands.js');
      exitCode = await runStatusCommand(cfg, await quietLogger(cfg), output);
    });

  program
    .command('locations')
    .description('list the locations the catalog reads (folders, repositories), with their entities and last read')
    .action(async () => {
      const cfg = config();
      const { runLocationsCommand } = await import('./catalog-commands.js');
      exitCode = await runLocationsCommand(cfg, output);
    });

  program
    .command('forget')
    .description('remove a location and every entity read from it, e.g. callboard forget ./old-catalog')
    .argument('<location>', 'a folder, or a location as `callboard locations` lists it')
    .action(async (location: string) => {
      const cfg = config();
      const { runForgetCommand } = await import('./catalog-commands.js');
      exitCode = await runForgetCommand(cfg, location, output);
    });

  program
    .command('scorecard')
    .description(
      'how an entity, a team (or everything, with no words) measures up to the scorecards, as /scorecard shows it',
    )
    .argument('[words...]', 'an entity, a team or a person; nothing for the whole organisation')
    .action(async (words: string[]) => {
      const cfg = config();
      const { runAsk } = await import('./ask-command.js');
      exitCode = await runAsk(cfg, `/scorecard ${words.join(' ')}`.trim(), () => quietLogger(cfg), output, 'scorecard');
    });

  program
    .command('scorecards')
    .description('scorecard files: `callboard scorecards validate [dirs]`')
    .command('validate')
    .description(
      'check scorecard files (default: SCORECARD_DIRS) without a database: prints file:line field: reason, exits 1 on any problem',
    )
    .argument('[dirs...]', 'scorecard files or folders')
    .action(async (dirs: string[]) => {
      const { runScorecardsValidate } = await import('./scorecards-command.js');
      const cfg = config();
      exitCode = runScorecardsValidate(dirs.length ? dirs : cfg.scorecardDirs, cfg.scaffold.templateDirs, output);
    });

  program
    .command('validate')
    .description(
      'check catalog files as sync would, without a database: prints file:line field: reason, exits 1 on any error',
    )
    .argument('<paths...>', 'catalog files or folders')
    .option('--catalog', 'check references against the running catalog too, not only the files given')
    .action(async (paths: string[], options: { catalog?: boolean }) => {
      if (!options.catalog) {
        // Files alone: no configuration, no database.
        const { runValidate } = await import('./validate-command.js');
        exitCode = await runValidate(paths, output);
        return;
      }
      const cfg = config();
      const { runValidateCommand } = await import('./catalog-commands.js');
      exitCode = await runValidateCommand(cfg, paths, output);
    });

  program
    .command('templates')
    .description('list the software templates and check each one (schema, actions, form, skeleton)')
    .action(async () => {
      const { runTemplatesCommand } = await import('./templates-command.js');
      const cfg = config();
      // Skeletons at GitHub URLs are read through GitHub when it is configured, as a real run reads them.
      const { templatesGitHub } = await import('./create-dry-run-command.js');
      exitCode = await runTemplatesCommand(output, {
        dirs: cfg.scaffold.templateDirs,
        actionModules: cfg.scaffold.actionModules,
        github: await templatesGitHub(cfg, await quietLogger(cfg)),
      });
    });

  program
    .command('create')
    .description(
      'create from a software template (GITHUB_ORG), or with --dry-run render it locally: callboard create <template> --values values.json',
    )
    .argument('<template>', 'the template name')
    .option('--values <file>', "a JSON file with the template's values")
    .option('--dry-run', 'render and print the steps without creating anything')
    .option('--out <dir>', 'where to write the rendered files (an empty or new folder)')
    .action(async (template: string, options: { values?: string; dryRun?: boolean; out?: string }) => {
      const cfg = config();
      if (options.dryRun) {
        const { runConfiguredDryRun } = await import('./create-dry-run-command.js');
        exitCode = await runConfiguredDryRun(cfg, template, options, await quietLogger(cfg), output);
        return;
      }
      if (options.out) {
        output.err("--out writes a dry run's files; without --dry-run the files go to the new repository");
        exitCode = 2;
        return;
      }
      if (!cfg.github) {
        output.err(
          'configuration: GITHUB_ORG (with GITHUB_TOKEN or a GitHub App) is needed to create repositories; or add --dry-run',
        );
        exitCode = 2;
        return;
      }
      const log = await quietLogger(cfg);
      const { refusedInOneLine } = await import('./catalog-route.js');
      // Embedded PGlite belongs to one process: while a server holds it, this is refused in one line.
      exitCode = await refusedInOneLine('create', output, async () => {
        const { openCatalog } = await import('./open-catalog.js');
        const callboard = await openCatalog(cfg, 'create');
        try {
          const { runRealCreate } = await import('./create-command.js');
          return await runRealCreate(callboard, template, options.values, log, output);
        } finally {
          await callboard.close();
        }
      });
    });

  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      for (const problem of error.problems) output.err(`configuration: ${problem}`);
      return 2;
    }
    throw error;
  }
  return exitCode;
}
