// What the app listens for, recorded as it is wired: the manifest test compares it with
// manifest.yml, so the two cannot drift apart.
export interface Registry {
  /** With the slash: '/service'. */
  commands: string[];
  /** Event types: 'app_home_opened'. */
  events: string[];
  /** Action id patterns (each answers `id` and `id:<n>`). */
  actions: string[];
  /** Message shortcuts (a message's ⋯ menu): the callback id and the name Slack shows (the playground lists them). */
  messageShortcuts: Array<{ callbackId: string; name: string }>;
}

export function emptyRegistry(): Registry {
  return { commands: [], events: [], actions: [], messageShortcuts: [] };
}

/** Matches an action id and its numbered variants (`service.open`, `service.open:3`). */
export function actionPattern(id: string): RegExp {
  return new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::.*)?$`);
}
