// /create (and the global shortcut "Create a service"): software templates as Slack modals.
// Unlike the other commands, /create needs Bolt itself (trigger ids, view submissions, select
// menus loaded as the user types), so it is a listener module that wires its own listeners:
//
//   createSlackApp({ ..., listeners: [createListeners({ scaffolder, portal, store, logger })] });
import type { App, SlackShortcut } from '@slack/bolt';
import type { CommandInfo, ListenerModule } from '../src/slack/index.js';
import type { Registry } from '../src/slack/registry.js';
import { registerApprovalListeners } from './create/approval-listeners.js';
import type { CreateDeps } from './create/create-context.js';
import { registerFixListener } from './create/fix-from-scorecard.js';
import { registerFormListeners } from './create/form-listeners.js';
import { openCreateModal } from './create/open-modal.js';
import { slackNotifier } from './create/slack-notifier.js';

export type { CreateDeps } from './create/create-context.js';

/** The global shortcut's callback id (manifest.yml: features.shortcuts). */
export const CREATE_SHORTCUT = 'callboard.create';

const NO_MODAL =
  '/create opens a form in Slack, and no form could be opened here. To try a template without Slack, ' +
  'run `callboard create TEMPLATE --values values.json --dry-run --out FOLDER`.';

export const create: CommandInfo = {
  name: 'create',
  description:
    'Create a repository from a software template: fill a form, get the repository, its access and its catalog entry.',
  usageHint: '[template]',
  examples: ['/create', '/create typescript-service'],
};

/** Without Slack there is no form: name the templates and the command that tries one. */
async function localAnswer(deps: CreateDeps): Promise<string> {
  const templates = await deps.scaffolder.templates.list();
  if (!templates.length) return NO_MODAL;
  const names = templates.map((t) => `• ${t.name}: ${t.title}`).join('\n');
  return `${NO_MODAL}\n\nTemplates:\n${names}\n\nFor example: \`callboard create ${templates[0].name} --values values.json --dry-run --out ./${templates[0].name}-preview\``;
}

/** /create's listeners, told when the app is built whether a workspace is connected or the playground tries it out. */
export function createListeners(deps: Omit<CreateDeps, 'slackConnected' | 'tryOut'>): ListenerModule {
  return {
    command: create,
    register: ({ app, registered, slackConnected, tryOut }) => {
      registerCreate(app, registered, { ...deps, slackConnected, tryOut });
    },
  };
}

function registerCreate(app: App, registry: Registry, deps: CreateDeps): void {
  const logger = deps.logger.child({ command: '/create' });
  deps.scaffolder.tasks.useNotifier(
    slackNotifier({
      client: app.client,
      portal: deps.portal,
      store: deps.store,
      taskStore: deps.scaffolder.taskStore,
      logger,
    }),
  );

  registry.commands.push(`/${create.name}`);
  app.command(`/${create.name}`, async ({ ack, command, client, respond }) => {
    // Acknowledged at once, empty: the answer is the modal.
    await ack();
    if (deps.slackConnected === false && !deps.tryOut) {
      await respond({ response_type: 'ephemeral', text: await localAnswer(deps) });
      return;
    }
    try {
      await openCreateModal(deps, client, {
        triggerId: command.trigger_id,
        userId: command.user_id,
        words: command.text ?? '',
        channelId: command.channel_id,
      });
    } catch (error) {
      // No modal could open (no Slack workspace, as in the local playground, or Slack refused).
      logger.warn({ err: error, user: command.user_id }, '/create could not open its modal');
      await respond({ response_type: 'ephemeral', text: NO_MODAL });
    }
  });

  app.shortcut<SlackShortcut>(CREATE_SHORTCUT, async ({ ack, body, client }) => {
    await ack();
    await openCreateModal(deps, client, { triggerId: body.trigger_id, userId: body.user.id, words: '' });
  });

  registerFormListeners(app, deps, registry);
  registerApprovalListeners(app, deps, registry);
  registerFixListener(app, deps, registry);
}
