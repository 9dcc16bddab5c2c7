// Every slash command Callboard serves, and its App Home: what the entry point hands to src/slack.
import type { HomeTab, SlashCommand } from '../src/slack/index.js';
import { callboard } from './callboard.js';
import { docs } from './docs.js';
import { home } from './home.js';
import { oncall } from './oncall.js';
import { owner } from './owner.js';
import { service } from './service.js';

export const commands: readonly SlashCommand[] = [service, owner, oncall, docs, callboard];
export const homeTab: HomeTab = home;
