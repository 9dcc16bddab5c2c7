// A running Callboard with /create: a small catalog (teams, people, approvers) in PGlite, the
// real search and portal, the Bolt app on an HTTP port with a signing secret, the fake Slack its
// Web API calls go to, and the fake GitHub (with its write endpoints) repositories are made in.
// Sends what Slack sends for modals: view submissions, block actions in views, select-menu
// suggestions and shortcuts, each signed.
import type { ScoringService } from '../../src/scorecards/scoring-service.js';
import { syncFolders } from '../../src/cli/local-sync.js';
import { createCallboardSlackApp, type CallboardSlackApp } from '../../src/cli/server.js';
import { silentLogger } from '../../src/log.js';
import { EVERYONE, type CreatePolicy } from '../../src/scaffold/run/create-policy.js';
import type { Scaffolder } from '../../src/scaffold/create-scaffolder.js';
import { defaultTemplateDir } from '../../src/scaffold/template/default-template-dir.js';
import { createGitHubConnection } from '../../src/sources/github/connection.js';
import type { CatalogStore } from '../../src/store/index.js';
import { searchAndPortal, testCallboard } from '../support/callboard.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github.js';
import { addGitWrites, type FakeGitWrites } from '../support/fake-github-git.js';
import { FakeSlack, type RecordedCall } from '../support/fake-slack.js';
import { SlackClient, TEAM_ID, type SlackReply } from '../support/slack-client.js';
import { openTestStores } from '../support/store.js';

export const SIGNING_SECRET = 'create-signing-secret-0123456789abcdef';
const fixtures = new URL('../fixtures/scaffold/', import.meta.url).pathname;

export const PEOPLE = {
  paula: { id: 'U0PAULA', name: 'paula', email: 'paula@example.com' },
  ada: { id: 'U0ADA', name: 'ada', email: 'ada@example.com' },
  bob: { id: 'U0BOB', name: 'bob', email: 'bob@example.com' },
  sam: { id: 'U0SAM', name: 'sam', email: 'sam@example.com' },
};

export interface ModalView {
  id: string;
  hash: string;
  callback_id?: string;
  private_metadata?: string;
  blocks: Array<Record<string, any>>;
  title?: { text: string };
  submit?: { text: string };
}

export interface CreateHarness {
  store: CatalogStore;
  slack: CallboardSlackApp;
  fake: FakeSlack;
  github: FakeGitHub;
  git: FakeGitWrites;
  scaffolder: Scaffolder;
  /** The scorer the app's /scorecard reads (not started: a test scores when it wants). */
  scoring: ScoringService;
  client: SlackClient;
  /** Sends a signed interaction payload (form-encoded `payload=`). */
  interact(payload: Record<string, unknown>): Promise<SlackReply>;
  /** The last view the fake Slack holds for this user's modal (open, update or push). */
  lastView(): ModalView;
  submit(view: ModalView, values: Record<string, Record<string, unknown>>, userId?: string): Promise<SlackReply>;
  pickTemplate(view: ModalView, ref: string, userId?: string): Promise<ModalView>;
  /** Runs /create as `userId` (default: Ada), waits for the picker and picks `ref`: that template's form. */
  openForm(ref: string, userId?: string): Promise<ModalView>;
  suggest(
    view: ModalView,
    blockId: string,
    actionId: string,
    value: string,
    userId?: string,
  ): Promise<Array<{ value: string; text: { text: string } }>>;
  /** Presses a button on a message the app posted (approval requests). */
  press(call: RecordedCall, actionId: string, userId: string): Promise<SlackReply & { responseUrl: string }>;
  close(): Promise<void>;
}

export interface CreateHarnessOptions {
  policy?: CreatePolicy;
  userGroups?: Record<string, string[]>;
  /** More template folders, after the shipped templates and the fixtures. */
  templateDirs?: string[];
  /** Modules of custom actions (SCAFFOLDER_ACTION_MODULES), as absolute paths. */
  actionModules?: string[];
}

