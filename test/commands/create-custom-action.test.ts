// A platform team's own action, end to end through the Slack modal: a module written to a
// temporary folder (Backstage's createTemplateAction shape, inputs as functions of zod) is loaded
// by the app `callboard start` serves, runs in a /create task between built-in steps, writes into
// the workspace the repository is published from, and its output shows in the requester's DM.
// A template needing an action nobody provides is shown as unavailable, naming it; a module that
// throws at load is named in status, and everything else keeps working.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE, startCreateHarness, textState, type CreateHarness } from './create-harness.js';

let h: CreateHarness;
let dir: string;

const TICKET_MODULE = `
// An action as a Backstage module exports it: a factory returning createTemplateAction's shape.
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const createTicketAction = () => ({
  id: 'acme:ticket:open',
  description: 'Opens an onboarding ticket for a new service',
  schema: {
    input: {
      title: (z) => z.string().describe('The ticket title'),
      priority: (z) => z.number().int().min(1).max(4).default(3),
    },
    output: { ticketId: (z) => z.string() },
  },
  async handler(ctx) {
    const ticketId = 'OPS-' + (40 + ctx.input.priority);
    await appendFile(${JSON.stringify('__LEDGER__')}, ticketId + ' ' + ctx.input.title + '\\n');
    await writeFile(join(ctx.workspacePath, 'TICKET.md'), '# ' + ctx.input.title + '\\n\\nTicket: ' + ticketId + '\\n');
    ctx.logger.info('opened ' + ticketId + ' for ' + ctx.templateInfo.entityRef);
    ctx.output('ticketId', ticketId);
  },
});
`;

const TEMPLATES = {
  'with-ticket': `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: with-ticket
  title: Service with an onboarding ticket
spec:
  type: service
  parameters:
    - title: The service
      required: [name, owner, repoUrl]
      properties:
        name: { title: Name, type: string, ui:field: EntityNamePicker }
        owner: { title: Owner, type: string, ui:field: OwnerPicker }
        repoUrl: { title: Repository, type: string, ui:field: RepoUrlPicker, ui:options: { allowedHosts: [github.com] } }
  steps:
    - id: ticket
      name: Open the onboarding ticket
      action: acme:ticket:open
      input:
        title: Onboard \${{ parameters.name }}
        priority: 2
    - id: publish
      name: Create the repository
      action: publish:github
      input:
        repoUrl: \${{ parameters.repoUrl }}
        defaultBranch: main
  output:
    links:
      - title: Repository
        url: \${{ steps.publish.output.remoteUrl }}
    text:
      - title: Onboarding
        content: Ticket \${{ steps.ticket.output.ticketId }} tracks the onboarding of \${{ parameters.name }}.
`,
  'needs-pager': `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: needs-pager
  title: Service with a pager rota
spec:
  type: service
  steps:
    - id: rota
      name: Set up the rota
      action: acme:pager:rota
      input: {}
`,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'callboard-custom-action-'));
  const ledger = join(dir, 'tickets.txt');
  await writeFile(ledger, '');
  await writeFile(join(dir, 'ticket-action.mjs'), TICKET_MODULE.replace('__LEDGER__', ledger));
  await writeFile(join(dir, 'broken-action.mjs'), "throw new Error('ACME_API_URL is not set');\n");
  for (const [name, text] of Object.entries(TEMPLATES)) {
    await mkdir(join(dir, 'templates', name), { recursive: true });
    await writeFile(join(dir, 'templates', name, 'template.yaml'), text);
  }
  h = await startCreateHarness({
    templateDirs: [join(dir, 'templates')],
    actionModules: [join(dir, 'ticket-action.mjs'), join(dir, 'broken-action.mjs')],
  });
  // A busy 2-core machine takes over a minute to start PGlite, the fakes and the app.
}, 240_000);
afterAll(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('/create with an action of your own', () => {
  it('runs the module’s action in a task from the modal; its file is published and its output is in the DM', async () => {
    const form = await h.openForm('template:default/with-ticket');
    expect(form.title?.text).toMatch(/^Service with an onboard/);
    const reply = await h.submit(form, {
      ...textState({ name: 'ticketed-api', repoUrl: 'ticketed-api' }),
      'field:owner': {
        'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/payments' } },
      },
    });
    expect(reply.json).toEqual({ response_action: 'clear' });
    await h.scaffolder.tasks.idle();

    expect(await readFile(join(dir, 'tickets.txt'), 'utf8')).toBe('OPS-42 Onboard ticketed-api\n');
    const history = h.git.history('ticketed-api');
    expect(history).toHaveLength(1);
    expect(history[0].files.get('TICKET.md')!.toString()).toBe('# Onboard ticketed-api\n\nTicket: OPS-42\n');

    const dm = h.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === PEOPLE.ada.id && !c.args.thread_ts);
    const thread = h.fake.callsTo('chat.postMessage').filter((c) => c.args.thread_ts === dm.at(-1)!.answer.ts);
    expect(thread.map((c) => String(c.args.text))).toEqual([
      '1/2 Open the onboarding ticket: completed',
      '2/2 Create the repository: completed',
      expect.stringContaining('https://github.com/acme/ticketed-api'),
    ]);
    const final = JSON.stringify(thread.at(-1)!.args.blocks);
    expect(final).toContain('Ticket OPS-42 tracks the onboarding of ticketed-api.');
  });

  it('refuses an owner the catalog does not hold under its field, and runs nothing', async () => {
    const form = await h.openForm('template:default/with-ticket');
    const reply = await h.submit(form, {
      ...textState({ name: 'ghost-api', repoUrl: 'ghost-api' }),
      'field:owner': {
        'callboard.create.entity': { type: 'external_select', selected_option: { value: 'group:default/ghosts' } },
      },
    });
    expect(reply.json).toEqual({
      response_action: 'errors',
      errors: { 'field:owner': 'group:default/ghosts is not in the catalog; choose an entry from the catalog.' },
    });
    expect(await readFile(join(dir, 'tickets.txt'), 'utf8')).not.toContain('ghost-api');
  });

  it('shows a template needing an action nobody provides as unavailable, naming the action, and explains it when named', async () => {
    const opened = h.fake.callsTo('views.open').length;
    await h.client.command('/create', '', { userId: PEOPLE.ada.id });
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened], 'the picker');
    const picker = JSON.stringify(h.lastView().blocks);
    expect(picker).toContain('Service with an onboarding ticket');
    expect(picker).toMatch(
      /Not available until fixed.*Service with a pager rota\*: unknown action \\"acme:pager:rota\\" in step \\"Set up the rota\\"/,
    );

    await h.client.command('/create', 'needs-pager', { userId: PEOPLE.ada.id });
    await h.fake.waitFor(() => h.fake.callsTo('views.open')[opened + 1], 'the explanation');
    const explained = JSON.stringify(h.lastView().blocks);
    expect(explained).toContain('*Service with a pager rota* cannot be used until this is fixed');
    expect(explained).toContain('acme:pager:rota');
  });

  it('names the module that threw at load in status, and the rest keeps working', async () => {
    const status = await h.client.command('/callboard', 'status', { userId: PEOPLE.bob.id });
    const text = JSON.stringify(status.json);
    expect(text).toMatch(/action module \/[^`]*broken-action\.mjs: could not be loaded: ACME_API_URL is not set/);
    const hello = await h.openForm('template:default/hello-log');
    expect(JSON.stringify(hello.blocks)).toContain('Hello log');
  });
});
