// `callboard`: the command line. Every subcommand loads the configuration once and
// reports a bad value as one line naming the variable.
import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { createLogger } from '../log.js';
import { runCreateCommand } from '../scaffold/cli-create.js';
import { runTemplatesCommand } from '../scaffold/cli-templates.js';
import { runAsk } from './ask-command.js';
import { refusedInOneLine } from './catalog-route.js';
import { runStatusCommand, runSyncCommand, runValidateCommand } from './catalog-commands.js';
import { runStart } from './start-command.js';
import type { Output } from './sync-command.js';

const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export async function main(argv: string[], output: Output = consoleOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let exitCode = 0;
  const config = (): Config => loadConfig(env);
  // Commands that print an answer keep the log to warnings, on stderr, out of the answer's way.
  const quietLogger = (cfg: Config) => createLogger({ level: cfg.logLevel === 'info' ? 'warn' : cfg.logLevel });
  const program = new Command()
    .name('callboard')
    .description('A developer portal that lives in Slack: a Backstage-format software catalog, answered in chat.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });

  program.command('start')
    .description('migrate, sync the configured sources, and serve Slack (or the local playground) until stopped')
    .action(async () => {
      const cfg = config();
      exitCode = await refusedInOneLine('start', output, () => runStart(cfg, createLogger({ level: cfg.logLevel })));
    });

  program.command('sync')
    .description('read catalog folders (default: CATALOG_DIRS) or the GitHub organisation into the catalog, and report problems')
    .argument('[dirs...]', 'folders of catalog-info.yaml files')
    .option('--github', 'sync the GitHub organisation (GITHUB_ORG) instead of folders')
    .action(async (dirs: string[], options: { github?: boolean }) => {
      const cfg = config();
      exitCode = await runSyncCommand(cfg, dirs, options, quietLogger(cfg), output);
    });

  program.command('ask')
    .description('answer a slash command as Slack would show it, e.g. callboard ask "/service payments"')
    .argument('<command...>', 'the command line, e.g. "/owner payments"')
    .action(async (words: string[]) => {
      const cfg = config();
      exitCode = await runAsk(cfg, words.join(' '), quietLogger(cfg), output);
    });

  program.command('status')
    .description('the catalog\'s status, as /callboard status shows it: entities, last syncs, problems')
    .action(async () => {
      const cfg = config();
      exitCode = await runStatusCommand(cfg, quietLogger(cfg), output);
    });

  program.command('validate')
    .description('check catalog files as sync would, without a database: prints file:line field: reason, exits 1 on any error')
    .argument('<paths...>', 'catalog files or folders')
    .option('--catalog', 'check references against the running catalog too, not only the files given')
    .action(async (paths: string[], options: { catalog?: boolean }) => {
      const cfg = options.catalog ? config() : undefined;
      exitCode = await runValidateCommand(cfg, paths, cfg ? quietLogger(cfg) : createLogger({ level: 'warn' }), output);
    });

  program.command('templates')
    .description('list the software templates and check each one (schema, actions, form, skeleton)')
    .action(async () => {
      exitCode = await runTemplatesCommand(output, { dirs: config().scaffold.templateDirs });
    });

  program.command('create')
    .description('render a software template locally: callboard create <template> --values values.json --dry-run --out <dir>')
    .argument('<template>', 'the template name')
    .option('--values <file>', 'a JSON file with the template\'s values')
    .option('--dry-run', 'render and print the steps without creating anything')
    .option('--out <dir>', 'where to write the rendered files (an empty or new folder)')
    .action(async (template: string, options: { values?: string; dryRun?: boolean; out?: string }) => {
      exitCode = await runCreateCommand(template, { ...options, templateDirs: config().scaffold.templateDirs }, output);
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
