// What a command module is: the contract between commands/ (which render Block Kit from the
// portal) and src/slack (which wires them into Bolt). Commands know nothing of HTTP or Bolt.
import type { types as SlackTypes } from '@slack/bolt';
import type { OnCallDirectory } from '../oncall/index.js';
import type { Portal } from '../portal/index.js';
import type { ScorecardViews } from '../scorecards/scorecard-views.js';

export type Block = SlackTypes.KnownBlock;

/** A reply as Slack would show it. Ephemeral unless shared. */
export interface SlackMessage {
  /** Notification and fallback text (and what a screen reader announces). */
  text: string;
  blocks: Block[];
  /**
   * How to show this same answer to the whole channel: the command to run again and its text
   * (a canonical ref, so the shared answer is the same one). Absent: no "Share in channel" button.
   */
  share?: { command: string; text: string };
}

/** What a command is told about the person asking and the world around it. */
export interface CommandContext {
  portal: Portal;
  /** The Slack user who asked. */
  userId: string;
  /**
   * Slack user ids for people, by their catalog email (lower-cased keys). Emails Slack does not
   * know, or that cannot be looked up right now, are absent: show a plain name for those.
   */
  slackUserIds(emails: string[]): Promise<Map<string, string>>;
  /** Every command the app serves: for help. */
  commands: readonly CommandInfo[];
  /** Live on-call (PagerDuty, Opsgenie); absent: answers show the providers' links only. */
  onCall?: OnCallDirectory;
  /** Scorecard levels and checks, as last scored; absent: the surfaces leave scorecards out. */
  scorecards?: ScorecardViews;
  /** Problems with /create's setup (action modules that could not be loaded), one line each, for status. */
  scaffoldProblems?: readonly string[];
  /** A Slack user's email (users.info), to find them in the catalog; undefined when Slack does not say. */
  slackEmail?(userId: string): Promise<string | undefined>;
}

export interface CommandInfo {
  /** Without the slash: 'service'. */
  name: string;
  description: string;
  usageHint: string;
  /** Full example invocations, e.g. '/service payments'. */
  examples: string[];
}

/** A button handler. Its answer replaces the message that holds the button. */
export interface CommandAction {
  /**
   * Answers buttons whose action_id is this id, or this id followed by `:` and anything (action
   * ids must be unique within one message, so lists of buttons number them).
   */
  id: string;
  handle(value: string, ctx: CommandContext): Promise<SlackMessage>;
}

export interface SlashCommand extends CommandInfo {
  handle(text: string, ctx: CommandContext): Promise<SlackMessage>;
  actions?: CommandAction[];
}

/** The block_id of an answer's main row of buttons: "Share in channel" joins that row. */
export const ANSWER_ACTIONS = 'answer-actions';

/** The action_id for the `index`-th button answered by `action`. */
export function actionId(action: string, index?: number): string {
  return index === undefined ? action : `${action}:${index}`;
}

/** Who opened App Home: their Slack id, and their email when Slack shares it. */
export interface HomeViewer {
  userId: string;
  email?: string;
}

/** Renders the App Home tab; its buttons are answered by the commands' actions. */
export interface HomeTab {
  render(viewer: HomeViewer, ctx: CommandContext): Promise<Block[]>;
}
