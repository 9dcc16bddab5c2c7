// What every command that answers about one entity (/service, /owner, /oncall, /docs) shares: the
// reply when the entity asked about has left the catalog since its button was made.
import { escapeMrkdwn, section, type SlackMessage } from '../src/slack/index.js';

/** `ref` was removed from the catalog (a button pressed after a sync, or a stale search hit). */
export function gone(ref: string): SlackMessage {
  const text = `${ref} is no longer in the catalog.`;
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
