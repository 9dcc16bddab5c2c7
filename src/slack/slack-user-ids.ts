// Catalog people as Slack users: users.lookupByEmail, with every answer (found or not) kept in
// the store so that each replica asks Slack once per email and day, not once per /owner.
import type { webApi } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { SlackCache } from '../store/index.js';

/** Lookups in flight at once: users.lookupByEmail is Tier 3 (50+ a minute). */
const LOOKUP_CONCURRENCY = 4;

/** Errors that say Slack has no user for this email: worth remembering. Anything else is retried next time. */
const NOT_A_SLACK_USER = new Set(['users_not_found', 'user_not_found', 'account_inactive']);

export type SlackUserIdLookup = (
  client: webApi.WebClient | undefined,
  emails: string[],
) => Promise<Map<string, string>>;

export function createSlackUserIdLookup(cache: SlackCache, logger: Logger): SlackUserIdLookup {
  return async (client, emails) => {
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    if (!wanted.length) return new Map();
    const known = await cache.cachedSlackUserIds(wanted);
    const missing = wanted.filter((email) => !known.has(email));
    if (client && missing.length) {
      const found = await lookUp(client, missing, logger);
      await cache.saveSlackUserIds(found);
      for (const [email, id] of found) known.set(email, id);
    }
    const ids = new Map<string, string>();
    for (const [email, id] of known) if (id) ids.set(email, id);
    return ids;
  };
}

async function lookUp(client: webApi.WebClient, emails: string[], logger: Logger): Promise<Map<string, string | null>> {
  const found = new Map<string, string | null>();
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++];
      try {
        const answer = await client.users.lookupByEmail({ email });
        // A deactivated user cannot be mentioned or messaged: no account, as users.list reads it.
        found.set(email, answer.user && !answer.user.deleted ? (answer.user.id ?? null) : null);
      } catch (error) {
        const code = (error as { data?: { error?: string } }).data?.error;
        if (code && NOT_A_SLACK_USER.has(code)) found.set(email, null);
        else
          logger.warn(
            { err: error instanceof Error ? error.message : String(error), code },
            'users.lookupByEmail failed; showing a name instead',
          );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOOKUP_CONCURRENCY, emails.length) }, worker));
  return found;
}
