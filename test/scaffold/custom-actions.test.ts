// Actions of a platform team's own (SCAFFOLDER_ACTION_MODULES): every way Backstage lets a schema
// be written, the handler's context (logger, output, workspace folder, checkpoint, each), undo
// when a later step fails, dry runs, and what `callboard templates` says about modules that cannot
// be used and inputs of the wrong type.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runTemplatesCommand } from '../../src/cli/templates-command.js';
import { createTemplateAction } from '../../src/scaffold/actions/custom/index.js';
import { customAction } from '../../src/scaffold/actions/custom/custom-action.js';
import { loadActionModules } from '../../src/scaffold/actions/custom/load-action-modules.js';
import { runSteps } from '../../src/scaffold/run/run-steps.js';
import { loadTemplateFolders } from '../../src/scaffold/template/load-template-folders.js';
import { FolderSkeletonReader } from '../../src/scaffold/templating/folder-skeleton-reader.js';
import { SkeletonReaders } from '../../src/scaffold/templating/skeleton-reader.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callboard-custom-actions-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { output: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

async function writeTemplate(name: string, steps: string, extra = ''): Promise<string> {
  const folder = join(dir, 'templates', name);
  await mkdir(folder, { recursive: true });
  await writeFile(
    join(folder, 'template.yaml'),
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: ${name}, title: ${name} }
spec:
  type: service
  parameters:
    properties:
      count: { type: string, default: '3' }
  steps:
${steps}
${extra}`,
  );
  return join(dir, 'templates');
}

/** A module whose actions keep a ledger file: what they did and what their undo took back. */
async function ledgerModule(): Promise<{ module: string; ledger: string }> {
  const ledger = join(dir, 'ledger.txt');
  await writeFile(ledger, '');
  const module = join(dir, 'acme-actions.mjs');
  await writeFile(
    module,
    `import { appendFile } from 'node:fs/promises';
const ledger = ${JSON.stringify(ledger)};
export const reserve = {
  id: 'acme:name:reserve',
  description: 'Reserves a name in the registry',
  supportsDryRun: true,
  schema: {
    input: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, count: { type: 'number' } } },
    output: { type: 'object', properties: { reservation: { type: 'string' } } },
  },
  async handler(ctx) {
    const id = await ctx.checkpoint({ key: 'reserve', fn: async () => 'R-' + ctx.input.name });
    if (!ctx.isDryRun) await appendFile(ledger, 'reserved ' + id + '\\n');
    ctx.logger.warn('names are reserved for 30 days');
    ctx.output('reservation', id);
  },
  async undo(ctx) {
    await appendFile(ledger, 'released ' + ctx.output.reservation + ' because ' + ctx.reason + '\\n');
    return 'released ' + ctx.output.reservation;
  },
};
export default [
  {
    id: 'acme:notes:write',
    schema: { input: (z) => z.object({ lines: z.array(z.string()), file: z.string().default('NOTES.md') }) },
    async handler(ctx) {
      const { writeFile, readFile, rm } = await import('node:fs/promises');
      const { join } = await import('node:path');
      const previous = await readFile(join(ctx.workspacePath, 'README.md'), 'utf8');
      await rm(join(ctx.workspacePath, 'README.md'));
      await writeFile(join(ctx.workspacePath, ctx.input.file), previous + ctx.input.lines.join('\\n') + '\\n');
      ctx.logStream.write('wrote ' + ctx.input.file + (ctx.each ? ' for ' + ctx.each.key : '') + '\\n');
    },
  },
];
`,
  );
  return { module, ledger };
}

describe('custom action modules', () => {
  it('runs actions written as JSON Schema and as a function of zod: workspace files, outputs, log lines, each', async () => {
    const { module, ledger } = await ledgerModule();
    const loaded = await loadActionModules([module]);
    expect(loaded.problems).toEqual([]);
    expect(loaded.modules[0].actions.map((a) => a.id).sort()).toEqual(['acme:name:reserve', 'acme:notes:write']);
    const root = await writeTemplate(
      'notes',
      `    - id: seed
      name: Seed
      action: fetch:plain
      input: { url: ./skeleton }
    - id: reserve
      name: Reserve the name
      action: acme:name:reserve
      input: { name: notes }
    - id: write
      name: Write notes
      action: acme:notes:write
      each: ['first']
      input: { lines: ['reserved \${{ steps.reserve.output.reservation }}'] }`,
    );
    await mkdir(join(root, 'notes', 'skeleton'));
    await writeFile(join(root, 'notes', 'skeleton', 'README.md'), '# Notes\n');
    const load = await loadTemplateFolders([root], loaded.registry);
    expect(load.problems).toEqual([]);
    const outcome = await runSteps({
      template: load.templates[0],
      values: {},
      user: {},
      taskId: 't1',
      dryRun: false,
      actions: loaded.registry,
      services: { skeletons: new SkeletonReaders([new FolderSkeletonReader()]) },
    });
    expect(outcome.failure).toBeUndefined();
    expect([...outcome.workspace.keys()]).toEqual(['NOTES.md']);
    expect(outcome.workspace.get('NOTES.md')!.content.toString()).toBe('# Notes\nreserved R-notes\n');
    expect(outcome.steps[1].output).toEqual({ reservation: 'R-notes' });
    expect(outcome.steps[1].log).toEqual(['warning: names are reserved for 30 days']);
    expect(outcome.steps[2].log).toEqual(['[0] wrote NOTES.md for 0']);
    expect(await readFile(ledger, 'utf8')).toBe('reserved R-notes\n');
  });

  it('undoes a custom action when a later step fails, saying so in the cleanup', async () => {
    const { module, ledger } = await ledgerModule();
    const loaded = await loadActionModules([module]);
    const root = await writeTemplate(
      'fails-later',
      `    - id: reserve
      name: Reserve the name
      action: acme:name:reserve
      input: { name: svc }
    - id: rename
      name: Rename a file that is not there
      action: fs:rename
      input: { files: [{ from: missing.txt, to: other.txt }] }`,
    );
    const load = await loadTemplateFolders([root], loaded.registry);
    const outcome = await runSteps({
      template: load.templates[0],
      values: {},
      user: {},
      taskId: 't2',
      dryRun: false,
      actions: loaded.registry,
      services: { skeletons: new SkeletonReaders([new FolderSkeletonReader()]) },
    });
    expect(outcome.state).toBe('failed');
    expect(outcome.cleanup).toEqual(['released R-svc']);
    expect(await readFile(ledger, 'utf8')).toBe(
      'reserved R-svc\nreleased R-svc because step "Rename a file that is not there" failed: cannot rename "missing.txt": there is no such file or folder in the workspace\n',
    );
  });

  it('checks inputs with the action’s zod schema, defaults applied, naming the input that is wrong', async () => {
    const seen: unknown[] = [];
    const action = customAction(
      createTemplateAction({
        id: 'acme:count',
        schema: { input: z.object({ count: z.number(), label: z.string().default('items') }) },
        async handler(ctx) {
          seen.push(ctx.input);
        },
      }),
      'test',
    );
    expect(action.inputSchema.required).toEqual(['count']);
    expect(action.parseInput!({ count: 2 })).toEqual({ ok: true, input: { count: 2, label: 'items' } });
    expect(action.parseInput!({ count: 'two' })).toEqual({
      ok: false,
      problem: 'count: expected number, received string',
    });
  });

  it('in a dry run, gives example outputs for an action that does not declare supportsDryRun, and runs nothing', async () => {
    const ran: string[] = [];
    const action = customAction(
      {
        id: 'acme:ticket:open',
        schema: { output: { ticketId: (zod) => zod.string(), priority: (zod) => zod.number() } },
        async handler() {
          ran.push('ran');
        },
      },
      'test',
    );
    const root = await writeTemplate(
      'ticket',
      `    - id: ticket
      name: Open a ticket
      action: acme:ticket:open
      input: {}`,
      `  output:
    text:
      - title: Ticket
        content: \${{ steps.ticket.output.ticketId }} at priority \${{ steps.ticket.output.priority }}`,
    );
    const actions = new Map([[action.id, action]]);
    const load = await loadTemplateFolders([root], actions);
    const outcome = await runSteps({
      template: load.templates[0],
      values: {},
      user: {},
      taskId: 'dry-run',
      dryRun: true,
      actions,
      services: { skeletons: new SkeletonReaders([new FolderSkeletonReader()]) },
    });
    expect(ran).toEqual([]);
    expect(outcome.steps[0].log).toEqual([
      'not run in a dry run (acme:ticket:open does not declare supportsDryRun); its outputs are examples',
    ]);
    expect(outcome.text).toEqual([{ title: 'Ticket', content: '<example> at priority 0' }]);
  });
});

describe('callboard templates with action modules', () => {
  it('lists the modules’ actions, names each module that cannot be used, and the other templates keep working', async () => {
    const { module } = await ledgerModule();
    const throws = join(dir, 'throws.mjs');
    await writeFile(throws, "throw new Error('ACME_TOKEN is missing');\n");
    const empty = join(dir, 'empty.mjs');
    await writeFile(empty, 'export const answer = 42;\n');
    const clash = join(dir, 'clash.mjs');
    await writeFile(clash, "export default { id: 'debug:log', async handler() {} };\n");
    const root = await writeTemplate(
      'uses-reserve',
      `    - id: reserve
      name: Reserve the name
      action: acme:name:reserve
      input: { name: svc }`,
    );
    await writeTemplate(
      'needs-pager',
      `    - id: rota
      name: Set up the rota
      action: acme:pager:rota
      input: {}`,
    );
    const { output, out, err } = capture();
    const code = await runTemplatesCommand(output, { dirs: [root], actionModules: [module, throws, empty, clash] });
    expect(code).toBe(1);
    const text = out.join('\n');
    expect(text).toMatch(/actions from \S*acme-actions\.mjs: acme:name:reserve \(with undo\), acme:notes:write/);
    expect(text).toMatch(/✓ uses-reserve {2}uses-reserve \(service\): 1 step/);
    expect(text).toMatch(
      /✗ needs-pager {2}needs-pager: unavailable: unknown action "acme:pager:rota" in step "Set up the rota": no built-in action or action module \(SCAFFOLDER_ACTION_MODULES\) provides it/,
    );
    const errors = err.join('\n');
    expect(errors).toMatch(/✗ action module \S*throws\.mjs: could not be loaded: ACME_TOKEN is missing/);
    expect(errors).toMatch(/✗ action module \S*empty\.mjs: exports no action/);
    expect(errors).toMatch(
      /✗ action module \S*clash\.mjs: the action "debug:log" is already a built-in action; this one is not loaded/,
    );
  });

  it('names the template, step and input of a custom action’s input of the wrong type', async () => {
    const { module } = await ledgerModule();
    const root = await writeTemplate(
      'wrong-type',
      `    - id: reserve
      name: Reserve the name
      action: acme:name:reserve
      input: { name: svc, count: many }
    - id: rendered
      name: Reserve again
      action: acme:name:reserve
      input: { name: svc, count: '\${{ parameters.count }}' }`,
    );
    const { output, err } = capture();
    expect(await runTemplatesCommand(output, { dirs: [root], actionModules: [module] })).toBe(1);
    expect(err.join('\n')).toMatch(
      /wrong-type\/template\.yaml spec\.steps\[0\]\.input\.count: step "Reserve the name": acme:name:reserve's input "count" must be number, not "many"/,
    );
    // A value rendered from parameters is checked when the step runs, and named the same way.
    await writeTemplate(
      'rendered-type',
      `    - id: rendered
      name: Reserve again
      action: acme:name:reserve
      input: { name: svc, count: '\${{ parameters.count }}' }`,
    );
    const second = capture();
    const loaded = await loadActionModules([module]);
    expect(
      await runTemplatesCommand(second.output, { dirs: [join(root, 'rendered-type')], actions: loaded.registry }),
    ).toBe(1);
    expect(second.err.join('\n')).toMatch(
      /rendered-type\/template\.yaml: step "Reserve again" fails with sample values: its input is not valid: count must be number/,
    );
  });
});
