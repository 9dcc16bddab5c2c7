export { createSlackApp } from './create-slack-app.js';
export type { SlackApp, SlackAppOptions, SlackMode } from './create-slack-app.js';
export type { ListenerModule, ListenerSetup } from './listener-module.js';
export type { LocalAnswer, LocalAsker, LocalUser, LocalView } from './local-asker.js';
export type {
  Block,
  CommandAction,
  CommandContext,
  CommandInfo,
  HomeTab,
  HomeViewer,
  SlackMessage,
  SlashCommand,
} from './command.js';
export { actionId, ANSWER_ACTIONS } from './command.js';
export * from './blocks.js';
export { renderText, mrkdwnToText } from './render-text.js';
export { SHARE_ACTION } from './reply.js';
export { currentRequest, type RequestScope } from './request-scope.js';