export async function startCreateHarness(options: CreateHarnessOptions = {}): Promise<CreateHarness> {
  const stores = await openTestStores();
  const store = stores.catalog;
  const { failures } = await syncFolders(store, [`${fixtures}catalog`]);
  if (failures.length) throw new Error('fixture catalog could not be read');
  const { search, portal } = searchAndPortal(store);
  await search.refresh();

  // An Enterprise Cloud organisation: the bundled templates may ask for internal repositories,
  // which github.com refuses (422) for organisations outside an enterprise.
  const github = await startFakeGitHub({ org: 'acme', description: 'ghec' });
  github.org.addTeam({ slug: 'payments-devs', members: ['ada'] });
  github.org.addTeam({ slug: 'security', members: ['sam'] });
  github.org.addRepository({ name: 'ledger', files: { 'README.md': '# ledger' } });
  const git = addGitWrites(github);
  const connection = await createGitHubConnection({ org: 'acme', token: github.token, apiUrl: github.url, retries: 0 });

  const fake = await FakeSlack.start({ users: Object.values(PEOPLE), userGroups: options.userGroups });
  const callboard = testCallboard(
    { stores, search, portal },
    {
      slack: { botToken: fake.botToken, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl.replace(/\/$/, '') },
      github: { org: 'acme', apiUrl: github.url, syncIntervalMinutes: 0, factsCron: '17 * * * *', filters: {} },
      scaffold: {
        templateDirs: [defaultTemplateDir(), `${fixtures}templates`, ...(options.templateDirs ?? [])],
        actionModules: options.actionModules,
        catalogTemplates: true,
        policy: options.policy ?? EVERYONE,
        keepFailedRepos: false,
      },
    },
  );
  // The app `callboard start` serves, built by the same factory, publishing through the fake GitHub.
  const slack = await createCallboardSlackApp(callboard, silentLogger, { github: connection });
  const { scaffolder } = slack;
  const { port } = await slack.start();
  const client = new SlackClient(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET, () => fake.responseUrl());
  let triggers = 0;
  const user = (id: string) => ({ id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: TEAM_ID });
  const base = () => ({
    token: 'deprecated-verification-token',
    api_app_id: 'A0CALLBOARD',
    team: { id: TEAM_ID, domain: 'fake-workspace' },
    is_enterprise_install: false,
  });
  const viewPayload = (view: ModalView, state: Record<string, unknown> = {}) => ({
    id: view.id,
    hash: view.hash,
    team_id: TEAM_ID,
    type: 'modal',
    blocks: view.blocks,
    callback_id: view.callback_id ?? '',
    private_metadata: view.private_metadata ?? '',
    state: { values: state },
    title: view.title,
    submit: view.submit,
    previous_view_id: null,
    root_view_id: view.id,
    app_id: 'A0CALLBOARD',
    external_id: '',
    bot_id: 'B0BOT',
  });
  const interact = (payload: Record<string, unknown>) =>
    client.send(
      new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
      'application/x-www-form-urlencoded',
    );

  const harness: CreateHarness = {
    store,
    slack,
    fake,
    github,
    git,
    scaffolder,
    scoring: callboard.scoring,
    client,
    interact,
    lastView() {
      const views = fake.calls.filter((c) => ['views.open', 'views.update', 'views.push'].includes(c.method) && c.ok);
      const last = views.at(-1);
      if (!last) throw new Error('no modal was opened');
      return last.answer.view as ModalView;
    },
    submit(view, values, userId = PEOPLE.ada.id) {
      return interact({
        ...base(),
        type: 'view_submission',
        user: user(userId),
        trigger_id: `${++triggers}.1.submit`,
        view: viewPayload(view, values),
        response_urls: [],
      });
    },
    async pickTemplate(view, ref, userId = PEOPLE.ada.id) {
      const before = fake.callsTo('views.update').length;
      await interact({
        ...base(),
        type: 'block_actions',
        user: user(userId),
        trigger_id: `${++triggers}.1.pick`,
        container: { type: 'view', view_id: view.id },
        view: viewPayload(view),
        actions: [
          {
            type: 'static_select',
            action_id: 'callboard.create.pick_template',
            block_id: 'template',
            selected_option: { text: { type: 'plain_text', text: ref }, value: ref },
            action_ts: '1.0',
          },
        ],
      });
      const call = await fake.waitFor(() => fake.callsTo('views.update')[before], 'the form');
      if (!call.ok) throw new Error(`views.update failed: ${call.error} ${JSON.stringify(call.answer)}`);
      return call.answer.view as ModalView;
    },
    async openForm(ref, userId = PEOPLE.ada.id) {
      const opened = fake.callsTo('views.open').length;
      await client.command('/create', '', { userId });
      await fake.waitFor(() => fake.callsTo('views.open')[opened], 'the picker');
      return harness.pickTemplate(harness.lastView(), ref, userId);
    },
    async suggest(view, blockId, actionId, value, userId = PEOPLE.ada.id) {
      const reply = await interact({
        ...base(),
        type: 'block_suggestion',
        user: user(userId),
        container: { type: 'view', view_id: view.id },
        action_id: actionId,
        block_id: blockId,
        value,
        view: viewPayload(view),
      });
      return (reply.json?.options ?? []) as Array<{ value: string; text: { text: string } }>;
    },
    async press(call, actionId, userId) {
      const blocks = (call.args.blocks ?? []) as Array<{
        type: string;
        elements?: Array<{ action_id: string; value: string }>;
      }>;
      const element = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId);
      if (!element) throw new Error(`no ${actionId} button`);
      const responseUrl = fake.responseUrl();
      const channel = String(call.args.channel);
      const ts = String(call.answer.ts);
      const reply = await interact({
        ...base(),
        type: 'block_actions',
        user: user(userId),
        trigger_id: `${++triggers}.1.press`,
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: 'platform' },
        message: { type: 'message', ts, text: call.args.text, blocks },
        response_url: responseUrl,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            value: element.value,
            text: { type: 'plain_text', text: actionId },
            action_ts: '1.0',
          },
        ],
      });
      return { ...reply, responseUrl };
    },
    async close() {
      await slack.stop();
      await fake.close();
      await github.close();
      await stores.close();
    },
  };
  return harness;
}

/** A shortcut payload as Slack sends it for a global shortcut. */
export function shortcutPayload(callbackId: string, userId: string): Record<string, unknown> {
  return {
    type: 'shortcut',
    token: 'deprecated-verification-token',
    action_ts: '1.0',
    team: { id: TEAM_ID, domain: 'fake-workspace' },
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM_ID },
    is_enterprise_install: false,
    callback_id: callbackId,
    trigger_id: '99.1.shortcut',
  };
}

/** Slack's view state for plain inputs: { block: { action: { value } } }. */
export function textState(values: Record<string, string>): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [`field:${field}`, { value: { type: 'plain_text_input', value } }]),
  );
}

export function selectState(field: string, value: string, actionId = 'value'): Record<string, Record<string, unknown>> {
  return { [`field:${field}`]: { [actionId]: { type: 'static_select', selected_option: { value } } } };
}
