// Listeners a command wires itself: /create and paging need Bolt directly (trigger ids, modals,
// view submissions, select menus loaded as the user types). createSlackApp calls each module's
// register hook right after it wires the plain commands, so every listener is composed in one place.
import type { App } from '@slack/bolt';
import type { CommandInfo } from './command.js';
import type { Registry } from './registry.js';

/** What a listener module is handed when the app is built. */
export interface ListenerSetup {
  app: App;
  /** Where it records each command, event and action id it listens for (the manifest must declare them). */
  registered: Registry;
  /** A Slack workspace is connected (HTTP or Socket Mode): false for `callboard ask` and the playground. */
  slackConnected: boolean;
  /** The local playground: modals open in its Web API stand-in, and a form ends in a dry run. */
  tryOut: boolean;
}

export interface ListenerModule {
  /** The slash command it serves, listed in help; absent for buttons and modals alone. */
  command?: CommandInfo;
  register(setup: ListenerSetup): void;
}
